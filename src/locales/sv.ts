/**
 * Swedish. Addresses the user as "du"; the launcher says "Tyck till", the Swedish invitation to
 * give an opinion.
 */
import type { Translation } from '../ui/i18n/translation.js';

const sv: Translation = {
  feedback: 'Tyck till',
  title: 'Lämna synpunkter',
  message: 'Meddelande',
  messagePlaceholder: 'Vad fungerar bra? Vad står i vägen för dig?',
  name: 'Namn',
  namePlaceholder: 'Ditt namn',
  email: 'E-post',
  emailPlaceholder: 'namn@example.com',
  requiredMark: ' (obligatoriskt)',
  send: 'Skicka',
  sending: 'Skickar…',
  cancel: 'Avbryt',
  close: 'Stäng',
  required: 'Fyll i det här fältet.',
  invalid: 'Kontrollera det här fältet.',
  invalidEmail: 'Ange en e-postadress, till exempel namn@example.com.',
  sent: 'Skickat – tack!',
  sentDetail: 'Dina synpunkter har nått teamet.',
  saved: 'Sparat på den här enheten',
  savedOffline: 'Du är offline. Det skickas när du är online igen.',
  savedUnreachable: 'Servern går inte att nå just nu. Det skickas så snart det går.',
  savedBusy: 'Servern är överbelastad. Det skickas om en liten stund.',
  savedMisconfigured: 'Feedbacktjänsten svarar inte som den ska. Det skickas när den gör det igen.',
  savedLater: 'Det skickas så snart servern svarar.',
  visitOnly: 'Sparat bara under det här besöket',
  visitOnlyDetail: 'Den här webbläsaren sparar det inte när du lämnar sidan: det skickas om servern svarar innan dess.',
  refused: 'Inte skickat än',
  refusedDetail: 'Webbplatsens feedbacktjänst tar inte emot meddelanden från den här sidan. Tills den gör det ligger det kvar sparat på den här enheten.',
  failed: 'Det gick inte att skicka. Ditt meddelande finns kvar – försök igen.',
  nps: 'Hur troligt är det att du skulle rekommendera oss till en vän eller kollega?',
  npsLow: 'Inte troligt',
  npsHigh: 'Mycket troligt',
  csat: 'Hur nöjd är du med oss?',
  csatLow: 'Mycket missnöjd',
  csatHigh: 'Mycket nöjd',
  comment: 'Vad är den främsta anledningen till ditt betyg?',
  commentPlaceholder: 'Några ord räcker',
  thanks: 'Tack!',
};

export default sv;

/**
 * Swedish. Addresses the user as "du"; the launcher says "Tyck till", the Swedish invitation to
 * give an opinion.
 */
import type { Strings } from '../ui/strings.js';

const sv: Strings = {
  feedback: 'Tyck till',
  title: 'Lämna synpunkter',
  message: 'Meddelande',
  name: 'Namn',
  email: 'E-post',
  optional: 'valfritt',
  send: 'Skicka',
  sending: 'Skickar…',
  close: 'Stäng',
  required: 'Fyll i det här fältet.',
  invalid: 'Kontrollera det här fältet.',
  sent: 'Skickat – tack!',
  queued: 'Sparat – skickas när du är online igen',
  failed: 'Kunde inte skickas. Ditt meddelande finns kvar – försök igen.',
  nps: 'Hur troligt är det att du skulle rekommendera oss till en vän eller kollega?',
  npsLow: 'Inte troligt',
  npsHigh: 'Mycket troligt',
  csat: 'Hur nöjd är du med oss?',
  csatLow: 'Mycket missnöjd',
  csatHigh: 'Mycket nöjd',
  comment: 'Vad är den främsta anledningen till ditt betyg?',
  thanks: 'Tack!',
};

export default sv;

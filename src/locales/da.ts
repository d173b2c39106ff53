/**
 * Danish. Addresses the user as "du", as Danish software does.
 */
import type { Translation } from '../ui/i18n/translation.js';

const da: Translation = {
  feedback: 'Feedback',
  title: 'Send feedback',
  message: 'Besked',
  messagePlaceholder: 'Hvad fungerer godt? Hvad står i vejen for dig?',
  name: 'Navn',
  namePlaceholder: 'Dit navn',
  email: 'E-mail',
  emailPlaceholder: 'navn@example.com',
  requiredMark: ' (skal udfyldes)',
  send: 'Send',
  sending: 'Sender…',
  cancel: 'Annuller',
  close: 'Luk',
  required: 'Udfyld dette felt.',
  invalid: 'Tjek dette felt.',
  invalidEmail: 'Angiv en e-mailadresse, f.eks. navn@example.com.',
  sent: 'Sendt – tak!',
  sentDetail: 'Din feedback er nået frem til teamet.',
  saved: 'Gemt på denne enhed',
  savedOffline: 'Du er offline. Din feedback sendes, når du er online igen.',
  savedUnreachable: 'Serveren kan ikke nås lige nu. Din feedback sendes, så snart det er muligt.',
  savedBusy: 'Serveren har travlt. Din feedback sendes om lidt.',
  savedMisconfigured: 'Feedbacktjenesten svarer ikke, som den skal. Din feedback sendes, når tjenesten virker igen.',
  savedLater: 'Din feedback sendes, så snart serveren svarer.',
  visitOnly: 'Kun gemt under dette besøg',
  visitOnlyDetail: 'Denne browser gemmer den ikke, når du forlader siden: Den sendes, hvis serveren svarer inden da.',
  refused: 'Ikke sendt endnu',
  refusedDetail: 'Webstedets feedbacktjeneste tager ikke imod beskeder fra denne side. Indtil den gør det, forbliver din feedback gemt på denne enhed.',
  failed: 'Ikke sendt. Din besked er ikke gået tabt – prøv igen.',
  nps: 'Hvor sandsynligt er det, at du vil anbefale os til en ven eller kollega?',
  npsLow: 'Ikke sandsynligt',
  npsHigh: 'Meget sandsynligt',
  csat: 'Hvor tilfreds er du med os?',
  csatLow: 'Meget utilfreds',
  csatHigh: 'Meget tilfreds',
  comment: 'Hvad er den vigtigste grund til din vurdering?',
  commentPlaceholder: 'Et par ord er nok',
  thanks: 'Tak!',
};

export default da;

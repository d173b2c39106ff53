/**
 * Danish. Addresses the user as "du", as Danish software does.
 */
import type { Strings } from '../ui/strings.js';

const da: Strings = {
  feedback: 'Feedback',
  title: 'Send feedback',
  message: 'Besked',
  name: 'Navn',
  email: 'E-mail',
  optional: 'valgfrit',
  send: 'Send',
  sending: 'Sender…',
  close: 'Luk',
  required: 'Udfyld dette felt.',
  invalid: 'Tjek dette felt.',
  sent: 'Sendt – tak!',
  queued: 'Gemt – sendes, når du er online igen',
  failed: 'Ikke sendt. Din besked er gemt – prøv igen.',
  nps: 'Hvor sandsynligt er det, at du vil anbefale os til en ven eller kollega?',
  npsLow: 'Ikke sandsynligt',
  npsHigh: 'Meget sandsynligt',
  csat: 'Hvor tilfreds er du med os?',
  csatLow: 'Meget utilfreds',
  csatHigh: 'Meget tilfreds',
  comment: 'Hvad er den vigtigste grund til din vurdering?',
  thanks: 'Tak!',
};

export default da;

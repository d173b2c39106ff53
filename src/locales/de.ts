/**
 * German. Addresses the user as "Sie", as most software for work does; an app that says "du"
 * replaces the sentences that address the user with `strings`.
 */
import type { Strings } from '../ui/strings.js';

const de: Strings = {
  feedback: 'Feedback',
  title: 'Feedback senden',
  message: 'Nachricht',
  name: 'Name',
  email: 'E-Mail',
  optional: 'optional',
  send: 'Senden',
  sending: 'Wird gesendet …',
  close: 'Schließen',
  required: 'Bitte füllen Sie dieses Feld aus.',
  invalid: 'Bitte überprüfen Sie dieses Feld.',
  sent: 'Danke – gesendet',
  queued: 'Gespeichert – wird gesendet, sobald Sie wieder online sind',
  failed: 'Nicht gesendet. Ihre Nachricht bleibt erhalten – bitte versuchen Sie es noch einmal.',
  nps: 'Wie wahrscheinlich ist es, dass Sie uns Freunden oder Kollegen empfehlen?',
  npsLow: 'Unwahrscheinlich',
  npsHigh: 'Sehr wahrscheinlich',
  csat: 'Wie zufrieden sind Sie mit uns?',
  csatLow: 'Sehr unzufrieden',
  csatHigh: 'Sehr zufrieden',
  comment: 'Was ist der wichtigste Grund für Ihre Bewertung?',
  thanks: 'Vielen Dank!',
};

export default de;

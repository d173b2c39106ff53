/**
 * German. Addresses the user as "Sie", as most software for work does; an app that says "du"
 * replaces the sentences that address the user with `strings`.
 */
import type { Translation } from '../ui/i18n/translation.js';

const de: Translation = {
  feedback: 'Feedback',
  title: 'Feedback senden',
  message: 'Nachricht',
  messagePlaceholder: 'Was funktioniert gut? Was steht Ihnen im Weg?',
  name: 'Name',
  namePlaceholder: 'Ihr Name',
  email: 'E-Mail',
  emailPlaceholder: 'name@example.com',
  requiredMark: ' (Pflichtfeld)',
  send: 'Senden',
  sending: 'Wird gesendet …',
  cancel: 'Abbrechen',
  close: 'Schließen',
  required: 'Bitte füllen Sie dieses Feld aus.',
  invalid: 'Bitte überprüfen Sie dieses Feld.',
  invalidEmail: 'Bitte geben Sie eine E-Mail-Adresse ein, z.\u00a0B. name@example.com.',
  sent: 'Danke – gesendet',
  sentDetail: 'Ihr Feedback ist beim Team angekommen.',
  saved: 'Auf diesem Gerät gespeichert',
  savedOffline: 'Sie sind offline. Es wird gesendet, sobald Sie wieder online sind.',
  savedUnreachable: 'Der Server ist gerade nicht erreichbar. Es wird gesendet, sobald er wieder erreichbar ist.',
  savedBusy: 'Der Server ist ausgelastet. Es wird in Kürze gesendet.',
  savedMisconfigured: 'Der Feedback-Dienst antwortet nicht wie erwartet. Es wird gesendet, sobald er wieder richtig antwortet.',
  savedLater: 'Es wird gesendet, sobald der Server antwortet.',
  visitOnly: 'Nur für diesen Besuch gespeichert',
  visitOnlyDetail: 'Dieser Browser behält es nicht, wenn Sie die Seite verlassen: Es wird gesendet, wenn der Server vorher antwortet.',
  refused: 'Noch nicht gesendet',
  refusedDetail: 'Der Feedback-Dienst dieser Website nimmt keine Nachrichten von dieser Seite an. Bis sich das ändert, bleibt Ihr Feedback auf diesem Gerät gespeichert.',
  failed: 'Nicht gesendet. Ihre Nachricht bleibt erhalten – bitte versuchen Sie es noch einmal.',
  nps: 'Wie wahrscheinlich ist es, dass Sie uns einem Freund oder Kollegen weiterempfehlen?',
  npsLow: 'Unwahrscheinlich',
  npsHigh: 'Sehr wahrscheinlich',
  csat: 'Wie zufrieden sind Sie mit uns?',
  csatLow: 'Sehr unzufrieden',
  csatHigh: 'Sehr zufrieden',
  comment: 'Was ist der wichtigste Grund für Ihre Bewertung?',
  commentPlaceholder: 'Ein paar Worte genügen',
  thanks: 'Vielen Dank!',
};

export default de;

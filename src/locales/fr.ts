/**
 * French. Addresses the user as "vous"; a narrow no-break space before ? and !, a no-break space
 * before the colon, as French typography has it.
 */
import type { Strings } from '../ui/strings.js';

const fr: Strings = {
  feedback: 'Votre avis',
  title: 'Donner votre avis',
  message: 'Message',
  name: 'Nom',
  email: 'E-mail',
  optional: 'facultatif',
  send: 'Envoyer',
  sending: 'Envoi en cours…',
  close: 'Fermer',
  required: 'Veuillez remplir ce champ.',
  invalid: 'Veuillez vérifier ce champ.',
  sent: 'Envoyé, merci\u202f!',
  queued: 'Enregistré\u00a0: il sera envoyé dès que vous serez de nouveau en ligne',
  failed: 'Échec de l’envoi. Votre message est conservé\u00a0: veuillez réessayer.',
  nps: 'Quelle est la probabilité que vous nous recommandiez à un ami ou à un collègue\u202f?',
  npsLow: 'Peu probable',
  npsHigh: 'Très probable',
  csat: 'Quel est votre niveau de satisfaction à notre égard\u202f?',
  csatLow: 'Très insatisfait',
  csatHigh: 'Très satisfait',
  comment: 'Quelle est la raison principale de votre note\u202f?',
  thanks: 'Merci\u202f!',
};

export default fr;

/**
 * French. Addresses the user as "vous"; a narrow no-break space before ? and !, a no-break space
 * before the colon, as French typography has it.
 */
import type { Translation } from '../ui/i18n/translation.js';

const fr: Translation = {
  feedback: 'Votre avis',
  title: 'Donner votre avis',
  message: 'Message',
  messagePlaceholder: 'Qu’est-ce qui fonctionne bien\u202f? Qu’est-ce qui vous gêne\u202f?',
  name: 'Nom',
  namePlaceholder: 'Votre nom',
  email: 'E-mail',
  emailPlaceholder: 'nom@example.com',
  requiredMark: ' (obligatoire)',
  send: 'Envoyer',
  sending: 'Envoi en cours…',
  cancel: 'Annuler',
  close: 'Fermer',
  required: 'Veuillez remplir ce champ.',
  invalid: 'Veuillez vérifier ce champ.',
  invalidEmail: 'Veuillez saisir une adresse e-mail, par exemple nom@example.com.',
  sent: 'Envoyé, merci\u202f!',
  sentDetail: 'Votre avis est bien parvenu à l’équipe.',
  saved: 'Enregistré sur cet appareil',
  savedOffline: 'Vous êtes hors ligne. Votre avis sera envoyé dès votre retour en ligne.',
  savedUnreachable: 'Le serveur est injoignable pour le moment. Votre avis sera envoyé dès que possible.',
  savedBusy: 'Le serveur est surchargé. Votre avis sera envoyé d’ici peu.',
  savedMisconfigured: 'Le service d’avis ne répond pas comme prévu. Votre avis sera envoyé dès que tout sera rentré dans l’ordre.',
  savedLater: 'Votre avis sera envoyé dès que le serveur répondra.',
  visitOnly: 'Enregistré pour cette visite seulement',
  visitOnlyDetail: 'Ce navigateur ne conservera pas votre avis après votre départ\u00a0: il sera envoyé si le serveur répond d’ici là.',
  refused: 'Pas encore envoyé',
  refusedDetail: 'Le service d’avis de ce site n’accepte pas les messages de cette page. Votre avis reste enregistré sur cet appareil en attendant.',
  failed: 'Échec de l’envoi. Votre message est conservé\u00a0: veuillez réessayer.',
  nps: 'Quelle est la probabilité que vous nous recommandiez à un ami ou à un collègue\u202f?',
  npsLow: 'Peu probable',
  npsHigh: 'Très probable',
  csat: 'Quel est votre niveau de satisfaction à notre égard\u202f?',
  csatLow: 'Très insatisfait',
  csatHigh: 'Très satisfait',
  comment: 'Quelle est la raison principale de votre note\u202f?',
  commentPlaceholder: 'Quelques mots suffisent',
  thanks: 'Merci\u202f!',
};

export default fr;

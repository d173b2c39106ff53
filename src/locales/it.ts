/**
 * Italian. Addresses the user as "tu", as most Italian software does; questions are phrased so
 * that they need no gendered adjective.
 */
import type { Translation } from '../ui/i18n/translation.js';

const it: Translation = {
  feedback: 'Feedback',
  title: 'Invia feedback',
  message: 'Messaggio',
  messagePlaceholder: 'Cosa funziona bene? Cosa ti è d’ostacolo?',
  name: 'Nome',
  namePlaceholder: 'Il tuo nome',
  email: 'Email',
  emailPlaceholder: 'nome@example.com',
  requiredMark: ' (obbligatorio)',
  send: 'Invia',
  sending: 'Invio in corso…',
  cancel: 'Annulla',
  close: 'Chiudi',
  required: 'Compila questo campo.',
  invalid: 'Controlla questo campo.',
  invalidEmail: 'Inserisci un indirizzo email, ad esempio nome@example.com.',
  sent: 'Inviato, grazie!',
  sentDetail: 'Il tuo feedback è arrivato al team.',
  saved: 'Salvato su questo dispositivo',
  savedOffline: 'Sei offline. Verrà inviato quando tornerai online.',
  savedUnreachable: 'Al momento il server non è raggiungibile. Verrà inviato appena possibile.',
  savedBusy: 'Il server è sovraccarico. Verrà inviato tra poco.',
  savedMisconfigured: 'Il servizio di feedback non risponde come dovrebbe. Verrà inviato quando tornerà a funzionare.',
  savedLater: 'Verrà inviato non appena il server risponderà.',
  visitOnly: 'Salvato solo per questa visita',
  visitOnlyDetail: 'Questo browser non lo conserverà dopo che avrai lasciato la pagina: verrà inviato se il server risponde prima.',
  refused: 'Non ancora inviato',
  refusedDetail: 'Il servizio di feedback di questo sito non accetta messaggi da questa pagina. Il tuo feedback resta salvato su questo dispositivo finché non li accetterà.',
  failed: 'Invio non riuscito. Il tuo messaggio è stato conservato: riprova.',
  nps: 'Quanto è probabile che tu ci consigli a un amico o a un collega?',
  npsLow: 'Poco probabile',
  npsHigh: 'Molto probabile',
  csat: 'Qual è il tuo livello di soddisfazione nei nostri confronti?',
  csatLow: 'Molto insoddisfatto',
  csatHigh: 'Molto soddisfatto',
  comment: 'Qual è il motivo principale della tua valutazione?',
  commentPlaceholder: 'Bastano poche parole',
  thanks: 'Grazie!',
};

export default it;

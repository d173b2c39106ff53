/**
 * Italian. Addresses the user as "tu", as most Italian software does; questions are phrased so
 * that they need no gendered adjective.
 */
import type { Strings } from '../ui/strings.js';

const it: Strings = {
  feedback: 'Feedback',
  title: 'Invia feedback',
  message: 'Messaggio',
  name: 'Nome',
  email: 'Email',
  optional: 'facoltativo',
  send: 'Invia',
  sending: 'Invio in corso…',
  close: 'Chiudi',
  required: 'Compila questo campo.',
  invalid: 'Controlla questo campo.',
  sent: 'Inviato, grazie!',
  queued: 'Salvato: verrà inviato quando tornerai online',
  failed: 'Invio non riuscito. Il tuo messaggio è stato conservato: riprova.',
  nps: 'Quanto è probabile che tu ci consigli a un amico o a un collega?',
  npsLow: 'Poco probabile',
  npsHigh: 'Molto probabile',
  csat: 'Qual è il tuo livello di soddisfazione nei nostri confronti?',
  csatLow: 'Molto insoddisfatto',
  csatHigh: 'Molto soddisfatto',
  comment: 'Qual è il motivo principale della tua valutazione?',
  thanks: 'Grazie!',
};

export default it;

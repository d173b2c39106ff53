/**
 * Portuguese as written in Portugal (and the other Lusophone countries that follow its norm when
 * named). Polite third person, as European Portuguese software writes.
 */
import type { Strings } from '../ui/strings.js';

const ptPT: Strings = {
  feedback: 'Comentários',
  title: 'Enviar comentários',
  message: 'Mensagem',
  name: 'Nome',
  email: 'E-mail',
  optional: 'opcional',
  send: 'Enviar',
  sending: 'A enviar…',
  close: 'Fechar',
  required: 'Preencha este campo.',
  invalid: 'Verifique este campo.',
  sent: 'Enviado. Obrigado!',
  queued: 'Mensagem guardada. Será enviada quando voltar a estar online.',
  failed: 'Não foi possível enviar. A sua mensagem foi guardada; tente novamente.',
  nps: 'Qual a probabilidade de nos recomendar a um amigo ou colega?',
  npsLow: 'Pouco provável',
  npsHigh: 'Muito provável',
  csat: 'Qual o seu grau de satisfação connosco?',
  csatLow: 'Muito insatisfeito',
  csatHigh: 'Muito satisfeito',
  comment: 'Qual o principal motivo da sua classificação?',
  thanks: 'Obrigado!',
};

export default ptPT;

/**
 * Portuguese as written in Brazil. Addresses the user as "você".
 */
import type { Strings } from '../ui/strings.js';

const ptBR: Strings = {
  feedback: 'Feedback',
  title: 'Enviar feedback',
  message: 'Mensagem',
  name: 'Nome',
  email: 'E-mail',
  optional: 'opcional',
  send: 'Enviar',
  sending: 'Enviando…',
  close: 'Fechar',
  required: 'Preencha este campo.',
  invalid: 'Verifique este campo.',
  sent: 'Enviado. Obrigado!',
  queued: 'Mensagem salva. Ela será enviada quando você voltar a ficar on-line.',
  failed: 'Não foi possível enviar. Sua mensagem foi guardada; tente novamente.',
  nps: 'Qual é a probabilidade de você nos recomendar a um amigo ou colega?',
  npsLow: 'Pouco provável',
  npsHigh: 'Muito provável',
  csat: 'Qual é o seu nível de satisfação conosco?',
  csatLow: 'Muito insatisfeito',
  csatHigh: 'Muito satisfeito',
  comment: 'Qual é o principal motivo da sua nota?',
  thanks: 'Obrigado!',
};

export default ptBR;

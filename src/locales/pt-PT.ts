/**
 * Portuguese as written in Portugal (and the other Lusophone countries that follow its norm when
 * named). Polite third person, as European Portuguese software writes.
 */
import type { Translation } from '../ui/i18n/translation.js';

const ptPT: Translation = {
  feedback: 'Comentários',
  title: 'Enviar comentários',
  message: 'Mensagem',
  messagePlaceholder: 'O que funciona bem? O que lhe dificulta a vida?',
  name: 'Nome',
  namePlaceholder: 'O seu nome',
  email: 'E-mail',
  emailPlaceholder: 'nome@example.com',
  requiredMark: ' (obrigatório)',
  send: 'Enviar',
  sending: 'A enviar…',
  cancel: 'Cancelar',
  close: 'Fechar',
  required: 'Preencha este campo.',
  invalid: 'Verifique este campo.',
  invalidEmail: 'Introduza um endereço de e-mail, como nome@example.com.',
  sent: 'Enviado. Obrigado!',
  sentDetail: 'Os seus comentários chegaram à equipa.',
  saved: 'Guardado neste dispositivo',
  savedOffline: 'Está offline. Será enviado quando voltar a estar online.',
  savedUnreachable: 'Não é possível contactar o servidor neste momento. Será enviado assim que for possível.',
  savedBusy: 'O servidor está ocupado. Será enviado dentro de momentos.',
  savedMisconfigured: 'O serviço de comentários não está a responder como devia. Será enviado quando voltar a responder.',
  savedLater: 'Será enviado assim que o servidor responder.',
  visitOnly: 'Guardado apenas durante esta visita',
  visitOnlyDetail: 'Este browser não o vai guardar depois de sair: será enviado se o servidor responder antes disso.',
  refused: 'Ainda não enviado',
  refusedDetail: 'O serviço de comentários deste site não aceita mensagens desta página. Fica guardado neste dispositivo até que as aceite.',
  failed: 'Não foi possível enviar. A sua mensagem continua aqui; tente novamente.',
  nps: 'Qual a probabilidade de nos recomendar a um amigo ou colega?',
  npsLow: 'Pouco provável',
  npsHigh: 'Muito provável',
  csat: 'Qual o seu grau de satisfação connosco?',
  csatLow: 'Muito insatisfeito',
  csatHigh: 'Muito satisfeito',
  comment: 'Qual o principal motivo da sua classificação?',
  commentPlaceholder: 'Bastam algumas palavras',
  thanks: 'Obrigado!',
};

export default ptPT;

/**
 * Portuguese as written in Brazil. Addresses the user as "você".
 */
import type { Translation } from '../ui/i18n/translation.js';

const ptBR: Translation = {
  feedback: 'Feedback',
  title: 'Enviar feedback',
  message: 'Mensagem',
  messagePlaceholder: 'O que funciona bem? O que atrapalha você?',
  name: 'Nome',
  namePlaceholder: 'Seu nome',
  email: 'E-mail',
  emailPlaceholder: 'nome@example.com',
  requiredMark: ' (obrigatório)',
  send: 'Enviar',
  sending: 'Enviando…',
  cancel: 'Cancelar',
  close: 'Fechar',
  required: 'Preencha este campo.',
  invalid: 'Verifique este campo.',
  invalidEmail: 'Digite um endereço de e-mail, como nome@example.com.',
  sent: 'Enviado. Obrigado!',
  sentDetail: 'Seu feedback chegou à equipe.',
  saved: 'Salvo neste dispositivo',
  savedOffline: 'Você está off-line. Seu feedback será enviado quando você voltar a ficar on-line.',
  savedUnreachable: 'Não foi possível acessar o servidor agora. Seu feedback será enviado assim que possível.',
  savedBusy: 'O servidor está ocupado. Seu feedback será enviado daqui a pouco.',
  savedMisconfigured: 'O serviço de feedback não está respondendo como deveria. Seu feedback será enviado quando tudo voltar ao normal.',
  savedLater: 'Seu feedback será enviado assim que o servidor responder.',
  visitOnly: 'Salvo só durante esta visita',
  visitOnlyDetail: 'Este navegador não vai guardar seu feedback depois que você sair: ele será enviado se o servidor responder antes disso.',
  refused: 'Ainda não enviado',
  refusedDetail: 'O serviço de feedback deste site não aceita mensagens desta página. Seu feedback fica salvo neste dispositivo até que isso mude.',
  failed: 'Não foi possível enviar. Sua mensagem continua aqui; tente novamente.',
  nps: 'Qual é a probabilidade de você nos recomendar a um amigo ou colega?',
  npsLow: 'Pouco provável',
  npsHigh: 'Muito provável',
  csat: 'Qual é o seu nível de satisfação conosco?',
  csatLow: 'Muito insatisfeito',
  csatHigh: 'Muito satisfeito',
  comment: 'Qual é o principal motivo da sua nota?',
  commentPlaceholder: 'Algumas palavras bastam',
  thanks: 'Obrigado!',
};

export default ptBR;

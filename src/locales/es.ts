/**
 * Spanish, for Spain and Latin America alike. Addresses the user as "tú", as most consumer and
 * work software in Spanish now does.
 */
import type { Translation } from '../ui/i18n/translation.js';

const es: Translation = {
  feedback: 'Comentarios',
  title: 'Enviar comentarios',
  message: 'Mensaje',
  messagePlaceholder: '¿Qué funciona bien? ¿Qué te resulta difícil?',
  name: 'Nombre',
  namePlaceholder: 'Tu nombre',
  email: 'Correo electrónico',
  emailPlaceholder: 'nombre@example.com',
  requiredMark: ' (obligatorio)',
  send: 'Enviar',
  sending: 'Enviando…',
  cancel: 'Cancelar',
  close: 'Cerrar',
  required: 'Completa este campo.',
  invalid: 'Revisa este campo.',
  invalidEmail: 'Escribe una dirección de correo electrónico, como nombre@example.com.',
  sent: 'Enviado. ¡Gracias!',
  sentDetail: 'Tus comentarios han llegado al equipo.',
  saved: 'Guardado en este dispositivo',
  savedOffline: 'No tienes conexión. Se enviará cuando vuelvas a estar en línea.',
  savedUnreachable: 'No se puede conectar con el servidor en este momento. Se enviará en cuanto sea posible.',
  savedBusy: 'El servidor está ocupado. Se enviará dentro de un rato.',
  savedMisconfigured: 'El servicio de comentarios no responde como debería. Se enviará cuando vuelva a hacerlo.',
  savedLater: 'Se enviará en cuanto el servidor responda.',
  visitOnly: 'Guardado solo durante esta visita',
  visitOnlyDetail: 'Este navegador no lo conservará cuando salgas: se enviará si el servidor responde antes.',
  refused: 'Aún no se ha enviado',
  refusedDetail: 'El servicio de comentarios de este sitio no acepta mensajes de esta página. Seguirá guardado en este dispositivo hasta que los acepte.',
  failed: 'No se pudo enviar. Conservamos tu mensaje; inténtalo de nuevo.',
  nps: '¿Qué probabilidad hay de que nos recomiendes a un amigo o colega?',
  npsLow: 'Poco probable',
  npsHigh: 'Muy probable',
  csat: '¿Cuál es tu grado de satisfacción con nosotros?',
  csatLow: 'Muy insatisfecho',
  csatHigh: 'Muy satisfecho',
  comment: '¿Cuál es el motivo principal de tu puntuación?',
  commentPlaceholder: 'Con unas pocas palabras basta',
  thanks: '¡Gracias!',
};

export default es;

/**
 * Spanish, for Spain and Latin America alike. Addresses the user as "tú", as most consumer and
 * work software in Spanish now does.
 */
import type { Strings } from '../ui/strings.js';

const es: Strings = {
  feedback: 'Comentarios',
  title: 'Enviar comentarios',
  message: 'Mensaje',
  name: 'Nombre',
  email: 'Correo electrónico',
  optional: 'opcional',
  send: 'Enviar',
  sending: 'Enviando…',
  close: 'Cerrar',
  required: 'Completa este campo.',
  invalid: 'Revisa este campo.',
  sent: 'Enviado. ¡Gracias!',
  queued: 'Guardado: se enviará cuando vuelvas a tener conexión',
  failed: 'No se pudo enviar. Conservamos tu mensaje; inténtalo de nuevo.',
  nps: '¿Qué probabilidad hay de que nos recomiendes a un amigo o colega?',
  npsLow: 'Poco probable',
  npsHigh: 'Muy probable',
  csat: '¿Cuál es tu grado de satisfacción con nosotros?',
  csatLow: 'Muy insatisfecho',
  csatHigh: 'Muy satisfecho',
  comment: '¿Cuál es el motivo principal de tu puntuación?',
  thanks: '¡Gracias!',
};

export default es;

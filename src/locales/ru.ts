/**
 * Russian. Addresses the user with the polite "вы"; scale ends agree with it.
 */
import type { Strings } from '../ui/strings.js';

const ru: Strings = {
  feedback: 'Отзыв',
  title: 'Отправить отзыв',
  message: 'Сообщение',
  name: 'Имя',
  email: 'Электронная почта',
  optional: 'необязательно',
  send: 'Отправить',
  sending: 'Отправка…',
  close: 'Закрыть',
  required: 'Заполните это поле.',
  invalid: 'Проверьте это поле.',
  sent: 'Отправлено. Спасибо!',
  queued: 'Сохранено — отправим, как только вы снова будете онлайн',
  failed: 'Не удалось отправить. Ваше сообщение сохранено — попробуйте ещё раз.',
  nps: 'Насколько вероятно, что вы порекомендуете нас другу или коллеге?',
  npsLow: 'Маловероятно',
  npsHigh: 'Очень вероятно',
  csat: 'Насколько вы довольны нами?',
  csatLow: 'Совсем не довольны',
  csatHigh: 'Очень довольны',
  comment: 'Какова главная причина вашей оценки?',
  thanks: 'Спасибо!',
};

export default ru;

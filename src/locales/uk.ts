/**
 * Ukrainian. Addresses the user with the polite "ви"; scale ends agree with it.
 */
import type { Strings } from '../ui/strings.js';

const uk: Strings = {
  feedback: 'Відгук',
  title: 'Надіслати відгук',
  message: 'Повідомлення',
  name: 'Ім’я',
  email: 'Електронна пошта',
  optional: 'необов’язково',
  send: 'Надіслати',
  sending: 'Надсилання…',
  close: 'Закрити',
  required: 'Заповніть це поле.',
  invalid: 'Перевірте це поле.',
  sent: 'Надіслано. Дякуємо!',
  queued: 'Збережено — надішлемо, щойно ви знову будете онлайн',
  failed: 'Не вдалося надіслати. Ваше повідомлення збережено — спробуйте ще раз.',
  nps: 'Наскільки ймовірно, що ви порекомендуєте нас другові чи колезі?',
  npsLow: 'Малоймовірно',
  npsHigh: 'Дуже ймовірно',
  csat: 'Наскільки ви задоволені нами?',
  csatLow: 'Зовсім не задоволені',
  csatHigh: 'Дуже задоволені',
  comment: 'Яка головна причина вашої оцінки?',
  thanks: 'Дякуємо!',
};

export default uk;

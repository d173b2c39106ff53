/**
 * Turkish. Polite "siz", as Turkish software writes; scale ends in the first person, as Turkish
 * surveys label them.
 */
import type { Strings } from '../ui/strings.js';

const tr: Strings = {
  feedback: 'Geri bildirim',
  title: 'Geri bildirim gönder',
  message: 'Mesaj',
  name: 'Ad soyad',
  email: 'E-posta',
  optional: 'isteğe bağlı',
  send: 'Gönder',
  sending: 'Gönderiliyor…',
  close: 'Kapat',
  required: 'Lütfen bu alanı doldurun.',
  invalid: 'Lütfen bu alanı kontrol edin.',
  sent: 'Gönderildi, teşekkürler!',
  queued: 'Kaydedildi. Yeniden çevrimiçi olduğunuzda gönderilecek.',
  failed: 'Gönderilemedi. Mesajınız saklandı, lütfen tekrar deneyin.',
  nps: 'Bizi bir arkadaşınıza veya iş arkadaşınıza tavsiye etme olasılığınız nedir?',
  npsLow: 'Pek olası değil',
  npsHigh: 'Çok olası',
  csat: 'Bizden ne kadar memnunsunuz?',
  csatLow: 'Hiç memnun değilim',
  csatHigh: 'Çok memnunum',
  comment: 'Bu puanı vermenizin başlıca nedeni nedir?',
  thanks: 'Teşekkürler!',
};

export default tr;

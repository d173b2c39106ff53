/**
 * Turkish. Polite "siz", as Turkish software writes; scale ends in the first person, as Turkish
 * surveys label them.
 */
import type { Translation } from '../ui/i18n/translation.js';

const tr: Translation = {
  feedback: 'Geri bildirim',
  title: 'Geri bildirim gönder',
  message: 'Mesaj',
  messagePlaceholder: 'Neler iyi çalışıyor? Sizi ne zorluyor?',
  name: 'Ad soyad',
  namePlaceholder: 'Adınız ve soyadınız',
  email: 'E-posta',
  emailPlaceholder: 'ad@example.com',
  requiredMark: ' (zorunlu)',
  send: 'Gönder',
  sending: 'Gönderiliyor…',
  cancel: 'İptal',
  close: 'Kapat',
  required: 'Lütfen bu alanı doldurun.',
  invalid: 'Lütfen bu alanı kontrol edin.',
  invalidEmail: 'Lütfen ad@example.com gibi bir e-posta adresi girin.',
  sent: 'Gönderildi, teşekkürler!',
  sentDetail: 'Geri bildiriminiz ekibe ulaştı.',
  saved: 'Bu cihaza kaydedildi',
  savedOffline: 'Çevrimdışısınız. Yeniden çevrimiçi olduğunuzda gönderilecek.',
  savedUnreachable: 'Sunucuya şu anda ulaşılamıyor. Ulaşılabildiği anda gönderilecek.',
  savedBusy: 'Sunucu şu anda yoğun. Biraz sonra gönderilecek.',
  savedMisconfigured: 'Geri bildirim hizmeti olması gerektiği gibi yanıt vermiyor. Düzeldiğinde gönderilecek.',
  savedLater: 'Sunucu yanıt verir vermez gönderilecek.',
  visitOnly: 'Yalnızca bu ziyaret için kaydedildi',
  visitOnlyDetail: 'Bu tarayıcı, sayfadan ayrıldığınızda bunu saklamaz: Sunucu o zamana kadar yanıt verirse gönderilir.',
  refused: 'Henüz gönderilmedi',
  refusedDetail: 'Bu sitenin geri bildirim hizmeti bu sayfadan gelen mesajları kabul etmiyor. Kabul edene kadar bu cihazda kayıtlı kalacak.',
  failed: 'Gönderilemedi. Yazdıklarınız duruyor, lütfen tekrar deneyin.',
  nps: 'Bizi bir arkadaşınıza veya iş arkadaşınıza tavsiye etme olasılığınız nedir?',
  npsLow: 'Pek olası değil',
  npsHigh: 'Çok olası',
  csat: 'Bizden ne kadar memnunsunuz?',
  csatLow: 'Hiç memnun değilim',
  csatHigh: 'Çok memnunum',
  comment: 'Bu puanı vermenizin başlıca nedeni nedir?',
  commentPlaceholder: 'Birkaç kelime yeterli',
  thanks: 'Teşekkürler!',
};

export default tr;

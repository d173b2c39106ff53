/**
 * Arabic (Modern Standard). Statuses are written without a gendered "you" where Arabic allows
 * it; the questions use the masculine singular that Arabic software uses for any reader.
 */
import type { Strings } from '../ui/strings.js';

const ar: Strings = {
  feedback: 'ملاحظات',
  title: 'إرسال ملاحظات',
  message: 'الرسالة',
  name: 'الاسم',
  email: 'البريد الإلكتروني',
  optional: 'اختياري',
  send: 'إرسال',
  sending: 'جارٍ الإرسال…',
  close: 'إغلاق',
  required: 'يُرجى ملء هذا الحقل.',
  invalid: 'يُرجى التحقق من هذا الحقل.',
  sent: 'تم الإرسال، شكرًا!',
  queued: 'تم الحفظ، وسيُرسَل عند عودة الاتصال بالإنترنت',
  failed: 'تعذّر الإرسال. رسالتك محفوظة، يُرجى المحاولة مرة أخرى.',
  nps: 'ما مدى احتمال أن توصي بنا لصديق أو زميل؟',
  npsLow: 'غير محتمل',
  npsHigh: 'محتمل جدًا',
  csat: 'ما مدى رضاك عنّا؟',
  csatLow: 'غير راضٍ إطلاقًا',
  csatHigh: 'راضٍ جدًا',
  comment: 'ما السبب الرئيسي لتقييمك؟',
  thanks: 'شكرًا لك!',
};

export default ar;

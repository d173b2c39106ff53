/**
 * Arabic (Modern Standard). Statuses are written without a gendered "you" where Arabic allows
 * it; the questions use the masculine singular that Arabic software uses for any reader.
 */
import type { Translation } from '../ui/i18n/translation.js';

const ar: Translation = {
  feedback: 'ملاحظات',
  title: 'إرسال ملاحظات',
  message: 'الرسالة',
  messagePlaceholder: 'ما الذي يعمل جيدًا؟ وما الذي يعيقك؟',
  name: 'الاسم',
  namePlaceholder: 'اسمك',
  email: 'البريد الإلكتروني',
  emailPlaceholder: 'name@example.com',
  requiredMark: ' (مطلوب)',
  send: 'إرسال',
  sending: 'جارٍ الإرسال…',
  cancel: 'إلغاء',
  close: 'إغلاق',
  required: 'يُرجى ملء هذا الحقل.',
  invalid: 'يُرجى التحقق من هذا الحقل.',
  invalidEmail: 'يُرجى إدخال عنوان بريد إلكتروني، مثل name@example.com.',
  sent: 'تم الإرسال، شكرًا!',
  sentDetail: 'وصلت ملاحظاتك إلى الفريق.',
  saved: 'تم الحفظ على هذا الجهاز',
  savedOffline: 'أنت غير متصل بالإنترنت. سيتم الإرسال عند عودة الاتصال.',
  savedUnreachable: 'يتعذّر الوصول إلى الخادم حاليًا. سيتم الإرسال حين يصبح ذلك ممكنًا.',
  savedBusy: 'الخادم مشغول. سيتم الإرسال بعد قليل.',
  savedMisconfigured: 'خدمة الملاحظات لا تستجيب كما ينبغي. سيتم الإرسال حين تعود إلى العمل بشكل صحيح.',
  savedLater: 'سيتم الإرسال فور استجابة الخادم.',
  visitOnly: 'تم الحفظ لهذه الزيارة فقط',
  visitOnlyDetail: 'لن يحتفظ هذا المتصفح بملاحظاتك بعد مغادرة الصفحة، وسيتم إرسالها إذا استجاب الخادم قبل ذلك.',
  refused: 'لم يتم الإرسال بعد',
  refusedDetail: 'خدمة الملاحظات في هذا الموقع لا تقبل الرسائل من هذه الصفحة. ستبقى ملاحظاتك محفوظة على هذا الجهاز إلى أن تقبلها.',
  failed: 'تعذّر الإرسال. ما كتبته لم يُفقد، يُرجى المحاولة مرة أخرى.',
  nps: 'ما مدى احتمال أن توصي بنا لصديق أو زميل؟',
  npsLow: 'غير محتمل',
  npsHigh: 'محتمل جدًا',
  csat: 'ما مدى رضاك عنّا؟',
  csatLow: 'غير راضٍ إطلاقًا',
  csatHigh: 'راضٍ جدًا',
  comment: 'ما السبب الرئيسي لتقييمك؟',
  commentPlaceholder: 'تكفي بضع كلمات',
  thanks: 'شكرًا لك!',
};

export default ar;

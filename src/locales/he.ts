/**
 * Hebrew. Addresses the user in the plural, the gender-neutral form Hebrew interfaces use;
 * instructions in the impersonal "יש ל…".
 */
import type { Translation } from '../ui/i18n/translation.js';

const he: Translation = {
  feedback: 'משוב',
  title: 'שליחת משוב',
  message: 'הודעה',
  messagePlaceholder: 'מה עובד טוב? מה מפריע לכם?',
  name: 'שם',
  namePlaceholder: 'השם שלכם',
  email: 'אימייל',
  emailPlaceholder: 'name@example.com',
  requiredMark: ' (חובה)',
  send: 'שליחה',
  sending: 'בשליחה…',
  cancel: 'ביטול',
  close: 'סגירה',
  required: 'יש למלא את השדה הזה.',
  invalid: 'יש לבדוק את השדה הזה.',
  invalidEmail: 'יש להזין כתובת אימייל, למשל name@example.com.',
  sent: 'נשלח, תודה!',
  sentDetail: 'המשוב שלכם הגיע לצוות.',
  saved: 'נשמר במכשיר הזה',
  savedOffline: 'אין חיבור לאינטרנט. המשוב יישלח כשהחיבור יחזור.',
  savedUnreachable: 'לא ניתן להתחבר לשרת כרגע. המשוב יישלח ברגע שזה יתאפשר.',
  savedBusy: 'השרת עמוס. המשוב יישלח בעוד זמן קצר.',
  savedMisconfigured: 'שירות המשוב לא מגיב כמו שצריך. המשוב יישלח ברגע שהשירות יחזור לפעול כראוי.',
  savedLater: 'המשוב יישלח ברגע שהשרת יגיב.',
  visitOnly: 'נשמר לביקור הזה בלבד',
  visitOnlyDetail: 'הדפדפן הזה לא ישמור את המשוב אחרי שתצאו מהדף: הוא יישלח אם השרת יגיב לפני כן.',
  refused: 'עדיין לא נשלח',
  refusedDetail: 'שירות המשוב של האתר לא מקבל הודעות מהדף הזה. עד שזה ישתנה, המשוב יישאר שמור במכשיר הזה.',
  failed: 'השליחה נכשלה. מה שכתבתם עדיין כאן – אפשר לנסות שוב.',
  nps: 'מה הסיכוי שתמליצו עלינו לחברים או לעמיתים?',
  npsLow: 'לא סביר',
  npsHigh: 'סביר מאוד',
  csat: 'עד כמה אתם מרוצים מאיתנו?',
  csatLow: 'לא מרוצה בכלל',
  csatHigh: 'מרוצה מאוד',
  comment: 'מה הסיבה העיקרית לציון שנתתם?',
  commentPlaceholder: 'מספיקות כמה מילים',
  thanks: 'תודה!',
};

export default he;

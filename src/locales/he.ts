/**
 * Hebrew. Addresses the user in the plural, the gender-neutral form Hebrew interfaces use;
 * instructions in the impersonal "יש ל…".
 */
import type { Strings } from '../ui/strings.js';

const he: Strings = {
  feedback: 'משוב',
  title: 'שליחת משוב',
  message: 'הודעה',
  name: 'שם',
  email: 'אימייל',
  optional: 'לא חובה',
  send: 'שליחה',
  sending: 'בשליחה…',
  close: 'סגירה',
  required: 'יש למלא את השדה הזה.',
  invalid: 'יש לבדוק את השדה הזה.',
  sent: 'נשלח, תודה!',
  queued: 'נשמר – יישלח כשהחיבור לאינטרנט יחזור',
  failed: 'השליחה נכשלה. ההודעה נשמרה – אפשר לנסות שוב.',
  nps: 'מה הסיכוי שתמליצו עלינו לחברים או לעמיתים?',
  npsLow: 'לא סביר',
  npsHigh: 'סביר מאוד',
  csat: 'עד כמה אתם מרוצים מאיתנו?',
  csatLow: 'לא מרוצה בכלל',
  csatHigh: 'מרוצה מאוד',
  comment: 'מה הסיבה העיקרית לציון שנתתם?',
  thanks: 'תודה!',
};

export default he;

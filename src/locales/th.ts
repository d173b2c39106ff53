/**
 * Thai. Polite and neutral ("คุณ"), without the question marks Thai does not use.
 */
import type { Strings } from '../ui/strings.js';

const th: Strings = {
  feedback: 'ความคิดเห็น',
  title: 'ส่งความคิดเห็น',
  message: 'ข้อความ',
  name: 'ชื่อ',
  email: 'อีเมล',
  optional: 'ไม่บังคับ',
  send: 'ส่ง',
  sending: 'กำลังส่ง…',
  close: 'ปิด',
  required: 'โปรดกรอกช่องนี้',
  invalid: 'โปรดตรวจสอบช่องนี้',
  sent: 'ส่งแล้ว ขอบคุณ',
  queued: 'บันทึกแล้ว จะส่งให้เมื่อคุณกลับมาออนไลน์',
  failed: 'ส่งไม่สำเร็จ ข้อความของคุณยังอยู่ โปรดลองอีกครั้ง',
  nps: 'คุณมีแนวโน้มจะแนะนำเราให้เพื่อนหรือเพื่อนร่วมงานมากน้อยเพียงใด',
  npsLow: 'ไม่น่าจะแนะนำ',
  npsHigh: 'แนะนำแน่นอน',
  csat: 'คุณพึงพอใจกับเรามากน้อยเพียงใด',
  csatLow: 'ไม่พอใจอย่างมาก',
  csatHigh: 'พอใจอย่างมาก',
  comment: 'เหตุผลหลักที่คุณให้คะแนนนี้คืออะไร',
  thanks: 'ขอบคุณ',
};

export default th;

/**
 * Chinese in Traditional characters, with the words used in Taiwan (also served to Hong Kong and
 * Macau). Addresses the user as 您.
 */
import type { Strings } from '../ui/strings.js';

const zhTW: Strings = {
  feedback: '意見回饋',
  title: '傳送意見回饋',
  message: '訊息',
  name: '姓名',
  email: '電子郵件',
  optional: '選填',
  send: '傳送',
  sending: '傳送中…',
  close: '關閉',
  required: '請填寫這個欄位。',
  invalid: '請檢查這個欄位。',
  sent: '已傳送，謝謝！',
  queued: '已儲存，恢復連線後會自動傳送',
  failed: '傳送失敗。您的訊息已保留，請再試一次。',
  nps: '您有多大可能向朋友或同事推薦我們？',
  npsLow: '不太可能',
  npsHigh: '非常可能',
  csat: '您對我們的滿意程度如何？',
  csatLow: '非常不滿意',
  csatHigh: '非常滿意',
  comment: '您給這個分數的主要原因是什麼？',
  thanks: '謝謝！',
};

export default zhTW;

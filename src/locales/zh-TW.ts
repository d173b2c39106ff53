/**
 * Chinese in Traditional characters, with the words used in Taiwan (also served to Hong Kong and
 * Macau). Addresses the user as 您.
 */
import type { Translation } from '../ui/i18n/translation.js';

const zhTW: Translation = {
  feedback: '意見回饋',
  title: '傳送意見回饋',
  message: '訊息',
  messagePlaceholder: '哪些地方好用？哪些地方讓您卡關？',
  name: '姓名',
  namePlaceholder: '您的姓名',
  email: '電子郵件',
  emailPlaceholder: 'name@example.com',
  requiredMark: '（必填）',
  send: '傳送',
  sending: '傳送中…',
  cancel: '取消',
  close: '關閉',
  required: '請填寫這個欄位。',
  invalid: '請檢查這個欄位。',
  invalidEmail: '請輸入電子郵件地址，例如 name@example.com。',
  sent: '已傳送，謝謝！',
  sentDetail: '您的意見已送達團隊。',
  saved: '已儲存在這部裝置上',
  savedOffline: '您目前處於離線狀態，恢復連線後會自動傳送。',
  savedUnreachable: '目前無法連上伺服器，連線恢復後會自動傳送。',
  savedBusy: '伺服器忙碌中，稍後會自動傳送。',
  savedMisconfigured: '意見回饋服務未正常回應，恢復正常後會自動傳送。',
  savedLater: '伺服器回應後就會立即傳送。',
  visitOnly: '僅在這次瀏覽期間儲存',
  visitOnlyDetail: '離開頁面後，這個瀏覽器不會保留內容；若伺服器在那之前回應，就會傳送出去。',
  refused: '尚未傳送',
  refusedDetail: '本網站的意見回饋服務不接受來自這個頁面的訊息。在服務接受之前，您的意見會一直保存在這部裝置上。',
  failed: '傳送失敗。您的訊息已保留，請再試一次。',
  nps: '您有多大可能向朋友或同事推薦我們？',
  npsLow: '不太可能',
  npsHigh: '非常可能',
  csat: '您對我們的滿意程度如何？',
  csatLow: '非常不滿意',
  csatHigh: '非常滿意',
  comment: '您給這個分數的主要原因是什麼？',
  commentPlaceholder: '簡單寫幾句就好',
  thanks: '謝謝！',
};

export default zhTW;

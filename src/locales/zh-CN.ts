/**
 * Chinese in Simplified characters, as written in mainland China. Addresses the user as 您.
 */
import type { Translation } from '../ui/i18n/translation.js';

const zhCN: Translation = {
  feedback: '反馈',
  title: '发送反馈',
  message: '留言',
  messagePlaceholder: '哪些地方好用？哪些地方让您不顺手？',
  name: '姓名',
  namePlaceholder: '您的姓名',
  email: '邮箱',
  emailPlaceholder: 'name@example.com',
  requiredMark: '（必填）',
  send: '发送',
  sending: '正在发送…',
  cancel: '取消',
  close: '关闭',
  required: '请填写此项。',
  invalid: '请检查此项。',
  invalidEmail: '请输入邮箱地址，例如 name@example.com。',
  sent: '已发送，谢谢！',
  sentDetail: '您的反馈已送达团队。',
  saved: '已保存在此设备上',
  savedOffline: '您当前处于离线状态，恢复联网后将自动发送。',
  savedUnreachable: '暂时无法连接服务器，连接恢复后将自动发送。',
  savedBusy: '服务器繁忙，稍后将自动发送。',
  savedMisconfigured: '反馈服务响应异常，恢复正常后将自动发送。',
  savedLater: '服务器响应后将立即发送。',
  visitOnly: '仅在本次访问期间保存',
  visitOnlyDetail: '离开页面后，此浏览器不会保留这条反馈；如果服务器在此之前响应，就会发送出去。',
  refused: '尚未发送',
  refusedDetail: '本网站的反馈服务不接受来自此页面的消息。在服务接受之前，您的反馈会一直保存在此设备上。',
  failed: '发送失败。您的留言已保留，请重试。',
  nps: '您有多大可能向朋友或同事推荐我们？',
  npsLow: '不太可能',
  npsHigh: '非常可能',
  csat: '您对我们的满意程度如何？',
  csatLow: '非常不满意',
  csatHigh: '非常满意',
  comment: '您给出这个评分的主要原因是什么？',
  commentPlaceholder: '简单说几句就好',
  thanks: '谢谢！',
};

export default zhCN;

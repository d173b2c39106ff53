/**
 * Chinese in Simplified characters, as written in mainland China. Addresses the user as 您.
 */
import type { Strings } from '../ui/strings.js';

const zhCN: Strings = {
  feedback: '反馈',
  title: '发送反馈',
  message: '留言',
  name: '姓名',
  email: '邮箱',
  optional: '选填',
  send: '发送',
  sending: '正在发送…',
  close: '关闭',
  required: '请填写此项。',
  invalid: '请检查此项。',
  sent: '已发送，谢谢！',
  queued: '已保存，网络恢复后将自动发送',
  failed: '发送失败。您的留言已保留，请重试。',
  nps: '您有多大可能向朋友或同事推荐我们？',
  npsLow: '不太可能',
  npsHigh: '非常可能',
  csat: '您对我们的满意程度如何？',
  csatLow: '非常不满意',
  csatHigh: '非常满意',
  comment: '您给出这个评分的主要原因是什么？',
  thanks: '谢谢！',
};

export default zhCN;

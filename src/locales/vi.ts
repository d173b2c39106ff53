/**
 * Vietnamese. Addresses the user as "bạn", the friendly neutral pronoun of Vietnamese apps.
 */
import type { Strings } from '../ui/strings.js';

const vi: Strings = {
  feedback: 'Góp ý',
  title: 'Gửi góp ý',
  message: 'Nội dung',
  name: 'Tên',
  email: 'Email',
  optional: 'không bắt buộc',
  send: 'Gửi',
  sending: 'Đang gửi…',
  close: 'Đóng',
  required: 'Vui lòng điền vào trường này.',
  invalid: 'Vui lòng kiểm tra lại trường này.',
  sent: 'Đã gửi, cảm ơn bạn!',
  queued: 'Đã lưu — sẽ được gửi khi bạn có mạng trở lại',
  failed: 'Chưa gửi được. Nội dung của bạn vẫn được giữ lại — vui lòng thử lại.',
  nps: 'Bạn có sẵn lòng giới thiệu chúng tôi cho bạn bè hoặc đồng nghiệp không?',
  npsLow: 'Ít khả năng',
  npsHigh: 'Rất có khả năng',
  csat: 'Bạn hài lòng với chúng tôi đến mức nào?',
  csatLow: 'Rất không hài lòng',
  csatHigh: 'Rất hài lòng',
  comment: 'Lý do chính cho điểm số của bạn là gì?',
  thanks: 'Cảm ơn bạn!',
};

export default vi;

/**
 * Vietnamese. Addresses the user as "bạn", the friendly neutral pronoun of Vietnamese apps.
 */
import type { Translation } from '../ui/i18n/translation.js';

const vi: Translation = {
  feedback: 'Góp ý',
  title: 'Gửi góp ý',
  message: 'Nội dung',
  messagePlaceholder: 'Điều gì đang tốt? Điều gì khiến bạn vướng mắc?',
  name: 'Tên',
  namePlaceholder: 'Tên của bạn',
  email: 'Email',
  emailPlaceholder: 'ten@example.com',
  requiredMark: ' (bắt buộc)',
  send: 'Gửi',
  sending: 'Đang gửi…',
  cancel: 'Hủy',
  close: 'Đóng',
  required: 'Vui lòng điền vào trường này.',
  invalid: 'Vui lòng kiểm tra lại trường này.',
  invalidEmail: 'Vui lòng nhập địa chỉ email, ví dụ ten@example.com.',
  sent: 'Đã gửi, cảm ơn bạn!',
  sentDetail: 'Góp ý của bạn đã được gửi đến đội ngũ.',
  saved: 'Đã lưu trên thiết bị này',
  savedOffline: 'Bạn đang ngoại tuyến. Góp ý sẽ được gửi khi bạn có mạng trở lại.',
  savedUnreachable: 'Hiện không kết nối được với máy chủ. Góp ý sẽ được gửi ngay khi có thể.',
  savedBusy: 'Máy chủ đang bận. Góp ý sẽ được gửi sau ít phút.',
  savedMisconfigured: 'Dịch vụ góp ý đang phản hồi không bình thường. Góp ý sẽ được gửi khi dịch vụ hoạt động trở lại.',
  savedLater: 'Góp ý sẽ được gửi ngay khi máy chủ phản hồi.',
  visitOnly: 'Chỉ được lưu trong lượt truy cập này',
  visitOnlyDetail: 'Trình duyệt này sẽ không giữ lại góp ý sau khi bạn rời trang: góp ý sẽ được gửi nếu máy chủ phản hồi trước đó.',
  refused: 'Chưa được gửi',
  refusedDetail: 'Dịch vụ góp ý của trang web này không nhận tin nhắn từ trang này. Góp ý của bạn sẽ được lưu trên thiết bị này cho đến khi được chấp nhận.',
  failed: 'Chưa gửi được. Nội dung của bạn vẫn được giữ lại — vui lòng thử lại.',
  nps: 'Khả năng bạn giới thiệu chúng tôi cho bạn bè hoặc đồng nghiệp là bao nhiêu?',
  npsLow: 'Ít khả năng',
  npsHigh: 'Rất có khả năng',
  csat: 'Bạn hài lòng với chúng tôi đến mức nào?',
  csatLow: 'Rất không hài lòng',
  csatHigh: 'Rất hài lòng',
  comment: 'Lý do chính cho điểm số của bạn là gì?',
  commentPlaceholder: 'Vài chữ là đủ',
  thanks: 'Cảm ơn bạn!',
};

export default vi;

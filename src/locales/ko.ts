/**
 * Korean. The polite 해요체 for questions and 합니다체 for statuses, as Korean services write; "us" is
 * 저희.
 */
import type { Translation } from '../ui/i18n/translation.js';

const ko: Translation = {
  feedback: '피드백',
  title: '피드백 보내기',
  message: '메시지',
  messagePlaceholder: '어떤 점이 좋았나요? 불편한 점은 무엇인가요?',
  name: '이름',
  namePlaceholder: '홍길동',
  email: '이메일',
  emailPlaceholder: 'name@example.com',
  requiredMark: ' (필수)',
  send: '보내기',
  sending: '보내는 중…',
  cancel: '취소',
  close: '닫기',
  required: '이 항목을 입력해 주세요.',
  invalid: '이 항목을 확인해 주세요.',
  invalidEmail: 'name@example.com 형식의 이메일 주소를 입력해 주세요.',
  sent: '보냈습니다. 감사합니다!',
  sentDetail: '피드백이 팀에 전달되었습니다.',
  saved: '이 기기에 저장됨',
  savedOffline: '오프라인 상태입니다. 다시 온라인이 되면 전송됩니다.',
  savedUnreachable: '지금은 서버에 연결할 수 없습니다. 연결되는 대로 전송됩니다.',
  savedBusy: '서버가 혼잡합니다. 잠시 후 전송됩니다.',
  savedMisconfigured: '피드백 서비스가 정상적으로 응답하지 않습니다. 정상화되는 대로 전송됩니다.',
  savedLater: '서버가 응답하는 대로 전송됩니다.',
  visitOnly: '이번 방문 동안만 저장됨',
  visitOnlyDetail: '이 브라우저는 페이지를 떠나면 내용을 보관하지 않습니다. 그 전에 서버가 응답하면 전송됩니다.',
  refused: '아직 전송되지 않음',
  refusedDetail: '이 사이트의 피드백 서비스가 이 페이지에서 보낸 메시지를 받지 않습니다. 받을 수 있게 될 때까지 이 기기에 저장해 둡니다.',
  failed: '보내지 못했습니다. 작성한 내용은 그대로 남아 있으니 다시 시도해 주세요.',
  nps: '저희를 친구나 동료에게 추천할 가능성은 얼마나 되나요?',
  npsLow: '가능성 낮음',
  npsHigh: '가능성 매우 높음',
  csat: '저희 서비스에 얼마나 만족하시나요?',
  csatLow: '매우 불만족',
  csatHigh: '매우 만족',
  comment: '이 점수를 주신 가장 큰 이유는 무엇인가요?',
  commentPlaceholder: '짧게 적어 주셔도 괜찮아요',
  thanks: '감사합니다!',
};

export default ko;

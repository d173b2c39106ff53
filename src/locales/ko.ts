/**
 * Korean. The polite 해요체 for questions and 합니다체 for statuses, as Korean services write; "us" is
 * 저희.
 */
import type { Strings } from '../ui/strings.js';

const ko: Strings = {
  feedback: '피드백',
  title: '피드백 보내기',
  message: '메시지',
  name: '이름',
  email: '이메일',
  optional: '선택',
  send: '보내기',
  sending: '보내는 중…',
  close: '닫기',
  required: '이 항목을 입력해 주세요.',
  invalid: '이 항목을 확인해 주세요.',
  sent: '보냈습니다. 감사합니다!',
  queued: '저장되었습니다. 인터넷에 다시 연결되면 전송됩니다.',
  failed: '보내지 못했습니다. 메시지는 저장되어 있으니 다시 시도해 주세요.',
  nps: '저희를 친구나 동료에게 추천할 가능성은 얼마나 되나요?',
  npsLow: '가능성 낮음',
  npsHigh: '가능성 매우 높음',
  csat: '저희 서비스에 얼마나 만족하시나요?',
  csatLow: '매우 불만족',
  csatHigh: '매우 만족',
  comment: '이 점수를 주신 가장 큰 이유는 무엇인가요?',
  thanks: '감사합니다!',
};

export default ko;

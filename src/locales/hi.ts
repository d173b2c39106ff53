/**
 * Hindi. Polite "आप", in the everyday Hindi of Indian apps (फ़ीडबैक, ईमेल) rather than
 * Sanskritised coinages.
 */
import type { Strings } from '../ui/strings.js';

const hi: Strings = {
  feedback: 'फ़ीडबैक',
  title: 'फ़ीडबैक भेजें',
  message: 'संदेश',
  name: 'नाम',
  email: 'ईमेल',
  optional: 'वैकल्पिक',
  send: 'भेजें',
  sending: 'भेजा जा रहा है…',
  close: 'बंद करें',
  required: 'कृपया यह फ़ील्ड भरें।',
  invalid: 'कृपया यह फ़ील्ड जाँचें।',
  sent: 'भेज दिया गया, धन्यवाद!',
  queued: 'सेव हो गया — दोबारा ऑनलाइन होते ही भेज दिया जाएगा',
  failed: 'भेजा नहीं जा सका। आपका संदेश सुरक्षित है — कृपया फिर से कोशिश करें।',
  nps: 'आप हमें किसी दोस्त या सहकर्मी को सुझाएँ, इसकी कितनी संभावना है?',
  npsLow: 'कम संभावना',
  npsHigh: 'बहुत अधिक संभावना',
  csat: 'आप हमसे कितने संतुष्ट हैं?',
  csatLow: 'बिल्कुल संतुष्ट नहीं',
  csatHigh: 'बहुत संतुष्ट',
  comment: 'यह स्कोर देने की मुख्य वजह क्या है?',
  thanks: 'धन्यवाद!',
};

export default hi;

/**
 * Hindi. Polite "आप", in the everyday Hindi of Indian apps (फ़ीडबैक, ईमेल) rather than
 * Sanskritised coinages.
 */
import type { Translation } from '../ui/i18n/translation.js';

const hi: Translation = {
  feedback: 'फ़ीडबैक',
  title: 'फ़ीडबैक भेजें',
  message: 'संदेश',
  messagePlaceholder: 'क्या अच्छा चल रहा है? किस चीज़ में दिक्कत आती है?',
  name: 'नाम',
  namePlaceholder: 'आपका नाम',
  email: 'ईमेल',
  emailPlaceholder: 'name@example.com',
  requiredMark: ' (ज़रूरी)',
  send: 'भेजें',
  sending: 'भेजा जा रहा है…',
  cancel: 'रद्द करें',
  close: 'बंद करें',
  required: 'कृपया यह फ़ील्ड भरें।',
  invalid: 'कृपया यह फ़ील्ड जाँचें।',
  invalidEmail: 'कृपया name@example.com जैसा ईमेल पता डालें।',
  sent: 'भेज दिया गया, धन्यवाद!',
  sentDetail: 'आपका फ़ीडबैक टीम तक पहुँच गया है।',
  saved: 'इस डिवाइस पर सेव हो गया',
  savedOffline: 'आप ऑफ़लाइन हैं। ऑनलाइन होते ही इसे भेज दिया जाएगा।',
  savedUnreachable: 'अभी सर्वर से कनेक्ट नहीं हो पा रहा है। कनेक्ट होते ही इसे भेज दिया जाएगा।',
  savedBusy: 'सर्वर अभी व्यस्त है। थोड़ी देर में इसे भेज दिया जाएगा।',
  savedMisconfigured: 'फ़ीडबैक सेवा ठीक से जवाब नहीं दे रही है। उसके ठीक होते ही इसे भेज दिया जाएगा।',
  savedLater: 'सर्वर के जवाब देते ही इसे भेज दिया जाएगा।',
  visitOnly: 'सिर्फ़ इस विज़िट के लिए सेव हुआ',
  visitOnlyDetail: 'पेज छोड़ने के बाद यह ब्राउज़र इसे नहीं रखेगा: अगर सर्वर उससे पहले जवाब दे देता है, तो इसे भेज दिया जाएगा।',
  refused: 'अभी भेजा नहीं गया',
  refusedDetail: 'इस साइट की फ़ीडबैक सेवा इस पेज से आने वाले संदेश स्वीकार नहीं करती। जब तक सेवा इसे स्वीकार नहीं करती, आपका फ़ीडबैक इस डिवाइस पर सेव रहेगा।',
  failed: 'भेजा नहीं जा सका। आपका संदेश अब भी यहीं है — कृपया फिर से कोशिश करें।',
  nps: 'आप हमें किसी दोस्त या सहकर्मी को सुझाएँ, इसकी कितनी संभावना है?',
  npsLow: 'कम संभावना',
  npsHigh: 'बहुत अधिक संभावना',
  csat: 'आप हमसे कितने संतुष्ट हैं?',
  csatLow: 'बिल्कुल संतुष्ट नहीं',
  csatHigh: 'बहुत संतुष्ट',
  comment: 'यह स्कोर देने की मुख्य वजह क्या है?',
  commentPlaceholder: 'कुछ शब्द ही काफ़ी हैं',
  thanks: 'धन्यवाद!',
};

export default hi;

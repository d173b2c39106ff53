/**
 * Japanese. Polite です/ます throughout; "us" is 当サービス ("this service"), as Japanese surveys name
 * the product rather than "we".
 */
import type { Translation } from '../ui/i18n/translation.js';

const ja: Translation = {
  feedback: 'フィードバック',
  title: 'フィードバックを送信',
  message: 'メッセージ',
  messagePlaceholder: 'よかった点や、使いにくかった点を教えてください',
  name: 'お名前',
  namePlaceholder: '山田 太郎',
  email: 'メールアドレス',
  emailPlaceholder: 'taro.yamada@example.com',
  requiredMark: '（必須）',
  send: '送信',
  sending: '送信中…',
  cancel: 'キャンセル',
  close: '閉じる',
  required: 'この項目を入力してください。',
  invalid: 'この項目の内容をご確認ください。',
  invalidEmail: 'メールアドレスを taro.yamada@example.com のような形式で入力してください。',
  sent: '送信しました。ありがとうございます。',
  sentDetail: 'フィードバックはチームに届きました。',
  saved: 'この端末に保存しました',
  savedOffline: '現在オフラインです。オンラインに戻り次第、送信します。',
  savedUnreachable: '現在サーバーに接続できません。接続でき次第、送信します。',
  savedBusy: 'サーバーが混み合っています。しばらくしてから送信します。',
  savedMisconfigured: 'フィードバックサービスが正しく応答していません。正常に戻り次第、送信します。',
  savedLater: 'サーバーから応答があり次第、送信します。',
  visitOnly: 'このページを開いている間だけ保存しています',
  visitOnlyDetail: 'このブラウザーでは、ページを離れると内容が残りません。それまでにサーバーが応答すれば送信されます。',
  refused: 'まだ送信されていません',
  refusedDetail: 'このサイトのフィードバックサービスが、このページからのメッセージを受け付けていません。受け付けられるようになるまで、この端末に保存しておきます。',
  failed: '送信できませんでした。入力した内容は残っていますので、もう一度お試しください。',
  nps: '当サービスを友人や同僚に薦める可能性は、どのくらいありますか？',
  npsLow: '可能性は低い',
  npsHigh: '可能性は非常に高い',
  csat: '当サービスにどのくらい満足していますか？',
  csatLow: '非常に不満',
  csatHigh: '非常に満足',
  comment: 'この評価をつけた一番の理由を教えてください。',
  commentPlaceholder: 'ひとことでもかまいません',
  thanks: 'ありがとうございました！',
};

export default ja;

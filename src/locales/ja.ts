/**
 * Japanese. Polite です/ます throughout; "us" is 当サービス ("this service"), as Japanese surveys name
 * the product rather than "we".
 */
import type { Strings } from '../ui/strings.js';

const ja: Strings = {
  feedback: 'フィードバック',
  title: 'フィードバックを送信',
  message: 'メッセージ',
  name: 'お名前',
  email: 'メールアドレス',
  optional: '任意',
  send: '送信',
  sending: '送信中…',
  close: '閉じる',
  required: 'この項目を入力してください。',
  invalid: 'この項目の内容をご確認ください。',
  sent: '送信しました。ありがとうございます。',
  queued: '保存しました。オンラインに戻りしだい送信します。',
  failed: '送信できませんでした。メッセージは保存されていますので、もう一度お試しください。',
  nps: '当サービスを友人や同僚に薦める可能性は、どのくらいありますか？',
  npsLow: '可能性は低い',
  npsHigh: '可能性は非常に高い',
  csat: '当サービスにどのくらい満足していますか？',
  csatLow: '非常に不満',
  csatHigh: '非常に満足',
  comment: 'この評価をつけた一番の理由を教えてください。',
  thanks: 'ありがとうございました！',
};

export default ja;

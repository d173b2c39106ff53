/** The widget's words. English is built in; `strings` (with `locale`) overrides any of them. */
export interface Strings {
  /** The launcher button; also names the widget's region. */
  feedback: string;
  title: string;
  message: string;
  name: string;
  email: string;
  /** Added to the label of a field that may stay empty: "Name (optional)". */
  optional: string;
  send: string;
  sending: string;
  close: string;
  required: string;
  invalid: string;
  sent: string;
  queued: string;
  failed: string;
  nps: string;
  npsLow: string;
  npsHigh: string;
  csat: string;
  csatLow: string;
  csatHigh: string;
  comment: string;
  thanks: string;
}

export const en: Strings = {
  feedback: 'Feedback',
  title: 'Send feedback',
  message: 'Message',
  name: 'Name',
  email: 'Email',
  optional: 'optional',
  send: 'Send',
  sending: 'Sending…',
  close: 'Close',
  required: 'Please fill in this field.',
  invalid: 'Please check this field.',
  sent: 'Thanks — sent',
  queued: "Saved — it will be sent when you're back online",
  failed: 'Not sent. Your message is kept — please try again.',
  nps: 'How likely are you to recommend us to a friend or colleague?',
  npsLow: 'Not likely',
  npsHigh: 'Very likely',
  csat: 'How satisfied are you with us?',
  csatLow: 'Very dissatisfied',
  csatHigh: 'Very satisfied',
  comment: 'What is the main reason for your score?',
  thanks: 'Thank you!',
};

/** Languages written right to left, for `dir` when the page itself does not say. */
export const isRtl = (locale = '') => /^(ar|he|fa|ur)\b/i.test(locale);

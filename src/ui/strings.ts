/**
 * The widget's words. English is built in; `strings` (with `locale`) overrides any of them.
 * Keys are stable: translations are keyed by them. Each says where it shows.
 */
export interface Strings {
  /** The launcher button's label (its accessible name too), and the name of the widget's region. */
  feedback: string;
  /** The feedback dialog's heading, and the inline form's. */
  title: string;
  /** The label of the feedback message field. */
  message: string;
  /** The placeholder in the empty message field. */
  messagePlaceholder: string;
  /** The label of the name field (hidden unless the app asks for it). */
  name: string;
  /** The placeholder in the empty name field. */
  namePlaceholder: string;
  /** The label of the email field. */
  email: string;
  /** The placeholder in the empty email field. */
  emailPlaceholder: string;
  /**
   * After the label of a field that must be filled in, with the space the language puts before
   * it, if any: `' (required)'` makes "Message (required)", Japanese `'（必須）'` "メッセージ（必須）".
   */
  requiredMark: string;
  /** The primary button of the form and of a prompt's follow-up. */
  send: string;
  /** The primary button while a submission is being saved. */
  sending: string;
  /** The secondary button that closes the dialog without sending. */
  cancel: string;
  /** The × button's accessible name (dialog and prompts). */
  close: string;
  /** Under a required field left empty. */
  required: string;
  /** Under a field the server refused (the stricter check on its side). */
  invalid: string;
  /** Under an email field whose text is not an email address. */
  invalidEmail: string;
  /** Status heading: the server confirmed the submission. */
  sent: string;
  /** Status line under `sent`: what happens next. */
  sentDetail: string;
  /** Status heading: kept in this browser's storage, to be sent later. */
  saved: string;
  /** Status line under `saved` when the browser says it is offline. */
  savedOffline: string;
  /** Status line under `saved` when the server did not answer while the browser is online. */
  savedUnreachable: string;
  /** Status line under `saved` when the server asked to come back later (busy or down). */
  savedBusy: string;
  /** Status line under `saved` when the server answered in a way no retry soon will fix. */
  savedMisconfigured: string;
  /** Status line under `saved` when no attempt has finished yet. */
  savedLater: string;
  /** Status heading: this browser keeps nothing (private mode, storage blocked). */
  visitOnly: string;
  /** Status line under `visitOnly`. */
  visitOnlyDetail: string;
  /** Status heading: the server refuses submissions from this page's address. */
  refused: string;
  /** Status line under `refused`. */
  refusedDetail: string;
  /** Above the form when the submission could not even be saved; the draft is kept. */
  failed: string;
  /** The NPS question. */
  nps: string;
  /** Under the NPS scale's left end (0). */
  npsLow: string;
  /** Under the NPS scale's right end (10). */
  npsHigh: string;
  /** The CSAT question. */
  csat: string;
  /** Under the CSAT scale's left end (1). */
  csatLow: string;
  /** Under the CSAT scale's right end (5). */
  csatHigh: string;
  /** The label of a prompt's follow-up comment field, shown once a score is chosen. */
  comment: string;
  /** The placeholder in the empty follow-up comment field. */
  commentPlaceholder: string;
  /** A prompt's status heading once it is answered. */
  thanks: string;
}

export const en: Strings = {
  feedback: 'Feedback',
  title: 'Send feedback',
  message: 'Message',
  messagePlaceholder: 'What works well? What gets in your way?',
  name: 'Name',
  namePlaceholder: 'Your name',
  email: 'Email',
  emailPlaceholder: 'you@example.com',
  requiredMark: ' (required)',
  send: 'Send',
  sending: 'Sending…',
  cancel: 'Cancel',
  close: 'Close',
  required: 'Please fill in this field.',
  invalid: 'Please check this field.',
  invalidEmail: 'Please enter an email address, like name@example.com.',
  sent: 'Thanks — sent',
  sentDetail: 'Your feedback has reached the team.',
  saved: 'Saved on this device',
  savedOffline: "You're offline. It will be sent when you're back online.",
  savedUnreachable: "The server can't be reached right now. It will be sent when it can.",
  savedBusy: 'The server is busy. It will be sent in a little while.',
  savedMisconfigured: "The feedback service isn't answering as it should. It will be sent once it does.",
  savedLater: 'It will be sent as soon as the server answers.',
  visitOnly: 'Saved for this visit only',
  visitOnlyDetail: "This browser won't keep it after you leave: it is sent if the server answers before then.",
  refused: 'Not sent yet',
  refusedDetail: "This site's feedback service doesn't accept messages from this page. It's saved on this device until it does.",
  failed: 'Not sent. Your message is kept — please try again.',
  nps: 'How likely are you to recommend us to a friend or colleague?',
  npsLow: 'Not likely',
  npsHigh: 'Very likely',
  csat: 'How satisfied are you with us?',
  csatLow: 'Very dissatisfied',
  csatHigh: 'Very satisfied',
  comment: 'What is the main reason for your score?',
  commentPlaceholder: 'A few words are enough',
  thanks: 'Thank you!',
};

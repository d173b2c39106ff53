/** `earful`: the browser API for apps. Importing it does nothing and never touches `window`. */
export { createClient } from './client/client.js';
export type {
  Client,
  ClientEvents,
  ClientOptions,
  DeliveryProblem,
  Durability,
  SubmissionInput,
  SubmitResult,
} from './client/client.js';
export type { DeadLetter } from './client/outbox/dead-letters.js';
export type { OutboxRecord } from './client/outbox/record.js';
export { checkSubmission } from './schema/check-submission.js';
export type { ItemResult, Submission, SubmissionKind, SubmissionPart, SubmissionUser } from './schema/submission.js';
export type { EarfulElementProperties, EarfulFeedbackAttributes, EarfulNpsAttributes } from './ui/element-attributes.js';
export { defineElements } from './ui/elements.js';
export { type Draft, FeedbackForm, type FeedbackFormProps, type FieldMode } from './ui/feedback-form.js';
export { type MountHandle, type MountOptions, type NpsOptions, mount } from './ui/mount.js';
export { resetPrompts } from './ui/prompt-state.js';
export { CsatPrompt, NpsPrompt, type ScalePromptProps } from './ui/scale-prompt.js';
export type { Strings } from './ui/strings.js';
export type { TargetingRules } from './ui/targeting.js';

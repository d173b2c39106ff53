/** `earful`: the browser API for apps. Importing it does nothing and never touches `window`. */
export { createClient } from './client/client.js';
export type {
  Client,
  ClientEvents,
  ClientOptions,
  Durability,
  SubmissionInput,
  SubmitResult,
} from './client/client.js';
export type { DeadLetter, OutboxRecord } from './client/outbox.js';
export { checkSubmission } from './schema/check-submission.js';
export type { ItemResult, Submission, SubmissionKind, SubmissionPart, SubmissionUser } from './schema/submission.js';

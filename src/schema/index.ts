/** The wire format for browser code: types, limits and the zod-free check. */
export type {
  FeedbackResponse,
  ItemResult,
  Submission,
  SubmissionKind,
  SubmissionPart,
  SubmissionUser,
} from './submission.js';
export { checkSubmission, findSubmissionIssue } from './check-submission.js';
export type { SubmissionIssue } from './messages.js';
export * from './limits.js';

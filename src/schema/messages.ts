/**
 * The error messages of the wire format, one place for both validators, so a rejection reads
 * the same whether the browser or the proxy found it: `"<field path>: <message>"`.
 */
export const msg = {
  required: 'required',
  string: 'must be a string',
  empty: 'must not be empty',
  tooLong: (max: number) => `too long (max ${max} characters)`,
  wellFormed: 'must be well-formed text (no lone surrogate)',
  kind: 'must be one of feedback, nps, csat',
  integer: 'must be an integer',
  scoreRange: (kind: string, min: number, max: number) =>
    `must be between ${min} and ${max} for ${kind}`,
  scoreRequired: (kind: string) => `required for ${kind}`,
  scoreForbidden: 'not allowed for feedback',
  bodyRequired: 'required for feedback unless parts are given',
  object: 'must be an object',
  array: 'must be an array',
  email: 'invalid email',
  url: 'invalid URL (http or https)',
  datetime: 'invalid ISO 8601 datetime',
  tooManyKeys: (max: number) => `too many keys (max ${max})`,
  keyLength: (max: number) => `key too long (max ${max} characters)`,
  metadataValue: 'must be a string, number or boolean',
  tooManyParts: (max: number) => `too many (max ${max})`,
} as const;

/** A problem either validator finds in a Submission: where (`parts.0.body`, `user.email`, or `''` for the item itself) and what. */
export interface SubmissionIssue {
  path: string;
  message: string;
}

/** A zod issue's path as both validators write it: `parts.0.body`. */
export const issuePath = (path: readonly PropertyKey[]): string => path.map(String).join('.');

/** An issue as the wire's `error` says it: `user.email: invalid email`. */
export const issueText = ({ path, message }: SubmissionIssue): string => (path ? `${path}: ${message}` : message);

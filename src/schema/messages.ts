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

/** Joins a path the way both validators report it: `parts.0.body`, `user.email`. */
export function formatIssue(path: readonly PropertyKey[], message: string): string {
  return path.length ? `${path.map(String).join('.')}: ${message}` : message;
}

/**
 * A hand-written twin of `SubmissionSchema` for browser code: no zod, no `eval`, about a
 * kilobyte. It finds the first problem exactly as the proxy would, as `{ path, message }`
 * (`checkSubmission` writes it `"user.email: invalid email"`, as the wire does);
 * `test/schema/check-submission.test.ts` holds the two to each other on random input.
 */
import { toIsoUtc } from './datetime.js';
import { parsesAsHttpUrl } from './http-url.js';
import * as L from './limits.js';
import { type SubmissionIssue, issueText, msg } from './messages.js';
import { isWellFormed } from './well-formed.js';

type Found = SubmissionIssue | undefined;
/** A string field: its name, longest length, whether it is required (and then non-empty), and a format. */
interface FieldSpec {
  name: string;
  max: number;
  required?: boolean;
  test?: (value: string) => boolean;
  message?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const at = (path: string, message: string): SubmissionIssue => ({ path, message });

const ID: FieldSpec = { name: 'id', max: L.MAX_ID_LENGTH, required: true };
const BODY: FieldSpec = { name: 'body', max: L.MAX_BODY_LENGTH };
const EMAIL: FieldSpec = { name: 'email', max: L.MAX_EMAIL_LENGTH, test: (s) => L.EMAIL_PATTERN.test(s), message: msg.email };
const URL_AND_DATE: FieldSpec[] = [
  { name: 'url', max: L.MAX_URL_LENGTH, test: parsesAsHttpUrl, message: msg.url },
  { name: 'createdAt', max: 64, test: (s) => toIsoUtc(s) !== undefined, message: msg.datetime },
];
const USER: FieldSpec[] = [
  { name: 'id', max: L.MAX_ID_LENGTH },
  EMAIL,
  { name: 'name', max: L.MAX_NAME_LENGTH },
  { name: 'hash', max: 256 },
];
const PART: FieldSpec[] = [
  ID,
  { ...BODY, required: true },
  { name: 'author', max: L.MAX_NAME_LENGTH },
  EMAIL,
  { name: 'userId', max: L.MAX_ID_LENGTH },
  ...URL_AND_DATE,
];

/** What is wrong with one string field's value, in the order zod checks it. */
function fieldProblem(value: unknown, { max, required, test, message }: FieldSpec): string | undefined {
  if (value === undefined) return required ? msg.required : undefined;
  if (typeof value !== 'string') return msg.string;
  if (required && !value) return msg.empty;
  if (value.length > max) return msg.tooLong(max);
  if (!isWellFormed(value)) return msg.wellFormed;
  if (test && !test(value)) return message;
  return undefined;
}

/** The first problem of the string fields `specs` of `o`, in order; paths start with `prefix`. */
function fields(o: Record<string, unknown>, specs: FieldSpec[], prefix = ''): Found {
  for (const spec of specs) {
    const problem = fieldProblem(o[spec.name], spec);
    if (problem) return at(prefix + spec.name, problem);
  }
  return undefined;
}

/** As zod's `z.number()`: Infinity and NaN are not numbers here (JSON would turn them into null). */
const isMetadataValue = (v: unknown) => typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

function metadata(m: Record<string, unknown>): Found {
  // zod's record drops an own `__proto__` key unread (as JSON.parse can make one): so does this.
  const keys = Object.keys(m).filter((k) => k !== '__proto__');
  for (const key of keys) {
    const v = m[key];
    if (!isMetadataValue(v)) return at(`metadata.${key}`, msg.metadataValue);
    if (typeof v !== 'string') continue;
    if (v.length > L.MAX_METADATA_VALUE_LENGTH) return at(`metadata.${key}`, msg.tooLong(L.MAX_METADATA_VALUE_LENGTH));
    if (!isWellFormed(v)) return at(`metadata.${key}`, msg.wellFormed);
  }
  if (keys.length > L.MAX_METADATA_KEYS) return at('metadata', msg.tooManyKeys(L.MAX_METADATA_KEYS));
  const long = keys.find((k) => k.length > L.MAX_METADATA_KEY_LENGTH);
  if (long !== undefined) return at(`metadata.${long}`, msg.keyLength(L.MAX_METADATA_KEY_LENGTH));
  const illFormed = keys.find((k) => !isWellFormed(k));
  return illFormed === undefined ? undefined : at(`metadata.${illFormed}`, msg.wellFormed);
}

function parts(list: unknown[]): Found {
  for (const [i, part] of list.entries()) {
    const found = isObject(part) ? fields(part, PART, `parts.${i}.`) : at(`parts.${i}`, msg.object);
    if (found) return found;
  }
  return list.length > L.MAX_PARTS ? at('parts', msg.tooManyParts(L.MAX_PARTS)) : undefined;
}

/** Like zod, the cross-field rules are checked once every field has its own shape. */
function kindRules({ kind, score, body, parts: list }: Record<string, unknown>): Found {
  if (kind === 'feedback') {
    if (score !== undefined) return at('score', msg.scoreForbidden);
    const hasWords = typeof body === 'string' && body.trim() !== '';
    const hasParts = Array.isArray(list) && list.length > 0;
    return hasWords || hasParts ? undefined : at('body', msg.bodyRequired);
  }
  const { min, max } = L.SCORE_RANGES[kind as keyof typeof L.SCORE_RANGES];
  if (score === undefined) return at('score', msg.scoreRequired(kind as string));
  const outside = (score as number) < min || (score as number) > max;
  return outside ? at('score', msg.scoreRange(kind as string, min, max)) : undefined;
}

/**
 * Finds the first problem of one Submission against the wire format, as the proxy would
 * report it; `undefined` when the proxy will accept it.
 */
export function findSubmissionIssue(s: unknown): SubmissionIssue | undefined {
  if (!isObject(s)) return at('', msg.object);
  const { kind, score, user, metadata: meta, parts: list } = s;
  const validKind = (L.KINDS as readonly unknown[]).includes(kind);
  const checks: (() => Found)[] = [
    () => fields(s, [ID]),
    () => (validKind ? undefined : at('kind', kind === undefined ? msg.required : msg.kind)),
    () => fields(s, [BODY]),
    () => (score === undefined || Number.isSafeInteger(score) ? undefined : at('score', msg.integer)),
    () => (user === undefined ? undefined : isObject(user) ? fields(user, USER, 'user.') : at('user', msg.object)),
    () => fields(s, URL_AND_DATE),
    () => (meta === undefined ? undefined : isObject(meta) ? metadata(meta) : at('metadata', msg.object)),
    () => (list === undefined ? undefined : Array.isArray(list) ? parts(list) : at('parts', msg.array)),
    () => (validKind ? kindRules(s) : undefined),
  ];
  for (const check of checks) {
    const found = check();
    if (found) return found;
  }
  return undefined;
}

/** The first problem as the wire writes it (`"user.email: invalid email"`), or `undefined`. */
export function checkSubmission(s: unknown): string | undefined {
  const issue = findSubmissionIssue(s);
  return issue && issueText(issue);
}

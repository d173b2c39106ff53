/**
 * A hand-written twin of `SubmissionSchema` for browser code: no zod, no `eval`, well under a
 * kilobyte. It reports the first problem exactly as the proxy would (`"user.email: invalid
 * email"`); `test/schema/check-submission.test.ts` holds the two to each other on random input.
 */
import { toIsoUtc } from './datetime.js';
import { parsesAsHttpUrl } from './http-url.js';
import * as L from './limits.js';
import { msg } from './messages.js';
import { isWellFormed } from './well-formed.js';

type Found = string | false | undefined;
/** A string field: its name, longest length, and whether it is required (and then non-empty). */
type Spec = [name: string, max: number, required?: 1, test?: (s: string) => boolean, message?: string];

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `path: message`, as `formatIssue` joins them on the proxy. */
const at = (path: string, message: string) => `${path}: ${message}`;

const ID: Spec = ['id', L.MAX_ID_LENGTH, 1];
const BODY: Spec = ['body', L.MAX_BODY_LENGTH];
const EMAIL: Spec = ['email', L.MAX_EMAIL_LENGTH, undefined, (s) => L.EMAIL_PATTERN.test(s), msg.email];
const URL_AND_DATE: Spec[] = [
  ['url', L.MAX_URL_LENGTH, undefined, parsesAsHttpUrl, msg.url],
  ['createdAt', 64, undefined, (s) => toIsoUtc(s) !== undefined, msg.datetime],
];
const USER: Spec[] = [['id', L.MAX_ID_LENGTH], EMAIL, ['name', L.MAX_NAME_LENGTH], ['hash', 256]];
const PART: Spec[] = [ID, [BODY[0], BODY[1], 1], ['author', L.MAX_NAME_LENGTH], EMAIL, ['userId', L.MAX_ID_LENGTH], ...URL_AND_DATE];

/** The first problem of the string fields `specs` of `o`, in order; paths start with `prefix`. */
function fields(o: Record<string, unknown>, specs: Spec[], prefix = ''): Found {
  for (const [name, max, required, test, message] of specs) {
    const v = o[name];
    const problem =
      v === undefined
        ? required && msg.required
        : typeof v !== 'string'
          ? msg.string
          : required && !v
            ? msg.empty
            : v.length > max
              ? msg.tooLong(max)
              : !isWellFormed(v)
                ? msg.wellFormed
                : test && !test(v) && message;
    if (problem) return at(prefix + name, problem);
  }
}

function metadata(m: Record<string, unknown>): Found {
  // zod's record drops an own `__proto__` key unread (as JSON.parse can make one): so does this.
  const keys = Object.keys(m).filter((k) => k != '__proto__');
  for (const key of keys) {
    const v = m[key];
    // As zod's z.number(): Infinity and NaN are not numbers here (JSON would turn them into null).
    if (!['string', 'number', 'boolean'].includes(typeof v) || v !== v || Math.abs(v as number) == Infinity)
      return at(`metadata.${key}`, msg.metadataValue);
    if ((v as string).length > L.MAX_METADATA_VALUE_LENGTH) return at(`metadata.${key}`, msg.tooLong(L.MAX_METADATA_VALUE_LENGTH));
    if (typeof v === 'string' && !isWellFormed(v)) return at(`metadata.${key}`, msg.wellFormed);
  }
  if (keys.length > L.MAX_METADATA_KEYS) return at('metadata', msg.tooManyKeys(L.MAX_METADATA_KEYS));
  const long = keys.find((k) => k.length > L.MAX_METADATA_KEY_LENGTH);
  if (long !== undefined) return at(`metadata.${long}`, msg.keyLength(L.MAX_METADATA_KEY_LENGTH));
  const illFormed = keys.find((k) => !isWellFormed(k));
  return illFormed !== undefined && at(`metadata.${illFormed}`, msg.wellFormed);
}

function parts(ps: unknown[]): Found {
  let found: Found;
  ps.forEach((p, i) => (found ||= isObject(p) ? fields(p, PART, `parts.${i}.`) : at(`parts.${i}`, msg.object)));
  return found || (ps.length > L.MAX_PARTS && at('parts', msg.tooManyParts(L.MAX_PARTS)));
}

/** An optional nested value: absent, of the right shape and checked, or of the wrong shape. */
const nested = <T>(v: unknown, name: string, ok: (v: unknown) => v is T, message: string, check: (v: T) => Found): Found =>
  v !== undefined && (ok(v) ? check(v) : at(name, message));

/** Like zod, the cross-field rules are checked once every field has its own shape. */
function kindRules({ kind, score, body, parts: ps }: Record<string, unknown>): Found {
  if (kind === 'feedback')
    return score !== undefined
      ? at('score', msg.scoreForbidden)
      : !(typeof body === 'string' && body.trim()) && !(Array.isArray(ps) && ps.length) && at('body', msg.bodyRequired);
  const [min, max] = kind === 'nps' ? [L.NPS_MIN, L.NPS_MAX] : [L.CSAT_MIN, L.CSAT_MAX];
  if (score === undefined) return at('score', msg.scoreRequired(kind as string));
  return ((score as number) < min || (score as number) > max) && at('score', msg.scoreRange(kind as string, min, max));
}

/**
 * Checks one Submission against the wire format; returns the first problem as
 * `"<field>: <message>"`, or `undefined` when the proxy will accept it.
 */
export function checkSubmission(s: unknown): string | undefined {
  if (!isObject(s)) return msg.object;
  const { kind, score } = s;
  const validKind = (L.KINDS as readonly unknown[]).includes(kind);
  return (
    fields(s, [ID]) ||
    (!validKind && at('kind', kind === undefined ? msg.required : msg.kind)) ||
    fields(s, [BODY]) ||
    (score !== undefined && !Number.isSafeInteger(score) && at('score', msg.integer)) ||
    nested(s.user, 'user', isObject, msg.object, (u) => fields(u, USER, 'user.')) ||
    fields(s, URL_AND_DATE) ||
    nested(s.metadata, 'metadata', isObject, msg.object, metadata) ||
    nested(s.parts, 'parts', Array.isArray, msg.array, parts) ||
    (validKind && kindRules(s)) ||
    undefined
  );
}

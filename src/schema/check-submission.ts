/**
 * A hand-written twin of `SubmissionSchema` for browser code: no zod, no `eval`, well under a
 * kilobyte. It reports the first problem exactly as the proxy would (`"user.email: invalid
 * email"`); `test/schema/check-submission.test.ts` holds the two to each other on random input.
 */
import * as L from './limits.js';
import { formatIssue, msg } from './messages.js';

type Path = (string | number)[];
type Found = string | undefined;
/** A string field: its name, longest length, and whether it is required (and then non-empty). */
type Spec = [name: string, max: number, required?: 1, test?: (s: string) => boolean, message?: string];

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isHttpUrl = (v: string): boolean => {
  try {
    return /^https?:$/.test(new URL(v).protocol);
  } catch {
    return false;
  }
};

const email: Spec = ['email', L.MAX_EMAIL_LENGTH, undefined, (s) => L.EMAIL_PATTERN.test(s), msg.email];
const url: Spec = ['url', L.MAX_URL_LENGTH, undefined, isHttpUrl, msg.url];
const createdAt: Spec = ['createdAt', 64, undefined, (s) => L.DATETIME_PATTERN.test(s) && !Number.isNaN(Date.parse(s)), msg.datetime];
const USER: Spec[] = [['id', L.MAX_ID_LENGTH], email, ['name', L.MAX_NAME_LENGTH], ['hash', 256]];
const PART: Spec[] = [
  ['id', L.MAX_ID_LENGTH, 1],
  ['body', L.MAX_BODY_LENGTH, 1],
  ['author', L.MAX_NAME_LENGTH],
  email,
  ['userId', L.MAX_ID_LENGTH],
  url,
  createdAt,
];

function text(v: unknown, path: Path, [, max, required, test, message]: Spec): Found {
  const at = (m: string) => formatIssue(path, m);
  if (v === undefined) return required ? at(msg.required) : undefined;
  if (typeof v !== 'string') return at(msg.string);
  if (required && !v) return at(msg.empty);
  if (v.length > max) return at(msg.tooLong(max));
  if (test && !test(v)) return at(message!);
}

/** The first problem of the string fields `specs` of `o`, in order. */
function fields(o: Record<string, unknown>, specs: Spec[], path: Path): Found {
  for (const spec of specs) {
    const found = text(o[spec[0]], [...path, spec[0]], spec);
    if (found) return found;
  }
}

function metadata(m: Record<string, unknown>): Found {
  const keys = Object.keys(m);
  for (const key of keys) {
    const v = m[key];
    const at = (message: string) => formatIssue(['metadata', key], message);
    if (!['string', 'number', 'boolean'].includes(typeof v)) return at(msg.metadataValue);
    if ((v as string).length > L.MAX_METADATA_VALUE_LENGTH) return at(msg.tooLong(L.MAX_METADATA_VALUE_LENGTH));
  }
  if (keys.length > L.MAX_METADATA_KEYS) return formatIssue(['metadata'], msg.tooManyKeys(L.MAX_METADATA_KEYS));
  const long = keys.find((k) => k.length > L.MAX_METADATA_KEY_LENGTH);
  if (long !== undefined) return formatIssue(['metadata', long], msg.keyLength(L.MAX_METADATA_KEY_LENGTH));
}

function parts(ps: unknown[]): Found {
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i];
    const found = isObject(p) ? fields(p, PART, ['parts', i]) : formatIssue(['parts', i], msg.object);
    if (found) return found;
  }
  if (ps.length > L.MAX_PARTS) return formatIssue(['parts'], msg.tooManyParts(L.MAX_PARTS));
}

/** An optional nested value: absent, of the right shape and checked, or of the wrong shape. */
function nested<T>(v: unknown, name: string, ok: (v: unknown) => v is T, message: string, check: (v: T) => Found): Found {
  return v === undefined ? undefined : ok(v) ? check(v) : formatIssue([name], message);
}

function kindRules(s: Record<string, unknown>): Found {
  const { kind, score, body, parts: ps } = s;
  const at = (m: string) => formatIssue(['score'], m);
  if (kind === 'feedback') {
    if (score !== undefined) return at(msg.scoreForbidden);
    if (!(typeof body === 'string' && body.trim()) && !(Array.isArray(ps) && ps.length))
      return formatIssue(['body'], msg.bodyRequired);
    return;
  }
  const [min, max] = kind === 'nps' ? [L.NPS_MIN, L.NPS_MAX] : [L.CSAT_MIN, L.CSAT_MAX];
  if (score === undefined) return at(msg.scoreRequired(kind as string));
  if ((score as number) < min || (score as number) > max) return at(msg.scoreRange(kind as string, min, max));
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
    text(s.id, ['id'], ['id', L.MAX_ID_LENGTH, 1]) ??
    (validKind ? undefined : formatIssue(['kind'], kind === undefined ? msg.required : msg.kind)) ??
    text(s.body, ['body'], ['body', L.MAX_BODY_LENGTH]) ??
    (score === undefined || Number.isSafeInteger(score) ? undefined : formatIssue(['score'], msg.integer)) ??
    nested(s.user, 'user', isObject, msg.object, (u) => fields(u, USER, ['user'])) ??
    fields(s, [url, createdAt], []) ??
    nested(s.metadata, 'metadata', isObject, msg.object, metadata) ??
    nested(s.parts, 'parts', Array.isArray, msg.array, parts) ??
    // Like zod, the cross-field rules are checked once every field has its own shape.
    (validKind ? kindRules(s) : undefined)
  );
}

/**
 * A hand-written twin of `SubmissionSchema` for browser code: no zod, no `eval`, a few hundred
 * bytes. It reports the first problem exactly as the proxy would (`"user.email: invalid email"`);
 * `test/schema/check-submission.test.ts` holds the two to each other on random input.
 */
import * as L from './limits.js';
import { formatIssue, msg } from './messages.js';

type Path = (string | number)[];
type Found = string | undefined;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function text(v: unknown, path: Path, max: number, required: boolean, nonEmpty = false): Found {
  if (v === undefined) return required ? formatIssue(path, msg.required) : undefined;
  if (typeof v !== 'string') return formatIssue(path, msg.string);
  if (nonEmpty && v.length === 0) return formatIssue(path, msg.empty);
  if (v.length > max) return formatIssue(path, msg.tooLong(max));
}

function pattern(v: unknown, path: Path, max: number, ok: (s: string) => boolean, message: string): Found {
  return text(v, path, max, false) ?? (typeof v === 'string' && !ok(v) ? formatIssue(path, message) : undefined);
}

const isHttpUrl = (v: string): boolean => {
  try {
    const { protocol } = new URL(v);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
};

const email = (v: unknown, path: Path) =>
  pattern(v, path, L.MAX_EMAIL_LENGTH, (s) => L.EMAIL_PATTERN.test(s), msg.email);
const url = (v: unknown, path: Path) => pattern(v, path, L.MAX_URL_LENGTH, isHttpUrl, msg.url);
const datetime = (v: unknown, path: Path) =>
  pattern(v, path, 64, (s) => L.DATETIME_PATTERN.test(s) && !Number.isNaN(Date.parse(s)), msg.datetime);

function user(u: unknown): Found {
  if (u === undefined) return;
  if (!isObject(u)) return formatIssue(['user'], msg.object);
  return (
    text(u.id, ['user', 'id'], L.MAX_ID_LENGTH, false) ??
    email(u.email, ['user', 'email']) ??
    text(u.name, ['user', 'name'], L.MAX_NAME_LENGTH, false) ??
    text(u.hash, ['user', 'hash'], 256, false)
  );
}

function metadata(m: unknown): Found {
  if (m === undefined) return;
  if (!isObject(m)) return formatIssue(['metadata'], msg.object);
  const keys = Object.keys(m);
  for (const key of keys) {
    const v = m[key];
    const path = ['metadata', key];
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')
      return formatIssue(path, msg.metadataValue);
    if (typeof v === 'string' && v.length > L.MAX_METADATA_VALUE_LENGTH)
      return formatIssue(path, msg.tooLong(L.MAX_METADATA_VALUE_LENGTH));
  }
  if (keys.length > L.MAX_METADATA_KEYS) return formatIssue(['metadata'], msg.tooManyKeys(L.MAX_METADATA_KEYS));
  const long = keys.find((k) => k.length > L.MAX_METADATA_KEY_LENGTH);
  if (long !== undefined) return formatIssue(['metadata', long], msg.keyLength(L.MAX_METADATA_KEY_LENGTH));
}

function part(p: unknown, i: number): Found {
  const at = (f: string): Path => ['parts', i, f];
  if (!isObject(p)) return formatIssue(['parts', i], msg.object);
  return (
    text(p.id, at('id'), L.MAX_ID_LENGTH, true, true) ??
    text(p.body, at('body'), L.MAX_BODY_LENGTH, true, true) ??
    text(p.author, at('author'), L.MAX_NAME_LENGTH, false) ??
    email(p.email, at('email')) ??
    text(p.userId, at('userId'), L.MAX_ID_LENGTH, false) ??
    url(p.url, at('url')) ??
    datetime(p.createdAt, at('createdAt'))
  );
}

function parts(ps: unknown): Found {
  if (ps === undefined) return;
  if (!Array.isArray(ps)) return formatIssue(['parts'], msg.array);
  for (let i = 0; i < ps.length; i++) {
    const found = part(ps[i], i);
    if (found) return found;
  }
  if (ps.length > L.MAX_PARTS) return formatIssue(['parts'], msg.tooManyParts(L.MAX_PARTS));
}

function kindRules(s: Record<string, unknown>): Found {
  const { kind, score, body, parts: ps } = s;
  if (kind === 'feedback') {
    if (score !== undefined) return formatIssue(['score'], msg.scoreForbidden);
    const hasBody = typeof body === 'string' && body.trim() !== '';
    if (!hasBody && !(Array.isArray(ps) && ps.length)) return formatIssue(['body'], msg.bodyRequired);
    return;
  }
  const [min, max] = kind === 'nps' ? [L.NPS_MIN, L.NPS_MAX] : [L.CSAT_MIN, L.CSAT_MAX];
  if (score === undefined) return formatIssue(['score'], msg.scoreRequired(String(kind)));
  if ((score as number) < min || (score as number) > max)
    return formatIssue(['score'], msg.scoreRange(String(kind), min, max));
}

/**
 * Checks one Submission against the wire format; returns the first problem as
 * `"<field>: <message>"`, or `undefined` when the proxy will accept it.
 */
export function checkSubmission(s: unknown): string | undefined {
  if (!isObject(s)) return msg.object;
  const { kind, score } = s;
  const found =
    text(s.id, ['id'], L.MAX_ID_LENGTH, true, true) ??
    (kind === undefined
      ? formatIssue(['kind'], msg.required)
      : !(L.KINDS as readonly unknown[]).includes(kind)
        ? formatIssue(['kind'], msg.kind)
        : undefined) ??
    text(s.body, ['body'], L.MAX_BODY_LENGTH, false) ??
    (score !== undefined && !Number.isSafeInteger(score) ? formatIssue(['score'], msg.integer) : undefined) ??
    user(s.user) ??
    url(s.url, ['url']) ??
    datetime(s.createdAt, ['createdAt']) ??
    metadata(s.metadata) ??
    parts(s.parts);
  // Like zod, the cross-field rules are checked once every field has its own shape.
  return found ?? (L.KINDS.includes(kind as never) ? kindRules(s) : undefined);
}

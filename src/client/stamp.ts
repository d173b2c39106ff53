/**
 * What the client fills in on a submission when it is queued: its id, time, page, and the user
 * as known at that moment (a later `identify()` or logout changes nothing already queued).
 */
import type { Submission, SubmissionUser } from '../schema/submission.js';
import { plain } from './outbox/record.js';

/** What an app passes to `submit`: the client fills in `id`, `createdAt`, `url` and the user. */
export type SubmissionInput = Omit<Submission, 'id' | 'createdAt'> & Partial<Pick<Submission, 'id' | 'createdAt'>>;

/** A v4 UUID; `crypto.randomUUID` exists only in secure contexts (https, localhost), hence the fallback. */
function uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // variant 1
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The page the feedback came from, without its fragment; only http(s) URLs the proxy accepts. */
function pageUrl(): string | undefined {
  const href = globalThis.location?.href.split('#')[0] ?? '';
  return /^https?:/.test(href) && href.length <= 2048 ? href : undefined;
}

/** The Amplitude Browser SDK's user id, when the SDK is on the page and has one. */
function amplitudeUserId(): string | undefined {
  try {
    const id = (globalThis as { amplitude?: { getUserId?: () => unknown } }).amplitude?.getUserId?.();
    if (typeof id === 'string') return id || undefined;
  } catch {}
}

/**
 * A complete Submission, as plain data. `input.user` adds to the identified `user`, but its
 * undefined keys wipe nothing; without a user id, Amplitude's is taken unless `amplitude` is off.
 */
export function stamp(input: SubmissionInput, user: SubmissionUser | undefined, at: number, amplitude?: boolean): Submission {
  const who: SubmissionUser = { ...user, ...plain(input.user ?? {}) };
  if (amplitude !== false) who.id ??= amplitudeUserId();
  const submission: Submission = plain({
    ...input,
    id: input.id ?? uuid(),
    createdAt: input.createdAt ?? new Date(at).toISOString(),
    url: input.url ?? pageUrl(),
    user: who,
  });
  if (!Object.keys(submission.user!).length) delete submission.user;
  return submission;
}

/**
 * The outbox's rules, as pure functions over a transaction's tables: what a record looks like,
 * which records are due, and what each delivery outcome does to them. No I/O and no clock of
 * their own, so every rule is tested with plain Maps.
 */
import type { Submission } from '../schema/submission.js';
import { backoffDelay } from './backoff.js';
import { LEASE_MS, MAX_BATCH_BYTES, MAX_BATCH_ITEMS, RETENTION_MS } from './policy.js';
import type { Table, Tables } from './store.js';

export const RECORD_VERSION = 1;
/** Dead letters kept for the app to inspect; past this the oldest goes. */
export const MAX_DEAD_LETTERS = 200;

/** One queued submission: plain data, so any tab (or a newer widget) can read it. */
export interface OutboxRecord {
  v: typeof RECORD_VERSION;
  id: string;
  submission: Submission;
  /** UTF-8 size of the submission's JSON. */
  bytes: number;
  attempts: number;
  /** Not sent before this time (ms since epoch): backoff, or a hold while an NPS follow-up is open. */
  nextAttemptAt: number;
  /** When it entered the outbox; orders the queue (FIFO) and ends it after 7 days. */
  queuedAt: number;
  /** Bumped by every write of the submission, so a reply never deletes a newer revision. */
  rev: number;
  lease?: { owner: string; until: number };
  lastError?: string;
  /** Held back for an NPS follow-up; a page-hide beacon still sends it. */
  held?: true;
}

export type DeadReason = 'rejected' | 'expired' | 'corrupt' | 'too_large';

export interface DeadLetter {
  v: typeof RECORD_VERSION;
  id: string;
  submission?: unknown;
  reason: DeadReason;
  error: string;
  at: number;
}

/** What the proxy (or the transport) said about one item. */
export type Outcome =
  | { status: 'delivered' }
  | { status: 'rejected'; error: string; reason?: DeadReason }
  | { status: 'retry'; error: string; retryAfterMs?: number };

export class QueueFullError extends Error {
  override name = 'QueueFullError' as const;
}

const encoder = new TextEncoder();
export const byteSize = (value: unknown) => encoder.encode(JSON.stringify(value)).length;

function isRecord(x: unknown): x is OutboxRecord {
  const r = x as OutboxRecord;
  return (
    typeof r === 'object' &&
    r !== null &&
    r.v === RECORD_VERSION &&
    typeof r.id === 'string' &&
    typeof r.submission === 'object' &&
    r.submission !== null &&
    r.submission.id === r.id &&
    [r.bytes, r.attempts, r.nextAttemptAt, r.queuedAt, r.rev].every(Number.isFinite)
  );
}

/** A record written by a newer widget in another tab: not ours to judge. */
const isNewer = (x: unknown) => typeof (x as OutboxRecord)?.v === 'number' && (x as OutboxRecord).v > RECORD_VERSION;

function bury(dead: Table, letter: DeadLetter): void {
  dead.set(letter.id, letter);
  if (dead.size > MAX_DEAD_LETTERS) {
    const oldest = [...dead.entries()].sort(([, a], [, b]) => ((a as DeadLetter).at ?? 0) - ((b as DeadLetter).at ?? 0))[0];
    if (oldest) dead.delete(oldest[0]);
  }
}

export interface Caps {
  maxItems: number;
  maxBytes: number;
}

/**
 * Adds (or replaces, same id) a submission. Refuses with `QueueFullError` past the caps:
 * a user's earlier words are never evicted for new ones.
 */
export function enqueue(t: Tables, submission: Submission, now: number, caps: Caps, holdMs = 0): OutboxRecord {
  const bytes = byteSize(submission);
  const old = t.outbox.get(submission.id);
  const previous = isRecord(old) ? old : undefined;
  let count = 1;
  let total = bytes;
  let latest = -Infinity;
  for (const [key, r] of t.outbox)
    if (key !== submission.id) {
      count++;
      total += isRecord(r) ? r.bytes : 0;
      if (isRecord(r)) latest = Math.max(latest, r.queuedAt);
    }
  if (count > caps.maxItems || total > caps.maxBytes)
    throw new QueueFullError(`the outbox is full (${caps.maxItems} items or ${caps.maxBytes} bytes)`);
  const record: OutboxRecord = {
    v: RECORD_VERSION,
    id: submission.id,
    submission,
    bytes,
    attempts: previous?.attempts ?? 0,
    nextAttemptAt: now + holdMs,
    // Strictly after every record already queued (by any tab), so FIFO never depends on a tie.
    queuedAt: previous?.queuedAt ?? Math.max(now, latest + 1),
    rev: (previous?.rev ?? 0) + 1,
  };
  if (previous?.lease) record.lease = previous.lease;
  if (holdMs > 0) record.held = true;
  t.outbox.set(submission.id, record);
  return record;
}

/**
 * Ends an NPS/CSAT follow-up (MAPPING.md, "NPS flow"): a record still waiting takes the
 * comment as its body and goes now; one already delivered or in flight gets the comment as a
 * conversation part of the same item, so both destinations keep it. No comment: just release.
 */
export function followUp(t: Tables, id: string, base: Submission | undefined, comment: string | undefined, now: number, caps: Caps) {
  const current = t.outbox.get(id);
  if (isRecord(current) && !(current.lease && current.lease.until > now))
    return enqueue(t, comment ? { ...current.submission, body: comment } : current.submission, now, caps);
  const source = isRecord(current) ? current.submission : base;
  if (!comment || !source) return undefined;
  const { user } = source;
  const part = { id: `${id}:comment`, body: comment, author: user?.name, email: user?.email, userId: user?.id, createdAt: new Date(now).toISOString() };
  return enqueue(t, { ...source, parts: [...(source.parts ?? []), JSON.parse(JSON.stringify(part))] }, now, caps);
}

export interface Claim {
  records: OutboxRecord[];
  /** Due records left behind by the batch limits: claim again. */
  more: boolean;
  /** The whole queue waits until then (a 429/503). */
  pausedUntil?: number;
  /** Records that went to the dead letters while looking (corrupt, expired). */
  buried: DeadLetter[];
}

/**
 * Takes the due records, oldest first, up to 100 items and ~900 KB, and leases them to
 * `owner` so no other tab sends them meanwhile. Corrupt and expired records are buried.
 */
export function claim(
  t: Tables,
  now: number,
  owner: string,
  limits: { maxItems?: number; maxBytes?: number; leaseMs?: number } = {},
): Claim {
  const { maxItems = MAX_BATCH_ITEMS, maxBytes = MAX_BATCH_BYTES, leaseMs = LEASE_MS } = limits;
  const buried: DeadLetter[] = [];
  const paused = t.meta.get('pausedUntil');
  if (typeof paused === 'number' && paused > now) return { records: [], more: false, pausedUntil: paused, buried };
  const due: OutboxRecord[] = [];
  for (const [key, r] of t.outbox) {
    if (isNewer(r)) continue;
    const letter = !isRecord(r)
      ? { reason: 'corrupt' as const, error: 'unreadable outbox record' }
      : now - r.queuedAt > RETENTION_MS
        ? { reason: 'expired' as const, error: 'not delivered within 7 days' }
        : undefined;
    if (letter) {
      const dead: DeadLetter = { v: RECORD_VERSION, id: key, submission: (r as OutboxRecord)?.submission ?? r, at: now, ...letter };
      bury(t.dead, dead);
      t.outbox.delete(key);
      buried.push(dead);
    } else {
      const { nextAttemptAt, lease } = r as OutboxRecord;
      if (nextAttemptAt <= now && !(lease && lease.until > now)) due.push(r as OutboxRecord);
    }
  }
  due.sort((a, b) => a.queuedAt - b.queuedAt || (a.id < b.id ? -1 : 1));
  const records: OutboxRecord[] = [];
  let bytes = 0;
  for (const r of due) {
    if (records.length === maxItems || (records.length && bytes + r.bytes > maxBytes)) break;
    bytes += r.bytes;
    const leased = { ...r, lease: { owner, until: now + leaseMs } };
    t.outbox.set(r.id, leased);
    records.push(leased);
  }
  return { records, more: records.length < due.length, buried };
}

export interface Settled {
  delivered: string[];
  rejected: DeadLetter[];
}

/**
 * Applies the outcomes of a send: delivered → deleted; rejected → dead letters; retry → backoff
 * (or the server's `Retry-After`). A record rewritten while in flight (a newer revision) is
 * never deleted or buried for the old one's answer: it goes out again instead.
 */
export function settle(
  t: Tables,
  sent: readonly OutboxRecord[],
  outcomes: ReadonlyMap<string, Outcome>,
  now: number,
  random: () => number = Math.random,
): Settled {
  const result: Settled = { delivered: [], rejected: [] };
  for (const s of sent) {
    const current = t.outbox.get(s.id);
    const outcome = outcomes.get(s.id) ?? { status: 'retry', error: 'no answer for this item' };
    if (!isRecord(current)) {
      if (outcome.status === 'delivered') result.delivered.push(s.id); // another tab settled it first
      continue;
    }
    const sameRevision = current.rev === s.rev;
    if (outcome.status === 'delivered' && sameRevision) {
      t.outbox.delete(s.id);
      result.delivered.push(s.id);
    } else if (outcome.status === 'rejected' && sameRevision) {
      const letter: DeadLetter = {
        v: RECORD_VERSION,
        id: s.id,
        submission: current.submission,
        reason: outcome.reason ?? 'rejected',
        error: outcome.error,
        at: now,
      };
      t.outbox.delete(s.id);
      bury(t.dead, letter);
      result.rejected.push(letter);
    } else if (outcome.status === 'retry' && current.lease?.owner === s.lease?.owner) {
      const attempts = current.attempts + 1;
      const { lease: _, ...rest } = current;
      const wait = outcome.retryAfterMs ?? backoffDelay(attempts, random);
      t.outbox.set(s.id, { ...rest, attempts, nextAttemptAt: now + wait, lastError: outcome.error });
    } else if (!sameRevision) {
      const { lease: _, ...rest } = current;
      t.outbox.set(s.id, rest); // the newer revision is due now
    }
  }
  return result;
}

/** Holds every send until `until` (a 429 or 503 for the whole queue). */
export function pauseUntil(t: Tables, until: number): void {
  const current = t.meta.get('pausedUntil');
  t.meta.set('pausedUntil', Math.max(until, typeof current === 'number' ? current : 0));
}

/** When the next record becomes due (for the timer), or undefined when the outbox is empty. */
export function nextDueAt(t: Tables): number | undefined {
  let next: number | undefined;
  for (const r of t.outbox.values()) {
    if (!isRecord(r)) continue;
    const at = Math.max(r.nextAttemptAt, r.lease?.until ?? 0);
    next = next === undefined ? at : Math.min(next, at);
  }
  const paused = t.meta.get('pausedUntil');
  return next !== undefined && typeof paused === 'number' ? Math.max(next, paused) : next;
}

/** The readable records, oldest first: what `client.pending()` shows. */
export const records = (outbox: Table): OutboxRecord[] =>
  [...outbox.values()].filter(isRecord).sort((a, b) => a.queuedAt - b.queuedAt);

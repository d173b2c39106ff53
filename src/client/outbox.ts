/**
 * The outbox's rules, as pure functions over a transaction's tables: what a record looks like,
 * which records are due, and what each delivery outcome does to them. No I/O and no clock of
 * their own, so every rule is tested with plain Maps. Records are replaced, never mutated.
 */
import type { Submission } from '../schema/submission.js';
import { backoffDelay } from './backoff.js';
import * as P from './policy.js';
import type { Table, Tables } from './store.js';

export const RECORD_VERSION = 1;
/** Dead letters kept for the app to inspect; past this the oldest goes. */
export const MAX_DEAD_LETTERS = 200;
/** The `meta` key of the queue-wide pause (ms since epoch). */
const PAUSED_UNTIL = 'pausedUntil';

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

/** Where a follow-up stands when it had nothing to write. */
export type FollowUpState = { status: 'queued' } | { status: 'delivered' } | { status: 'failed'; error: string };

export class QueueFullError extends Error {
  override name = 'QueueFullError' as const;
}

export interface Caps {
  maxItems: number;
  maxBytes: number;
}

/** Plain data, as stored and sent: no `undefined` keys, no live objects. */
export const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value));

function isRecord(x: unknown): x is OutboxRecord {
  const r = x as OutboxRecord | undefined;
  return (
    r?.v === RECORD_VERSION &&
    typeof r.id === 'string' &&
    r.submission?.id === r.id &&
    [r.bytes, r.attempts, r.nextAttemptAt, r.queuedAt, r.rev].every(Number.isFinite)
  );
}

/** Queue order (FIFO); a tie, which `enqueue` avoids, goes by id. */
const byAge = (a: OutboxRecord, b: OutboxRecord) => a.queuedAt - b.queuedAt || (a.id < b.id ? -1 : 1);
const isLeased = (r: OutboxRecord, now: number) => (r.lease?.until ?? 0) > now;
const pausedUntil = (t: Partial<Tables>) => Number(t.meta?.get(PAUSED_UNTIL)) || 0;

/** Moves a record (or what is left of one) to the dead letters, keeping the newest 200. */
function bury(t: Tables, id: string, submission: unknown, reason: DeadReason, error: string, at: number): DeadLetter {
  const letter: DeadLetter = { v: RECORD_VERSION, id, submission, reason, error, at };
  t.outbox.delete(id);
  t.dead.set(id, letter);
  if (t.dead.size > MAX_DEAD_LETTERS)
    t.dead.delete([...t.dead].sort(([, a], [, b]) => (a as DeadLetter).at - (b as DeadLetter).at)[0]![0]);
  return letter;
}

/**
 * Adds (or replaces, same id) a submission. Refuses with `QueueFullError` past the caps:
 * a user's earlier words are never evicted for new ones.
 */
export function enqueue(t: Tables, submission: Submission, now: number, caps: Caps, holdMs = 0): OutboxRecord {
  const { id } = submission;
  const bytes = new Blob([JSON.stringify(submission)]).size;
  const old = t.outbox.get(id);
  const others = records(t.outbox).filter((r) => r.id !== id);
  if (others.length >= caps.maxItems || others.reduce((sum, r) => sum + r.bytes, bytes) > caps.maxBytes)
    throw new QueueFullError('outbox full');
  // A replaced record keeps its place, attempts and lease (a reply in flight then sees the newer `rev`).
  const { held: _, ...previous } = (isRecord(old) ? old : {}) as Partial<OutboxRecord>;
  const record: OutboxRecord = {
    attempts: 0,
    // Strictly after every record already queued (by any tab), so FIFO never depends on a tie.
    queuedAt: Math.max(now, (others.at(-1)?.queuedAt ?? 0) + 1),
    ...previous,
    v: RECORD_VERSION,
    id,
    submission,
    bytes,
    nextAttemptAt: now + holdMs,
    rev: (previous.rev ?? 0) + 1,
  };
  if (holdMs) record.held = true;
  t.outbox.set(id, record);
  return record;
}

/**
 * Ends an NPS/CSAT follow-up (MAPPING.md, "NPS flow"): a record still waiting takes the
 * comment as its body and goes now; one already delivered or in flight gets the comment as a
 * conversation part of the same item, so both destinations keep it. When there is nothing to
 * write, says where the submission stands (`base` is what this tab queued, if it did).
 */
export function followUp(
  t: Tables,
  id: string,
  base: Submission | undefined,
  comment: string | undefined,
  now: number,
  caps: Caps,
): OutboxRecord | FollowUpState {
  const current = t.outbox.get(id);
  const record = isRecord(current) ? current : undefined;
  if (record && !isLeased(record, now))
    return enqueue(t, comment ? { ...record.submission, body: comment } : record.submission, now, caps);
  const source = record?.submission ?? base;
  if (comment && source) {
    const { user } = source;
    const part = { id: `${id}:comment`, body: comment, author: user?.name, email: user?.email, userId: user?.id, createdAt: new Date(now).toISOString() };
    return enqueue(t, { ...source, parts: [...(source.parts ?? []), plain(part)] }, now, caps);
  }
  const letter = t.dead.get(id) as DeadLetter | undefined;
  if (current) return { status: 'queued' }; // in flight
  if (letter) return { status: 'failed', error: letter.error };
  // Gone from the outbox and not a dead letter: delivered, if this tab ever queued it.
  return base ? { status: 'delivered' } : { status: 'failed', error: 'nothing to follow up' };
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
export function claim(t: Tables, now: number, owner: string, leaseMs = P.LEASE_MS): Claim {
  const buried: DeadLetter[] = [];
  const paused = pausedUntil(t);
  if (paused > now) return { records: [], more: false, pausedUntil: paused, buried };
  const due: OutboxRecord[] = [];
  for (const [id, r] of t.outbox)
    if (!isRecord(r)) {
      // A record written by a newer widget in another tab is not ours to judge.
      const { v, submission } = (r ?? {}) as Partial<OutboxRecord>;
      if (!(v! > RECORD_VERSION)) buried.push(bury(t, id, submission ?? r, 'corrupt', 'unreadable', now));
    } else if (now - r.queuedAt > P.RETENTION_MS) buried.push(bury(t, id, r.submission, 'expired', 'older than 7 days', now));
    else if (r.nextAttemptAt <= now && !isLeased(r, now)) due.push(r);
  const records: OutboxRecord[] = [];
  let bytes = 0;
  for (const r of due.sort(byAge)) {
    if (records.length === P.MAX_BATCH_ITEMS || (records.length && bytes + r.bytes > P.MAX_BATCH_BYTES)) break;
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
  const delivered: string[] = [];
  const rejected: DeadLetter[] = [];
  for (const { id, rev, lease: mine } of sent) {
    const current = t.outbox.get(id);
    const o = outcomes.get(id) ?? { status: 'retry', error: 'no answer' };
    if (!isRecord(current)) {
      if (o.status === 'delivered') delivered.push(id); // another tab settled it first
      continue;
    }
    const same = current.rev === rev;
    const { lease, ...rest } = current;
    if (same && o.status === 'delivered') t.outbox.delete(id), delivered.push(id);
    else if (same && o.status === 'rejected') rejected.push(bury(t, id, rest.submission, o.reason ?? 'rejected', o.error, now));
    else if (o.status === 'retry' && lease?.owner === mine?.owner) {
      const attempts = rest.attempts + 1;
      const wait = o.retryAfterMs ?? backoffDelay(attempts, random);
      t.outbox.set(id, { ...rest, attempts, nextAttemptAt: now + wait, lastError: o.error });
    } else if (!same) t.outbox.set(id, rest); // the newer revision is due now
  }
  return { delivered, rejected };
}

/** Holds every send until `until` (a 429 or 503 for the whole queue). */
export const pauseUntil = (t: Tables, until: number) => void t.meta.set(PAUSED_UNTIL, Math.max(until, pausedUntil(t)));

/** When the next record becomes due (for the timer), or undefined when the outbox is empty. */
export function nextDueAt(t: Partial<Tables>): number | undefined {
  let next = Infinity;
  for (const r of t.outbox?.values() ?? [])
    if (isRecord(r)) next = Math.min(next, Math.max(r.nextAttemptAt, r.lease?.until ?? 0));
  return next < Infinity ? Math.max(next, pausedUntil(t)) : undefined;
}

/** The readable records, oldest first: what `client.pending()` shows. */
export const records = (outbox: Table): OutboxRecord[] => [...outbox.values()].filter(isRecord).sort(byAge);

/**
 * Page hide: what one keepalive POST may carry — records not tried yet (due, or held for a
 * follow-up), not leased, within 32 KB, oldest first — and nothing while the queue is paused.
 * A record that failed before waits for its persisted backoff, however often the page unloads.
 */
export function forBeacon(t: Partial<Tables>, now: number): OutboxRecord[] {
  const picked: OutboxRecord[] = [];
  let bytes = 12; // {"items":[]}
  if (t.outbox && pausedUntil(t) <= now)
    for (const r of records(t.outbox))
      if ((r.held || (!r.attempts && r.nextAttemptAt <= now)) && !isLeased(r, now) && bytes + r.bytes + 1 <= P.KEEPALIVE_MAX_BYTES)
        picked.push(r), (bytes += r.bytes + 1);
  return picked;
}

/**
 * The outbox's rules, as functions over one transaction (`Tx`): what a record looks like, which
 * records are due, and what each delivery outcome does to them. No I/O but the transaction's and
 * no clock of their own, so every rule is tested over plain Maps. Records are replaced, never
 * mutated. Each touches only what it needs — the batch, a few keys — never the whole outbox,
 * except `claim({ full })`, which the flusher runs on its first cycle and then every few minutes.
 */
import type { Submission } from '../schema/submission.js';
import { backoffDelay } from './backoff.js';
import * as P from './policy.js';
import { type Tables, type Tx, valuesOf } from './store.js';

export const RECORD_VERSION = 1;
/** Dead letters kept for the app to inspect; past this the oldest goes. */
export const MAX_DEAD_LETTERS = 200;
/**
 * `meta` keys: the queue-wide pause (ms since epoch), and the outbox's bytes at the last exact
 * count plus every byte enqueued since. Deliveries do not subtract, so it is never below the
 * truth (unless a tab on older code enqueued meanwhile) and needs an exact count only once it
 * passes the cap: once per cap's worth of bytes enqueued, or to refuse.
 */
const PAUSED_UNTIL = 'pausedUntil';
const BYTES = 'bytes';

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
  /**
   * The last attempt got no answer (a network error): due at once on `online` and `flush()`.
   * Such attempts still count, also while `navigator.onLine` is false: that is only a hint, and an
   * uncounted failure would keep an offline page retrying every 1–2 s; `online` skips the wait anyway.
   */
  net?: true;
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
  | { status: 'retry'; error: string; retryAfterMs?: number; net?: boolean };

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
const number = async (tx: Tx, key: string) => Number(await tx.get('meta', key)) || 0;

/** Moves a record (or what is left of one) to the dead letters. */
function bury(tx: Tx, id: string, submission: unknown, reason: DeadReason, error: string, at: number): DeadLetter {
  const letter: DeadLetter = { v: RECORD_VERSION, id, submission, reason, error, at };
  tx.put('outbox', id);
  tx.put('dead', id, letter);
  return letter;
}

/** After burying: keeps the newest 200 dead letters. */
async function trimDead(tx: Tx) {
  if ((await tx.count('dead')) > MAX_DEAD_LETTERS)
    for (const { id } of ((await valuesOf(tx, 'dead')) as DeadLetter[]).sort((a, b) => b.at - a.at).slice(MAX_DEAD_LETTERS)) tx.put('dead', id);
}

/**
 * Adds (or replaces, same id) a submission. Refuses with `QueueFullError` past the caps:
 * a user's earlier words are never evicted for new ones. Checks the outbox's count and its
 * running byte total, recounted exactly before it refuses anything.
 */
export async function enqueue(tx: Tx, submission: Submission, now: number, caps: Caps, holdMs = 0): Promise<OutboxRecord> {
  const { id } = submission;
  const bytes = new Blob([JSON.stringify(submission)]).size;
  let last = 0;
  const [old, count, total] = await Promise.all([
    tx.get('outbox', id),
    tx.count('outbox'),
    tx.get('meta', BYTES),
    tx.each('outbox', (r) => ((last = Number((r as OutboxRecord).queuedAt) || 0), false), 'prev'),
  ]);
  // A replaced record keeps its place, attempts and lease (a reply in flight then sees the newer `rev`).
  const { held: _, net: __, ...previous } = (isRecord(old) ? old : {}) as Partial<OutboxRecord>;
  let sum = ((total as number) ?? Infinity) - (previous.bytes ?? 0) + bytes;
  if (!(sum <= caps.maxBytes)) sum = records(await valuesOf(tx, 'outbox')).reduce((s, r) => (r.id === id ? s : s + r.bytes), bytes);
  if (count - (old === undefined ? 0 : 1) >= caps.maxItems || sum > caps.maxBytes) throw new QueueFullError('outbox full');
  const record: OutboxRecord = {
    attempts: 0,
    // Strictly after every record already queued (by any tab), so FIFO never depends on a tie.
    queuedAt: Math.max(now, last + 1),
    ...previous,
    v: RECORD_VERSION,
    id,
    submission,
    bytes,
    nextAttemptAt: now + holdMs,
    rev: (previous.rev ?? 0) + 1,
  };
  if (holdMs) record.held = true;
  tx.put('outbox', id, record);
  tx.put('meta', BYTES, sum);
  return record;
}

/**
 * Ends an NPS/CSAT follow-up (MAPPING.md, "NPS flow"): a record still waiting takes the
 * comment as its body and goes now; one already delivered or in flight gets the comment as a
 * conversation part of the same item, so both destinations keep it. When there is nothing to
 * write, says where the submission stands (`base` is what this tab queued, if it did).
 */
export async function followUp(
  tx: Tx,
  id: string,
  base: Submission | undefined,
  comment: string | undefined,
  now: number,
  caps: Caps,
): Promise<OutboxRecord | FollowUpState> {
  const [current, letter] = (await Promise.all([tx.get('outbox', id), tx.get('dead', id)])) as [unknown, DeadLetter | undefined];
  const record = isRecord(current) ? current : undefined;
  if (record && !isLeased(record, now))
    return enqueue(tx, comment ? { ...record.submission, body: comment } : record.submission, now, caps);
  const source = record?.submission ?? base;
  if (comment && source) {
    const { user } = source;
    const part = { id: `${id}:comment`, body: comment, author: user?.name, email: user?.email, userId: user?.id, createdAt: new Date(now).toISOString() };
    return enqueue(tx, { ...source, parts: [...(source.parts ?? []), plain(part)] }, now, caps);
  }
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

export interface ClaimOptions {
  /** @default LEASE_MS */
  leaseMs?: number;
  /** Read the whole outbox, not just its queue order up to one batch: finds corrupt records, which the `queuedAt` index misses. */
  full?: boolean;
  /** `online` or `flush()`: a record whose last attempt got no answer is due now (a pause still holds). */
  force?: boolean;
}

/**
 * Takes the due records, oldest first, up to 100 items and ~900 KB, and leases them to
 * `owner` so no other tab sends them meanwhile. Walks the queue from its oldest record and
 * stops after one batch; corrupt and expired records met on the way are buried.
 */
export async function claim(tx: Tx, now: number, owner: string, { leaseMs = P.LEASE_MS, full, force }: ClaimOptions = {}): Promise<Claim> {
  const buried: DeadLetter[] = [];
  const paused = await number(tx, PAUSED_UNTIL);
  if (paused > now) return { records: [], more: false, pausedUntil: paused, buried };
  const due: OutboxRecord[] = [];
  let size = 0;
  const look = (r: unknown, id: string) => {
    if (!isRecord(r)) {
      // A record written by a newer widget in another tab is not ours to judge.
      const { v, submission } = (r ?? {}) as Partial<OutboxRecord>;
      if (!(v! > RECORD_VERSION)) buried.push(bury(tx, id, submission ?? r, 'corrupt', 'unreadable', now));
    } else if (now - r.queuedAt > P.RETENTION_MS) buried.push(bury(tx, id, r.submission, 'expired', 'older than 7 days', now));
    else if ((r.nextAttemptAt <= now || (force && r.net)) && !isLeased(r, now)) due.push(r), (size += r.bytes);
    // One record past a full batch is enough to know there is more.
    return full || (due.length <= P.MAX_BATCH_ITEMS && size <= P.MAX_BATCH_BYTES);
  };
  await tx.each('outbox', look, full ? undefined : 'next');
  const records: OutboxRecord[] = [];
  let bytes = 0;
  for (const r of due.sort(byAge)) {
    if (records.length === P.MAX_BATCH_ITEMS || (records.length && bytes + r.bytes > P.MAX_BATCH_BYTES)) break;
    bytes += r.bytes;
    const leased = { ...r, lease: { owner, until: now + leaseMs } };
    tx.put('outbox', r.id, leased);
    records.push(leased);
  }
  if (buried.length) await trimDead(tx);
  return { records, more: records.length < due.length, buried };
}

export interface Settled {
  delivered: string[];
  rejected: DeadLetter[];
}

/**
 * Applies the outcomes of a send to the records sent, and to nothing else: delivered → deleted;
 * rejected → dead letters; retry → backoff (or the server's `Retry-After`). A record rewritten
 * while in flight (a newer revision) is never deleted or buried for the old one's answer: it
 * goes out again instead.
 */
export async function settle(
  tx: Tx,
  sent: readonly OutboxRecord[],
  outcomes: ReadonlyMap<string, Outcome>,
  now: number,
  random: () => number = Math.random,
): Promise<Settled> {
  const delivered: string[] = [];
  const rejected: DeadLetter[] = [];
  // One walk over the stretch of the queue the batch came from (it was claimed in queue order) costs a
  // fraction of a read per record.
  const found = new Map<string, unknown>();
  const last = sent.at(-1)?.queuedAt ?? 0;
  await tx.each('outbox', (r, id) => (found.set(id, r), (r as OutboxRecord).queuedAt <= last), 'next', sent[0]?.queuedAt ?? 0);
  for (const { id, rev, lease: mine } of sent) {
    const current = found.get(id);
    const o = outcomes.get(id) ?? { status: 'retry', error: 'no answer' };
    if (!isRecord(current)) {
      if (o.status === 'delivered') delivered.push(id); // another tab settled it first
      continue;
    }
    const same = current.rev === rev;
    const { lease, net: _, ...rest } = current;
    if (same && o.status === 'delivered') tx.put('outbox', id), delivered.push(id);
    else if (same && o.status === 'rejected') rejected.push(bury(tx, id, rest.submission, o.reason ?? 'rejected', o.error, now));
    else if (o.status === 'retry' && lease?.owner === mine?.owner) {
      const attempts = rest.attempts + 1;
      const wait = o.retryAfterMs ?? backoffDelay(attempts, random);
      tx.put('outbox', id, { ...rest, attempts, nextAttemptAt: now + wait, lastError: o.error, ...(o.net && { net: true }) });
    } else if (!same) tx.put('outbox', id, rest); // the newer revision is due now
  }
  if (rejected.length) await trimDead(tx);
  return { delivered, rejected };
}

/** Holds every send until `until` (a 429 or 503 for the whole queue). */
export const pauseUntil = async (tx: Tx, until: number) => tx.put('meta', PAUSED_UNTIL, Math.max(until, await number(tx, PAUSED_UNTIL)));

/** When the next record becomes due (for the timer), or undefined when the outbox is empty. */
export function nextDueAt(t: Partial<Tables>): number | undefined {
  let next = Infinity;
  for (const r of t.outbox?.values() ?? [])
    if (isRecord(r)) next = Math.min(next, Math.max(r.nextAttemptAt, r.lease?.until ?? 0));
  return next < Infinity ? Math.max(next, pausedUntil(t)) : undefined;
}

/** The readable records, oldest first: what `client.pending()` shows. */
export const records = (values: Iterable<unknown>): OutboxRecord[] => [...values].filter(isRecord).sort(byAge);

/**
 * Page hide: what one keepalive POST may carry — records not tried yet (due, or held for a
 * follow-up), not leased, within 32 KB, oldest first — and nothing while the queue is paused.
 * A record that failed before waits for its persisted backoff, however often the page unloads.
 */
export function forBeacon(t: Partial<Tables>, now: number): OutboxRecord[] {
  const picked: OutboxRecord[] = [];
  let bytes = 12; // {"items":[]}
  if (t.outbox && pausedUntil(t) <= now)
    for (const r of records(t.outbox.values()))
      if ((r.held || (!r.attempts && r.nextAttemptAt <= now)) && !isLeased(r, now) && bytes + r.bytes + 1 <= P.KEEPALIVE_MAX_BYTES)
        picked.push(r), (bytes += r.bytes + 1);
  return picked;
}

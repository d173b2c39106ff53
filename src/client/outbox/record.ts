/**
 * The outbox's record: one queued submission, stored as plain data so that any tab, and a newer
 * widget, can read it. A record's key in the `queue` table is `[queuedAt, rev]`: its place in
 * the queue (unique, increasing: FIFO) and its revision, bumped by every write, so a key alone
 * names what is stored.
 */
import type { Submission } from '../../schema/submission.js';
import type { Key, Tx } from '../store.js';

export const RECORD_VERSION = 1;

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
  /** When it entered the outbox: orders the queue (FIFO) and ends it after 7 days. */
  queuedAt: number;
  /** Bumped by every write of the record, so a reply never deletes a newer revision. */
  rev: number;
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

/** Plain data, as stored and sent: no `undefined` keys, no live objects. */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}

/** Whether a stored value is a record this version can read (a newer widget's is not). */
export function isRecord(value: unknown): value is OutboxRecord {
  const record = value as OutboxRecord | undefined;
  return (
    record?.v === RECORD_VERSION &&
    typeof record.id === 'string' &&
    record.submission?.id === record.id &&
    [record.bytes, record.attempts, record.nextAttemptAt, record.queuedAt, record.rev].every(Number.isFinite)
  );
}

/** The queue key of a record. */
export function keyOf(record: OutboxRecord): Key {
  return [record.queuedAt, record.rev];
}

/** The place in the queue that a queue key names. */
export function placeOf(key: Key): number {
  return Array.isArray(key) ? key[0]! : 0;
}

/** The record at `place` now, whatever its revision, if it is still the submission `id`'s. */
export async function recordAt(tx: Tx, place: number, id: string): Promise<OutboxRecord | undefined> {
  const [row] = await tx.rows('queue', [place], [place, Infinity], 1);
  const value = row?.[1];
  return isRecord(value) && value.id === id ? value : undefined;
}

/** The readable records among `values`, oldest first: what `client.pending()` shows. */
export function readableRecords(values: Iterable<unknown>): OutboxRecord[] {
  return [...values].filter(isRecord).sort((a, b) => a.queuedAt - b.queuedAt);
}

/**
 * Writing to the outbox: a new record, or a new revision of one this tab queued (a changed NPS
 * score, an app sending the same id again), within the queue's caps.
 */
import type { Submission } from '../../schema/submission.js';
import type { Tx } from '../store.js';
import { type OutboxRecord, RECORD_VERSION, keyOf, recordAt } from './record.js';
import { type QueueState, readState, recount, writeState } from './state.js';

export class QueueFullError extends Error {
  override name = 'QueueFullError' as const;
}

export interface Caps {
  maxItems: number;
  maxBytes: number;
}

export interface EnqueueOptions {
  /** Not sent before this long (an NPS score awaiting its comment). @default 0 */
  holdMs?: number;
  /** A record this tab queued with the same id: replaced in its place, if it is still there. */
  replacing?: OutboxRecord;
}

/**
 * Adds a submission, or replaces `replacing` in its place with a new revision. Refuses with
 * `QueueFullError` past the caps: a user's earlier words are never evicted for new ones. Checks
 * the count and byte total of the state row, counted exactly before it refuses.
 */
export async function enqueue(tx: Tx, submission: Submission, now: number, caps: Caps, { holdMs = 0, replacing }: EnqueueOptions = {}): Promise<OutboxRecord> {
  const bytes = new Blob([JSON.stringify(submission)]).size;
  let state = await readState(tx);
  // As it is now; gone meanwhile (delivered, or another tab's doing): the submission goes in as a new record.
  const previous = replacing && (await recordAt(tx, replacing.queuedAt, submission.id));
  const grown = (from: QueueState) => ({
    count: from.count + (previous ? 0 : 1),
    bytes: from.bytes - (previous?.bytes ?? 0) + bytes,
  });
  const fits = (size: { count: number; bytes: number }) => size.count <= caps.maxItems && size.bytes <= caps.maxBytes;
  if (!fits(grown(state))) {
    // The total may be off (a record buried as corrupt takes its bytes with it unknown): count before refusing.
    state = await recount(tx, state);
    if (!fits(grown(state))) throw new QueueFullError('outbox full');
  }
  const record: OutboxRecord = {
    v: RECORD_VERSION,
    id: submission.id,
    submission,
    bytes,
    // A replaced record keeps its place and attempts (a reply in flight then sees the newer `rev`).
    attempts: previous?.attempts ?? 0,
    nextAttemptAt: now + holdMs,
    // Strictly after every record already queued (by any tab), so FIFO never depends on a tie.
    queuedAt: previous?.queuedAt ?? Math.max(Math.ceil(now), state.last + 1),
    rev: (previous?.rev ?? 0) + 1,
  };
  if (previous?.lastError !== undefined) record.lastError = previous.lastError;
  if (holdMs) record.held = true;
  if (previous) tx.put('queue', keyOf(previous));
  tx.put('queue', keyOf(record), record);
  writeState(tx, { ...state, ...grown(state), last: Math.max(state.last, record.queuedAt) });
  return record;
}

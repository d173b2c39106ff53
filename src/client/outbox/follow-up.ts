/**
 * The end of an NPS/CSAT follow-up: the score was queued the moment it was chosen, held for a
 * comment; now the comment (or none) decides what goes.
 */
import type { Submission } from '../../schema/submission.js';
import type { Tx } from '../store.js';
import type { DeadLetter } from './dead-letters.js';
import { type Caps, enqueue } from './enqueue.js';
import { type OutboxRecord, plain, recordAt } from './record.js';
import { leasedKeys, liveLeases, readState } from './state.js';

/** Where a follow-up stands when it had nothing to write. */
export type FollowUpState = { status: 'queued' } | { status: 'delivered' } | { status: 'failed'; error: string };

export interface FollowUpRequest {
  /** The score's submission id. */
  id: string;
  /** The score's record as this tab queued it; none when this tab never queued it. */
  base?: OutboxRecord;
  comment?: string;
  now: number;
  caps: Caps;
  /** Keys a page-hide beacon is sending: in flight, though no lease says so. */
  sending?: ReadonlySet<number>;
}

/** The comment as a conversation part of the same item, so both destinations keep it. */
function withComment(source: Submission, id: string, comment: string, now: number): Submission {
  const { user } = source;
  const part = plain({ id: `${id}:comment`, body: comment, author: user?.name, email: user?.email, userId: user?.id, createdAt: new Date(now).toISOString() });
  return { ...source, parts: [...(source.parts ?? []), part] };
}

/**
 * If the score is still waiting, it takes the comment as its body and goes now; if it is in
 * flight (leased, or carried by a beacon) or was delivered, the comment goes as a conversation
 * part of the same item. When there is nothing to write, says where the submission stands.
 */
export async function followUp(tx: Tx, { id, base, comment, now, caps, sending }: FollowUpRequest): Promise<OutboxRecord | FollowUpState> {
  const [state, record, letter] = await Promise.all([
    readState(tx),
    base && recordAt(tx, base.queuedAt, id),
    tx.get('dead', id) as Promise<DeadLetter | undefined>,
  ]);
  const inFlight = record !== undefined && (leasedKeys(liveLeases(state, now)).has(record.queuedAt) || sending?.has(record.queuedAt) === true);
  if (record && !inFlight) {
    const submission = comment ? { ...record.submission, body: comment } : record.submission;
    return enqueue(tx, submission, now, caps, { replacing: record });
  }
  const source = (record ?? base)?.submission;
  if (comment && source) return enqueue(tx, withComment(source, id, comment, now), now, caps, { replacing: record });
  if (record) return { status: 'queued' }; // in flight
  if (letter) return { status: 'failed', error: letter.error };
  // Gone from the outbox and not a dead letter: delivered, if this tab ever queued it.
  return base ? { status: 'delivered' } : { status: 'failed', error: 'nothing to follow up' };
}

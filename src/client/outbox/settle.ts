/**
 * Settling: what the answer to a batch does to the records sent, and to nothing else.
 */
import { backoffDelay } from '../backoff.js';
import type { Key, Tx } from '../store.js';
import { type DeadLetter, type DeadReason, bury, trimDeadLetters } from './dead-letters.js';
import { type OutboxRecord, keyOf } from './record.js';
import { type Lease, leasedKeys, liveLeases, readState, writeState } from './state.js';

/** What the proxy (or the transport) said about one item. */
export type Outcome =
  | { status: 'delivered' }
  | { status: 'accepted' }
  | { status: 'rejected'; error: string; reason?: DeadReason; path?: string }
  | { status: 'retry'; error: string; retryAfterMs?: number; net?: boolean };

export interface Settled {
  /** Delivered, or accepted (the proxy queued them): either way gone from the outbox. */
  delivered: string[];
  rejected: DeadLetter[];
  /** The records put back for another attempt, as now stored. */
  kept: OutboxRecord[];
  /** When the earliest record it put back becomes due, or Infinity. */
  next: number;
}

export interface SettleOptions {
  /** The lease the records were sent under (a beacon's have none): it ends for them. */
  lease?: Lease;
  /** Pause the whole queue until then (a 429 or 503). */
  pausedUntil?: number;
  random?: () => number;
}

/** Whether the proxy has the item for good: delivered, or accepted into its queue. */
const handedOver = (outcome: Outcome | undefined) => outcome?.status === 'delivered' || outcome?.status === 'accepted';

/** `leases` without the keys `owner` has answered; a lease left with no key ends. */
function release(leases: readonly Lease[], owner: string | undefined, answered: ReadonlySet<number>): Lease[] {
  const left: Lease[] = [];
  for (const lease of leases) {
    if (lease.owner !== owner) left.push(lease);
    else {
      const keys = lease.keys.filter((key) => !answered.has(key));
      if (keys.length) left.push({ ...lease, keys });
    }
  }
  return left;
}

/**
 * Applies the outcomes of a send to the records sent: delivered → deleted (consecutive ones in
 * one range delete); rejected → dead letters; retry → backoff (or the server's `Retry-After`);
 * no outcome → only the lease goes. Reads keys, not records: a record rewritten while in flight
 * (a newer revision) is never deleted, buried or backed off for the old one's answer, and one
 * another tab took over after the lease ran out is left to that tab.
 */
export async function settle(
  tx: Tx,
  sent: readonly OutboxRecord[],
  outcomes: ReadonlyMap<string, Outcome>,
  now: number,
  { lease, pausedUntil = 0, random = Math.random }: SettleOptions = {},
): Promise<Settled> {
  const state = await readState(tx);
  const sentAt = new Map(sent.map((record) => [record.queuedAt, record]));
  const leases = release(liveLeases(state, now), lease?.owner, new Set(sentAt.keys()));
  const takenByOthers = leasedKeys(leases.filter((other) => other.owner !== lease?.owner));
  const delivered: string[] = [];
  const rejected: DeadLetter[] = [];
  const kept: OutboxRecord[] = [];
  let next = pausedUntil > now ? pausedUntil : Infinity;
  let { count, bytes } = state;
  /** Delivered records next to each other in the queue, deleted in one go. */
  let run: { from: Key; to: Key } | undefined;
  const endRun = () => {
    if (run) tx.drop('queue', run.from, run.to);
    run = undefined;
  };
  const unseen = new Set(sentAt.keys());
  const places = [...sentAt.keys()];
  // Keys alone say what is there now: the place, and the revision that lies there.
  const keys = sent.length ? await tx.keys('queue', [Math.min(...places)], [Math.max(...places), Infinity]) : [];
  for (const key of keys) {
    const [place, rev] = key as number[];
    unseen.delete(place!);
    const record = sentAt.get(place!);
    const outcome = record && outcomes.get(record.id);
    // Not sent (a record between two that were), or rewritten while in flight: the newer
    // revision goes out when it is due.
    if (!record || record.rev !== rev) {
      endRun();
      continue;
    }
    if (handedOver(outcome)) {
      run = { from: run?.from ?? key, to: key };
      delivered.push(record.id);
      count -= 1;
      bytes -= record.bytes;
      continue;
    }
    endRun();
    if (outcome?.status === 'rejected') {
      rejected.push(bury(tx, { key, id: record.id, submission: record.submission, reason: outcome.reason ?? 'rejected', error: outcome.error, path: outcome.path, at: now }));
      count -= 1;
      bytes -= record.bytes;
    } else if (outcome?.status === 'retry' && !takenByOthers.has(place!)) {
      const nextAttemptAt = now + (outcome.retryAfterMs ?? backoffDelay(record.attempts + 1, random));
      next = Math.min(next, nextAttemptAt);
      const again: OutboxRecord = { ...record, attempts: record.attempts + 1, nextAttemptAt, lastError: outcome.error, rev: record.rev + 1 };
      if (outcome.net) again.net = true;
      else delete again.net;
      tx.put('queue', key);
      tx.put('queue', keyOf(again), again);
      kept.push(again);
    }
  }
  endRun();
  // Gone before the answer came: another tab settled it first.
  for (const place of unseen) {
    const id = sentAt.get(place)!.id;
    if (handedOver(outcomes.get(id))) delivered.push(id);
  }
  writeState(tx, { ...state, count, bytes, leases, pausedUntil: Math.max(state.pausedUntil, pausedUntil) });
  if (rejected.length) await trimDeadLetters(tx);
  return { delivered, rejected, next, kept };
}

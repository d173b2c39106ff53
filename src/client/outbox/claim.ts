/**
 * Claiming: which records go in the next batch. Walks the queue from its oldest record (or from
 * past the batch before), takes what is due up to the batch limits, and leases it to this tab
 * so no other tab sends it meanwhile.
 */
import { LEASE_MS, MAX_BATCH_BYTES, MAX_BATCH_ITEMS, RETENTION_MS } from '../policy.js';
import type { Key, Tx } from '../store.js';
import { type DeadLetter, bury, trimDeadLetters } from './dead-letters.js';
import { type OutboxRecord, RECORD_VERSION, isRecord, placeOf } from './record.js';
import { type Lease, leasedKeys, liveLeases, readState, writeState } from './state.js';

/** Records read per step of the walk: one batch, and one more that says there is more. */
const PAGE = MAX_BATCH_ITEMS + 1;

export interface Claim {
  records: OutboxRecord[];
  /** Due records left behind by the batch limits: claim again. */
  more: boolean;
  /** When the earliest record left behind becomes due (ms since epoch), or Infinity. */
  next: number;
  /** The queue-wide pause, when one holds. */
  pausedUntil?: number;
  /** Records that went to the dead letters while looking (corrupt, expired). */
  buried: DeadLetter[];
  lease?: Lease;
}

export interface ClaimOptions {
  /** @default LEASE_MS */
  leaseMs?: number;
  /** `online` or `flush()`: a record whose last attempt got no answer is due now (a pause still holds). */
  force?: boolean;
  /** Keys this tab is sending without a lease (a page-hide beacon). */
  skip?: ReadonlySet<number>;
  /** Walk on from past this place: the batch before, in the same drain, ended there. */
  after?: number;
}

function isDue(record: OutboxRecord, now: number, force: boolean): boolean {
  return record.nextAttemptAt <= now || (force && record.net === true);
}

/** A row that is not a readable record: buried as corrupt, unless a newer widget wrote it. */
function buryUnreadable(tx: Tx, key: Key, value: unknown, now: number): DeadLetter | undefined {
  const { v, id, submission } = (value ?? {}) as Partial<OutboxRecord>;
  // A record written by a newer widget in another tab is not ours to judge.
  if (typeof v === 'number' && v > RECORD_VERSION) return undefined;
  const name = typeof id === 'string' ? id : JSON.stringify(key);
  return bury(tx, { key, id: name, submission: submission ?? value, reason: 'corrupt', error: 'unreadable', at: now });
}

/**
 * Takes the due records, oldest first, up to 100 items and ~900 KB, and leases them to `owner`.
 * Stops after one batch; corrupt and expired records met on the way are buried; a record a
 * newer widget wrote is left alone. Nothing while the queue is paused.
 */
export async function claim(tx: Tx, now: number, owner: string, { leaseMs = LEASE_MS, force = false, skip, after }: ClaimOptions = {}): Promise<Claim> {
  const state = await readState(tx);
  const buried: DeadLetter[] = [];
  if (state.pausedUntil > now) return { records: [], more: false, next: state.pausedUntil, pausedUntil: state.pausedUntil, buried };
  const leases = liveLeases(state, now);
  const leased = leasedKeys(leases);
  const records: OutboxRecord[] = [];
  let batchBytes = 0;
  let freedBytes = 0;
  let next = Infinity;
  let more = false;
  let from: Key | undefined = after === undefined ? undefined : [after + 1];
  walk: for (;;) {
    const rows = await tx.rows('queue', from, undefined, PAGE);
    for (const [key, value] of rows) {
      if (!isRecord(value)) {
        const letter = buryUnreadable(tx, key, value, now);
        if (letter) buried.push(letter);
        continue;
      }
      const record = value;
      if (now - record.queuedAt > RETENTION_MS) {
        buried.push(bury(tx, { key, id: record.id, submission: record.submission, reason: 'expired', error: 'older than 7 days', at: now }));
        freedBytes += record.bytes;
      } else if (leased.has(record.queuedAt) || skip?.has(record.queuedAt)) {
        next = Math.min(next, leased.get(record.queuedAt) ?? Infinity);
      } else if (!isDue(record, now, force)) {
        next = Math.min(next, record.nextAttemptAt);
      } else if (records.length === MAX_BATCH_ITEMS || (records.length > 0 && batchBytes + record.bytes > MAX_BATCH_BYTES)) {
        more = true;
        break walk;
      } else {
        records.push(record);
        batchBytes += record.bytes;
      }
    }
    if (rows.length < PAGE) break;
    from = [placeOf(rows[PAGE - 1]![0]) + 1];
  }
  const lease = records.length ? { owner, until: now + leaseMs, keys: records.map((record) => record.queuedAt) } : undefined;
  if (lease || buried.length || leases.length !== state.leases.length)
    writeState(tx, { ...state, count: state.count - buried.length, bytes: state.bytes - freedBytes, leases: lease ? [...leases, lease] : leases });
  if (buried.length) await trimDeadLetters(tx);
  return { records, more, next, buried, lease };
}

/**
 * The queue's state: one row, `state`, in the `meta` table, beside the records. It holds what
 * concerns the whole queue — the pause a server asked for, the rows and bytes it holds (so a
 * new submission is checked against the caps without reading the outbox), the greatest place
 * given out, and the leases of the tabs sending — so that a batch costs one write of it.
 *
 * Its stored field names (`pausedUntil`, `n`, `bytes`, `last`, `leases`) are part of the
 * stored format: tabs on older code read and write the same row.
 */
import type { Tx } from '../store.js';
import { isRecord, placeOf } from './record.js';

/** Records a tab is sending (by `queuedAt`): other tabs leave them alone until `until` (a crashed tab's run out). */
export interface Lease {
  owner: string;
  until: number;
  keys: number[];
}

/** The state row as the outbox's rules use it: counted, with only well-formed leases. */
export interface QueueState {
  /** The whole queue waits until then (a 429 or 503), ms since epoch; 0 when it does not. */
  pausedUntil: number;
  /** Rows in the queue table, readable or not. */
  count: number;
  /** UTF-8 bytes of the readable records' submissions. */
  bytes: number;
  /** The greatest `queuedAt` given out: a new record goes after it. */
  last: number;
  leases: Lease[];
  /** The row as read, so that fields another version wrote survive this one's writes. */
  stored: Record<string, unknown>;
}

const STATE_KEY = 'state';

function isLease(value: unknown): value is Lease {
  const lease = value as Lease | null | undefined;
  return typeof lease?.owner === 'string' && Number.isFinite(lease.until) && Array.isArray(lease.keys);
}

/** The queue counted row by row: rows, bytes, and the greatest place taken by any row, readable or not. */
export async function recount(tx: Tx, state: QueueState): Promise<QueueState> {
  const rows = await tx.rows('queue');
  let bytes = 0;
  let last = state.last;
  for (const [key, value] of rows) {
    if (isRecord(value)) bytes += value.bytes;
    last = Math.max(last, placeOf(key));
  }
  return { ...state, count: rows.length, bytes, last };
}

/**
 * The state row, as far as it can be read: counted afresh when its count, total or place is
 * unreadable (a new database, a lost row), and without the leases that are not well formed (a
 * row another version wrote must not stop delivery).
 */
export async function readState(tx: Tx): Promise<QueueState> {
  const stored = { ...((await tx.get('meta', STATE_KEY)) as Record<string, unknown> | undefined) };
  const { pausedUntil, n: count, bytes, last, leases } = stored;
  const state: QueueState = {
    pausedUntil: Number(pausedUntil) || 0,
    count: Number(count),
    bytes: Number(bytes),
    last: Number(last) || 0,
    leases: [leases ?? []].flat().filter(isLease),
    stored,
  };
  const counted = [count, bytes, last].every(Number.isFinite);
  return counted ? state : recount(tx, state);
}

/** Writes the state row, keeping the fields this version does not know. */
export function writeState(tx: Tx, state: QueueState): void {
  const row: Record<string, unknown> = { ...state.stored, n: state.count, bytes: state.bytes, last: state.last, leases: state.leases };
  if (state.pausedUntil) row.pausedUntil = state.pausedUntil;
  tx.put('meta', STATE_KEY, row);
}

/** The leases that have not run out. */
export function liveLeases(state: QueueState, now: number): Lease[] {
  return state.leases.filter((lease) => lease.until > now);
}

/** Key → lease expiry, for every key some tab is sending under `leases`. */
export function leasedKeys(leases: readonly Lease[]): Map<number, number> {
  return new Map(leases.flatMap((lease) => lease.keys.map((key) => [key, lease.until] as const)));
}

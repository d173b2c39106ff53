/**
 * Delivery: claim → send → settle, one cycle at a time under a Web Lock so that one tab per
 * origin sends (the lease covers browsers without Web Locks and tabs that crash mid-flight).
 * The lock is held for one cycle only, never as a permanent leader (bfcache, frozen tabs).
 */
import type { ClientEvents, ClientOptions } from './client.js';
import { classify } from './classify.js';
import type { Emitter } from './events.js';
import { type DeadLetter, type OutboxRecord, claim, forBeacon, pauseUntil, settle } from './outbox.js';
import { FULL_SCAN_MS, REQUEST_TIMEOUT_MS } from './policy.js';
import type { Tables, Tx } from './store.js';
import { post } from './transport.js';

/** The part of `navigator.locks` we use; injectable for tests. */
export interface Locks {
  request<T>(name: string, options: { ifAvailable: true }, callback: (lock: unknown) => Promise<T>): Promise<T>;
}

export type Transact = <T>(mode: IDBTransactionMode, fn: (tx: Tx) => Promise<T>) => Promise<T>;

/** A cycle count that no healthy queue reaches (2,000 records / 100 a batch). */
const MAX_CYCLES = 50;

/**
 * The delivery loop of one client. `transact` reaches the outbox (and keeps the client's view
 * of it fresh); `dbName` names the Web Lock, shared by every tab of the origin.
 */
export function createFlusher(
  options: ClientOptions,
  dbName: string,
  now: () => number,
  transact: Transact,
  emit: Emitter<ClientEvents>['emit'],
) {
  const { locks = (globalThis.navigator as { locks?: Locks } | undefined)?.locks } = options;
  /** This tab, as the owner of the records it leases; unique enough among an origin's tabs. */
  const owner = `${Math.random()}`;
  /** When this tab last read the whole outbox (for corrupt records and the byte total): on its first cycle, then every few minutes. */
  let scanned = -Infinity;
  const report = (delivered: readonly string[], rejected: readonly DeadLetter[]) => {
    for (const id of delivered) emit('delivered', { id });
    for (const { id, error, reason } of rejected) emit('rejected', { id, error, reason });
  };

  /** Sends `records` and applies the answer; says whether any left the outbox. A 413 sends halves. */
  async function deliver(records: OutboxRecord[], keepalive?: boolean): Promise<boolean> {
    const items = records.map((r) => r.submission);
    const attempt = await post(options.endpoint, items, options.fetch ?? fetch, options.timeoutMs ?? REQUEST_TIMEOUT_MS, keepalive);
    const { outcomes, pauseMs, split } = classify(attempt, records, now());
    if (split) {
      const mid = Math.ceil(records.length / 2);
      const first = await deliver(records.slice(0, mid));
      return (await deliver(records.slice(mid))) || first;
    }
    const { delivered, rejected } = await transact('readwrite', async (tx) => {
      if (pauseMs) await pauseUntil(tx, now() + pauseMs);
      return settle(tx, records, outcomes, now(), options.random);
    });
    report(delivered, rejected);
    return delivered.length + rejected.length > 0;
  }

  /** One claim → send → settle; says whether another cycle could make progress. */
  async function cycle(force: boolean): Promise<boolean> {
    const full = now() - scanned >= FULL_SCAN_MS;
    const { records, more, buried } = await transact('readwrite', (tx) => claim(tx, now(), owner, { leaseMs: options.leaseMs, full, force }));
    if (full) scanned = now();
    report([], buried);
    return records.length > 0 && (await deliver(records)) && more;
  }

  return {
    /**
     * Delivers what is due; resolves `false` when another tab holds the lock. `force` (`online`,
     * `flush()`): what failed for want of a network is due now, without waiting out its backoff.
     */
    async run(force = false): Promise<boolean> {
      try {
        for (let i = 0; i < MAX_CYCLES; i++) {
          const more = await (locks ? locks.request(`earful-flush:${dbName}`, { ifAvailable: true }, async (lock) => (lock ? cycle(force) : null)) : cycle(force));
          if (more === null) return false;
          if (!more) break;
        }
      } catch (err) {
        emit('error', { error: String(err) });
      }
      return true;
    },

    /**
     * Page hide: one keepalive POST with what fits in 32 KB of `seen`, the tables as this tab
     * last saw them. Nothing is deleted unless the answer arrives while the page still runs; if
     * it never does, the records go again later and the destinations' idempotency keeps one copy.
     */
    beacon(seen: Partial<Tables>): void {
      const picked = forBeacon(seen, now());
      if (picked.length) deliver(picked, true).catch((err) => emit('error', { error: String(err) }));
    },
  };
}

export type Flusher = ReturnType<typeof createFlusher>;

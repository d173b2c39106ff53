/**
 * Delivery: claim → send → settle, one cycle at a time under a Web Lock so that one tab per
 * origin sends (the lease covers browsers without Web Locks and tabs that crash mid-flight).
 * The lock is held for one cycle only, never as a permanent leader (bfcache, frozen tabs).
 */
import { type Verdict, classify } from './classify.js';
import { type DeadLetter, type OutboxRecord, claim, nextDueAt, pauseUntil, settle } from './outbox.js';
import { KEEPALIVE_MAX_BYTES } from './policy.js';
import type { Storage } from './store.js';
import { post } from './transport.js';

/** The part of `navigator.locks` we use; injectable for tests. */
export interface Locks {
  request<T>(name: string, options: { ifAvailable: true }, callback: (lock: unknown) => Promise<T>): Promise<T>;
}

export interface FlusherDeps {
  endpoint: string;
  storage: () => Promise<Storage>;
  fetch: typeof fetch;
  locks: Locks | null;
  lockName: string;
  owner: string;
  now: () => number;
  random: () => number;
  timeoutMs: number;
  leaseMs: number;
  onDelivered(ids: readonly string[]): void;
  onRejected(letters: readonly DeadLetter[]): void;
  onError(error: unknown): void;
}

const BUSY = Symbol('busy');
/** A cycle count that no healthy queue reaches (2,000 records / 100 a batch). */
const MAX_CYCLES = 50;

export function createFlusher(deps: FlusherDeps) {
  const { now } = deps;
  /** Ids this tab is sending right now (not to be sent again by a page-hide beacon). */
  const inFlight = new Set<string>();

  async function sendBatch(records: OutboxRecord[], keepalive = false): Promise<Verdict> {
    const attempt = await post(
      deps.endpoint,
      records.map((r) => r.submission),
      { fetch: deps.fetch, timeoutMs: deps.timeoutMs, keepalive },
    );
    const verdict = classify(attempt, records, now());
    if (!verdict.split) return verdict;
    const mid = Math.ceil(records.length / 2);
    const [a, b] = [await sendBatch(records.slice(0, mid)), await sendBatch(records.slice(mid))];
    return { outcomes: new Map([...a.outcomes, ...b.outcomes]), pauseMs: Math.max(a.pauseMs ?? 0, b.pauseMs ?? 0) || undefined };
  }

  async function apply(storage: Storage, sent: OutboxRecord[], verdict: Verdict): Promise<boolean> {
    const settled = await storage.transact(['outbox', 'dead', 'meta'], 'readwrite', (t) => {
      const s = settle(t, sent, verdict.outcomes, now(), deps.random);
      if (verdict.pauseMs) pauseUntil(t, now() + verdict.pauseMs);
      return s;
    });
    if (settled.delivered.length) deps.onDelivered(settled.delivered);
    if (settled.rejected.length) deps.onRejected(settled.rejected);
    return settled.delivered.length + settled.rejected.length > 0;
  }

  /** One claim → send → settle; says whether another cycle could make progress. */
  async function cycle(): Promise<boolean> {
    const storage = await deps.storage();
    const claimed = await storage.transact(['outbox', 'dead', 'meta'], 'readwrite', (t) => claim(t, now(), deps.owner, { leaseMs: deps.leaseMs }));
    if (claimed.buried.length) deps.onRejected(claimed.buried);
    if (!claimed.records.length) return false;
    for (const r of claimed.records) inFlight.add(r.id);
    try {
      const progressed = await apply(storage, claimed.records, await sendBatch(claimed.records));
      return claimed.more && progressed;
    } finally {
      for (const r of claimed.records) inFlight.delete(r.id);
    }
  }

  const underLock = (): Promise<boolean | typeof BUSY> =>
    deps.locks ? deps.locks.request<boolean | typeof BUSY>(deps.lockName, { ifAvailable: true }, (lock) => (lock ? cycle() : Promise.resolve(BUSY))) : cycle();

  /** Delivers what is due; resolves `busy` when another tab holds the lock. */
  async function run(): Promise<'done' | 'busy'> {
    try {
      for (let i = 0; i < MAX_CYCLES; i++) {
        const more = await underLock();
        if (more === BUSY) return 'busy';
        if (!more) break;
      }
    } catch (err) {
      deps.onError(err);
    }
    return 'done';
  }

  /** When the next record is due, for the timer; undefined when the outbox is empty. */
  async function nextDue(): Promise<number | undefined> {
    const storage = await deps.storage();
    return storage.transact(['outbox', 'meta'], 'readonly', (t) => nextDueAt(t));
  }

  /**
   * Page hide: one keepalive POST with what fits in 32 KB, from records this tab knows. Nothing
   * is deleted unless the answer arrives while the page still runs; if it never does, the
   * records go again later and the destinations' idempotency keeps one copy.
   */
  function beacon(known: Iterable<OutboxRecord>): void {
    const picked: OutboxRecord[] = [];
    let bytes = 16; // {"items":[]}
    for (const r of known) {
      const due = r.nextAttemptAt <= now() || r.held;
      if (inFlight.has(r.id) || !due || bytes + r.bytes + 1 > KEEPALIVE_MAX_BYTES) continue;
      picked.push(r);
      bytes += r.bytes + 1;
    }
    if (!picked.length) return;
    for (const r of picked) inFlight.add(r.id);
    sendBatch(picked, true)
      .then(async (verdict) => apply(await deps.storage(), picked, verdict))
      .catch(deps.onError)
      .finally(() => picked.forEach((r) => inFlight.delete(r.id)));
  }

  return { run, nextDue, beacon };
}

export type Flusher = ReturnType<typeof createFlusher>;

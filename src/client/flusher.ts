/**
 * Delivery, and when it runs. One run at a time per client; within a run, batch after batch:
 * claim → send → settle under the origin's Web Lock, so one tab per origin sends (the lease
 * covers browsers without Web Locks and tabs that crash mid-flight). The lock is held for one
 * batch at a time, never as a permanent leader (bfcache, frozen tabs). After a run, a timer
 * looks again when the next record is due.
 */
import { createBeacon } from './beacon.js';
import { type DeliveryOptions, type Sent, UNSENT, createDelivery } from './delivery.js';
import { POLL_MS } from './policy.js';
import type { Locks } from './types.js';

export type { Locks };

/** A batch count that no healthy queue reaches in one run (2,000 records / 100 a batch). */
const MAX_BATCHES = 50;
/** Another tab holds the lock, or records were given back: look again this soon. */
const SOON_MS = 1_000;

/** What a delivery needs (see `delivery.ts`), and the lock and lease that keep tabs apart. */
export interface FlusherOptions extends Omit<DeliveryOptions, 'now'> {
  /** The Web Lock's name, shared by every tab of the origin. */
  lockName: string;
  /** @default navigator.locks; `null`: none (the leases alone keep tabs apart). */
  locks?: Locks | null;
  now?: () => number;
  leaseMs?: number;
}

export interface FlushOptions {
  /** `online` or `flush()`: what failed for want of a network is due now, without waiting out its backoff. */
  force?: boolean;
}

/** What one batch came to. */
interface BatchResult {
  /** When the earliest record it left behind or put back is due. */
  next: number;
  /** Where the next batch starts, when the run goes on. */
  goOnAfter?: number;
}

/** A hidden page sets no timer: it looks again when it is shown. */
function pageHidden(): boolean {
  return globalThis.document?.visibilityState === 'hidden';
}

/** An answer that paused the queue, or moved nothing (all retry): the run stops there. */
function goesOn(sent: readonly Sent[]): boolean {
  const verdicts = sent.map((part) => part.verdict);
  const paused = verdicts.some((verdict) => verdict.pauseMs);
  const moved = verdicts.some((verdict) => [...verdict.outcomes.values()].some((outcome) => outcome.status !== 'retry'));
  return !paused && moved;
}

export function createFlusher(options: FlusherOptions) {
  const { records, emit, lockName, leaseMs } = options;
  const now = options.now ?? Date.now;
  const locks = options.locks === undefined ? (globalThis.navigator as { locks?: Locks } | undefined)?.locks : options.locks;
  const delivery = createDelivery({ ...options, now });
  const beacon = createBeacon({ delivery, records, emit, now });
  /** This tab, as the owner of the records it leases; unique enough among an origin's tabs. */
  const owner = `${Math.random()}`;
  /** Set by `online` and `flush()`: the next run sends what failed for want of a network now. */
  let force = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<number | false> | undefined;
  let rerun: Promise<number | false> | undefined;
  let stopped = false;

  /** Runs `deliver` holding the origin's flush lock; `false` when another tab holds it. */
  function withLock<T>(deliver: () => Promise<T>): Promise<T | false> {
    if (!locks) return deliver();
    return locks.request(lockName, { ifAvailable: true }, async (lock) => (lock ? deliver() : false));
  }

  /** Claims the next batch, sends it and settles the answer. */
  async function deliverBatch(forced: boolean, after: number | undefined): Promise<BatchResult> {
    const claimed = await delivery.claim(owner, { leaseMs, force: forced, skip: beacon.sending, after });
    const { records: batch, lease } = claimed;
    if (!batch.length) return { next: claimed.next };
    // Claimed so long ago that the lease ran out (a tab frozen in between): give it back, unsent.
    if (lease!.until <= now()) {
      await delivery.settle([{ records: batch, verdict: UNSENT }], lease);
      return { next: now() };
    }
    const sent = await delivery.send(batch);
    const settledNext = await delivery.settle(sent, lease);
    const next = Math.min(claimed.next, settledNext);
    return claimed.more && goesOn(sent) ? { next, goOnAfter: batch.at(-1)!.queuedAt } : { next };
  }

  /**
   * Delivers what is due, batch after batch, one batch per hold of the lock. Resolves with when
   * the next record is due (ms since epoch; Infinity when none), or `false` when another tab
   * holds the lock.
   */
  async function drain(forced: boolean): Promise<number | false> {
    let next = Infinity;
    let after: number | undefined;
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const result = await withLock(() => deliverBatch(forced, after));
      if (result === false) return false;
      next = Math.min(next, result.next);
      if (result.goOnAfter === undefined) return next;
      after = result.goOnAfter;
    }
    // Stopped by the batch count, not by the queue: what is left is due now.
    return now();
  }

  /** One run, then the timer for the next. */
  async function run(): Promise<number | false> {
    const forced = force;
    force = false;
    if (stopped) return Infinity;
    let next: number | false;
    try {
      next = await drain(forced);
    } catch (err) {
      emit('error', { error: String(err) });
      next = now() + POLL_MS;
    }
    if (next === false) {
      // Another tab holds the lock: look again shortly, in case it missed our records.
      force ||= forced;
      schedule(SOON_MS);
    } else if (next < Infinity && !pageHidden()) {
      schedule(force ? SOON_MS : Math.min(POLL_MS, Math.max(SOON_MS, next - now())));
    }
    return next;
  }

  /**
   * Delivers what is due. One run at a time; a call during a run gets one more run after it,
   * so no record waits. Resolves with what the run found: when the next record is due (ms since
   * epoch; Infinity when none), or `false` when another tab holds the lock.
   */
  function flush({ force: forced = false }: FlushOptions = {}): Promise<number | false> {
    if (forced) force = true;
    if (running) {
      rerun ??= running.then(() => {
        rerun = undefined;
        return flush();
      });
      return rerun;
    }
    running = run().finally(() => {
      running = undefined;
    });
    return running;
  }

  /** Flushes in `ms`, replacing the timer set before. */
  function schedule(ms: number, { force: forced = false }: FlushOptions = {}): void {
    if (forced) force = true;
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(() => void flush(), ms);
  }

  return {
    flush,
    schedule,
    /** Page hide: see `beacon.ts`. */
    beacon: beacon.send,
    /** Keys a page-hide beacon is sending: in flight, though no lease says so. */
    sending: beacon.sending,
    /** Why nothing is sent now: the problem that paused the queue, while the pause lasts. */
    pausedFor: () => delivery.pausedFor,
    /** No more runs or timers. */
    stop(): void {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

export type Flusher = ReturnType<typeof createFlusher>;

/**
 * Delivery: claim → send → settle under a Web Lock, so that one tab per origin sends (the lease
 * covers browsers without Web Locks and tabs that crash mid-flight). The lock is held for one
 * drain of what is due (at most 50 batches), never as a permanent leader (bfcache, frozen tabs).
 * One request is in flight at a time, and while it is on the wire one transaction settles the
 * batch before it and claims the batch after it: a batch costs one transaction, off the wire's path.
 */
import type { ClientEvents, ClientOptions } from './client.js';
import { type Verdict, classify } from './classify.js';
import type { Emitter } from './events.js';
import { type Claim, type DeadLetter, type Lease, type OutboxRecord, claim, forBeacon, settle } from './outbox.js';
import { POLL_MS, REQUEST_TIMEOUT_MS } from './policy.js';
import type { Tx } from './store.js';
import { post } from './transport.js';

/** The part of `navigator.locks` we use; injectable for tests. */
export interface Locks {
  request<T>(name: string, options: { ifAvailable: true }, callback: (lock: unknown) => Promise<T>): Promise<T>;
}

export type Transact = <T>(mode: IDBTransactionMode, fn: (tx: Tx) => Promise<T>, strict?: boolean) => Promise<T>;

/** A batch count that no healthy queue reaches in one drain (2,000 records / 100 a batch). */
const MAX_CYCLES = 50;

type Sent = [records: OutboxRecord[], verdict: Verdict];
/** A batch's answer, and the lease it was sent under. */
type Answered = [sent: Sent[], lease?: Lease];

/**
 * The delivery loop of one client. `transact` reaches the outbox; `dbName` names the Web Lock,
 * shared by every tab of the origin.
 */
export function createFlusher(options: ClientOptions, dbName: string, now: () => number, transact: Transact, emit: Emitter<ClientEvents>['emit']) {
  const { locks = (globalThis.navigator as { locks?: Locks } | undefined)?.locks } = options;
  /** This tab, as the owner of the records it leases; unique enough among an origin's tabs. */
  const owner = `${Math.random()}`;
  /** What this tab queued and has not sent yet: what a page-hide beacon may carry. */
  const unsent = new Map<string, OutboxRecord>();
  /** Keys a beacon is sending (it takes no lease: the page may be gone before a write commits). */
  const beaconing = new Set<number>();
  /** The queue-wide pause as this tab last saw it. */
  let pausedUntil = 0;
  const report = (delivered: readonly string[], rejected: readonly DeadLetter[]) => {
    for (const id of delivered) emit('delivered', { id });
    for (const { id, error, reason } of rejected) emit('rejected', { id, error, reason });
  };

  /** POSTs `records` and classifies the answer; a 413 on several sends the halves in turn. */
  async function send(records: OutboxRecord[], keepalive?: boolean): Promise<Sent[]> {
    for (const r of records) unsent.delete(r.id);
    const items = records.map((r) => r.submission);
    const attempt = await post(options.endpoint, items, options.fetch ?? fetch, options.timeoutMs ?? REQUEST_TIMEOUT_MS, keepalive);
    const verdict = classify(attempt, records, now());
    if (!verdict.split) return [[records, verdict]];
    const mid = Math.ceil(records.length / 2);
    return [...(await send(records.slice(0, mid))), ...(await send(records.slice(mid)))];
  }

  /**
   * What the sends came to, applied in `tx` (see `settle`); resolves with the events to report
   * once the transaction has committed, and when the earliest record put back is due.
   */
  function applyIn(tx: Tx, [sent, lease]: Answered) {
    const pauseMs = Math.max(0, ...sent.map(([, v]) => v.pauseMs ?? 0));
    if (pauseMs) pausedUntil = Math.max(pausedUntil, now() + pauseMs);
    const outcomes = new Map(sent.flatMap(([, v]) => [...v.outcomes]));
    return settle(tx, sent.flatMap(([r]) => r), outcomes, now(), { lease, pausedUntil: pauseMs && pausedUntil, random: options.random });
  }

  const nothing: Claim = { records: [], more: false, next: Infinity, buried: [] };
  let force = false;

  /**
   * One transaction per batch: settle the batch answered last (if any), then claim the one after
   * `after` (if asked). Events are reported once it has committed.
   */
  const step = (answered: Answered | undefined, claimNext: boolean, after?: number) =>
    transact('readwrite', async (tx) => {
      const settled = answered && (await applyIn(tx, answered));
      const claimed = claimNext ? await claim(tx, now(), owner, { leaseMs: options.leaseMs, force, skip: beaconing, after }) : nothing;
      return [settled, claimed] as const;
    }).then(([settled, claimed]) => {
      if (claimed.pausedUntil) pausedUntil = claimed.pausedUntil;
      if (settled) report(settled.delivered, settled.rejected);
      report([], claimed.buried);
      return [Math.min(claimed.next, settled?.next ?? Infinity), claimed] as const;
    });

  /**
   * Delivers what is due, batch after batch; resolves when the next record becomes due. While a
   * batch is on the wire, one transaction settles the batch before it and claims the batch after
   * it (the leases keep the three apart).
   */
  async function drain(): Promise<number> {
    let next = Infinity;
    let answered: Answered | undefined;
    let stop = false;
    let claimed = step(undefined, true);
    for (let i = 0; ; i++) {
      const [later, { records, more, lease }] = await claimed;
      next = Math.min(next, later);
      if (!records.length) break;
      // Claimed while the last batch was on the wire, but not to be sent now: give it back.
      if (stop || i == MAX_CYCLES) {
        await step([[[records, { outcomes: new Map() }]], lease], false);
        break;
      }
      const sending = send(records);
      claimed = step(answered, more, records.at(-1)!.queuedAt);
      answered = [await sending, lease];
      // A pause, or an answer that moved nothing (all retry): stop here.
      const verdicts = answered[0].map(([, v]) => v);
      stop = verdicts.some((v) => v.pauseMs) || !verdicts.some((v) => [...v.outcomes.values()].some((o) => o.status != 'retry'));
    }
    return Math.min(next, answered ? (await step(answered, false))[0] : Infinity);
  }

  return {
    /**
     * Delivers what is due; resolves with when to look again (ms since epoch, Infinity when the
     * outbox is empty), or `false` when another tab holds the lock. `forced` (`online`,
     * `flush()`): what failed for want of a network is due now, without waiting out its backoff.
     */
    async run(forced = false): Promise<number | false> {
      force = forced;
      try {
        return (await (locks ? locks.request(`earful-flush:${dbName}`, { ifAvailable: true }, async (lock) => (lock ? drain() : false)) : drain())) as number | false;
      } catch (err) {
        emit('error', { error: String(err) });
        return now() + POLL_MS;
      }
    },

    /** A record this tab wrote (queued, or rewritten with a comment). */
    track(record: OutboxRecord): void {
      unsent.set(record.id, record);
    },

    /**
     * Page hide: one keepalive POST with what fits in 32 KB of what this tab queued and has not
     * sent, unless the queue is paused. Nothing is deleted unless the answer arrives while the
     * page still runs; if it never does, the records go again later and the destinations'
     * idempotency keeps one copy.
     */
    beacon(): void {
      const picked = pausedUntil > now() ? [] : forBeacon(unsent.values(), now());
      if (!picked.length) return;
      for (const r of picked) beaconing.add(r.queuedAt);
      send(picked, true)
        .then((sent) => step([sent], false))
        .catch((err) => emit('error', { error: String(err) }))
        .finally(() => picked.forEach((r) => beaconing.delete(r.queuedAt)));
    },
  };
}

export type Flusher = ReturnType<typeof createFlusher>;

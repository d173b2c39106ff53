/**
 * Delivery: claim → send → settle under a Web Lock, so that one tab per origin sends (the lease
 * covers browsers without Web Locks and tabs that crash mid-flight). The lock is held for one
 * drain of what is due (at most 50 batches), never as a permanent leader (bfcache, frozen tabs).
 * One request is in flight at a time; the storage work of the batches before and after it
 * (settling one, claiming the next) runs while it is on the wire.
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

  /** Applies what the sends came to; resolves when the earliest record put back is due. */
  async function apply(sent: Sent[], lease?: Lease): Promise<number> {
    const pauseMs = Math.max(0, ...sent.map(([, v]) => v.pauseMs ?? 0));
    if (pauseMs) pausedUntil = Math.max(pausedUntil, now() + pauseMs);
    const outcomes = new Map(sent.flatMap(([, v]) => [...v.outcomes]));
    const records = sent.flatMap(([r]) => r);
    const { delivered, rejected, next } = await transact('readwrite', (tx) =>
      settle(tx, records, outcomes, now(), { lease, pausedUntil: pauseMs && pausedUntil, random: options.random }),
    );
    report(delivered, rejected);
    return next;
  }

  const take = (after?: number) =>
    transact('readwrite', (tx) => claim(tx, now(), owner, { leaseMs: options.leaseMs, force, skip: beaconing, after })).then((c) => {
      if (c.pausedUntil) pausedUntil = c.pausedUntil;
      report([], c.buried);
      return c;
    });
  let force = false;

  /** Delivers what is due, batch after batch; resolves when the next record becomes due. */
  async function drain(): Promise<number> {
    const nothing: Claim = { records: [], more: false, next: Infinity, buried: [] };
    const settled: Promise<number>[] = [];
    let claimed = take();
    let next = Infinity;
    let stop = false;
    for (let i = 0; ; i++) {
      const { records, more, next: later, lease } = await claimed;
      next = Math.min(next, later);
      if (!records.length) break;
      // Claimed while the last batch was on the wire, but not to be sent now: give it back.
      if (stop || i == MAX_CYCLES) {
        settled.push(apply([[records, { outcomes: new Map() }]], lease));
        break;
      }
      const sending = send(records);
      // While this batch is on the wire, the next is claimed: its lease keeps the two apart.
      claimed = more ? take(records.at(-1)!.queuedAt) : Promise.resolve(nothing);
      const sent = await sending;
      settled.push(apply(sent, lease));
      // A pause, or an answer that moved nothing (all retry): stop here.
      const verdicts = sent.map(([, v]) => v);
      stop = verdicts.some((v) => v.pauseMs) || !verdicts.some((v) => [...v.outcomes.values()].some((o) => o.status != 'retry'));
    }
    return Math.min(next, ...(await Promise.all(settled)));
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
        .then((sent) => apply(sent))
        .catch((err) => emit('error', { error: String(err) }))
        .finally(() => picked.forEach((r) => beaconing.delete(r.queuedAt)));
    },
  };
}

export type Flusher = ReturnType<typeof createFlusher>;

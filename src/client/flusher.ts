/**
 * Delivery: claim → send → settle under a Web Lock, so that one tab per origin sends (the lease
 * covers browsers without Web Locks and tabs that crash mid-flight). The lock is held for one
 * batch at a time, never as a permanent leader (bfcache, frozen tabs). One request is in flight
 * at a time, and while it is on the wire one transaction settles the batch before it and claims
 * the batch after it: a batch costs one transaction, off the wire's path.
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
/** What a batch came to, and the lease it was claimed under (a beacon's has none). */
interface Batch {
  sent: Sent[];
  lease?: Lease;
}
/** The verdict on records given back unsent: their lease goes, nothing else changes. */
const UNSENT: Verdict = { outcomes: new Map() };
const NOTHING: Claim = { records: [], more: false, next: Infinity, buried: [] };

/**
 * The delivery loop of one client. `transact` reaches the outbox; `dbName` names the Web Lock,
 * shared by every tab of the origin.
 */
export function createFlusher(options: ClientOptions, dbName: string, now: () => number, transact: Transact, emit: Emitter<ClientEvents>['emit']) {
  const { locks = (globalThis.navigator as { locks?: Locks } | undefined)?.locks } = options;
  /** This tab, as the owner of the records it leases; unique enough among an origin's tabs. */
  const owner = `${Math.random()}`;
  /** What this tab queued and has neither claimed nor sent: what a page-hide beacon may carry. */
  const unsent = new Map<string, OutboxRecord>();
  /** Keys a beacon is sending (it takes no lease: the page may be gone before a write commits). */
  const beaconing = new Set<number>();
  /**
   * The records this tab holds as stored, by place: what it queued, claimed or put back. A claim
   * reads only the keys of a stretch whose revisions it holds (the usual case: a tab sending what
   * it queued), so a batch costs no read of its records.
   */
  const known = new Map<number, OutboxRecord>();
  /** The queue-wide pause as this tab last saw it. */
  let pausedUntil = 0;
  /** `online` or `flush()`: what failed for want of a network is due now. */
  let force = false;
  const report = (delivered: readonly string[], rejected: readonly DeadLetter[]) => {
    for (const id of delivered) emit('delivered', { id });
    for (const { id, error, reason } of rejected) emit('rejected', { id, error, reason });
  };

  /**
   * POSTs `records` and classifies the answer. A 413 on several sends the halves in turn, unless
   * the first half's answer paused the queue: then the second half is given back unsent.
   */
  async function send(records: OutboxRecord[], keepalive?: boolean): Promise<Sent[]> {
    for (const r of records) unsent.delete(r.id);
    const items = records.map((r) => r.submission);
    const attempt = await post(options.endpoint, items, options.fetch ?? fetch, options.timeoutMs ?? REQUEST_TIMEOUT_MS, keepalive);
    const verdict = classify(attempt, records, now());
    if (!verdict.split) return [[records, verdict]];
    const mid = Math.ceil(records.length / 2);
    const first = await send(records.slice(0, mid));
    const paused = first.some(([, v]) => v.pauseMs);
    return [...first, ...(paused ? [[records.slice(mid), UNSENT] as Sent] : await send(records.slice(mid)))];
  }

  /** What a batch came to, applied in `tx` (see `settle`). */
  function applyIn(tx: Tx, { sent, lease }: Batch) {
    const pauseMs = Math.max(0, ...sent.map(([, v]) => v.pauseMs ?? 0));
    if (pauseMs) pausedUntil = Math.max(pausedUntil, now() + pauseMs);
    const outcomes = new Map(sent.flatMap(([, v]) => [...v.outcomes]));
    return settle(tx, sent.flatMap(([r]) => r), outcomes, now(), { lease, pausedUntil: pauseMs && pausedUntil, random: options.random });
  }

  /**
   * One transaction: settle `batches`, then (if asked) claim the batch after `after`. Resolves,
   * once it has committed and its events are reported, with when the earliest record it put back
   * or left behind is due, and the claim.
   */
  function step(batches: Batch[], claimNext: boolean, after?: number) {
    const done = transact('readwrite', async (tx) => {
      const settled = [];
      for (const batch of batches) settled.push(await applyIn(tx, batch));
      const claimed = claimNext ? await claim(tx, now(), owner, { leaseMs: options.leaseMs, force, skip: beaconing, after, known }) : NOTHING;
      return [settled, claimed] as const;
    }).then(([settled, claimed]) => {
      if (claimed.pausedUntil) pausedUntil = claimed.pausedUntil;
      for (const { sent } of batches) for (const [records] of sent) for (const r of records) known.delete(r.queuedAt);
      for (const r of settled.flatMap((s) => s.kept)) known.set(r.queuedAt, r);
      // A beacon must not carry what a flush has claimed: it is as good as on its way.
      for (const r of claimed.records) unsent.delete(r.id), known.set(r.queuedAt, r);
      for (const s of settled) report(s.delivered, s.rejected);
      report([], claimed.buried);
      return [Math.min(claimed.next, ...settled.map((s) => s.next)), claimed] as const;
    });
    done.catch(() => {}); // awaited later: a failure while a batch is on the wire must not go unhandled meanwhile
    return done;
  }

  /** Runs `fn` holding the origin's flush lock; `false` when another tab holds it. */
  const withLock = (fn: () => Promise<true>): Promise<boolean> =>
    locks ? locks.request(`earful-flush:${dbName}`, { ifAvailable: true }, async (lock) => (lock ? fn() : false)) : fn();

  /**
   * Delivers what is due, batch after batch, one batch per hold of the lock (claim → send →
   * settle; never a permanent leader). While a batch is on the wire, one transaction settles the
   * batch before it and claims the batch after it (the leases keep the three apart). Resolves
   * when the next record becomes due, or `false` when another tab holds the lock.
   */
  async function drain(): Promise<number | false> {
    let next = Infinity;
    /** The batch answered last, not settled yet. */
    let answered: Batch | undefined;
    /** The transaction that settles the batch before and claims the next. */
    let claimed: ReturnType<typeof step> | undefined;
    /** Claimed, but not to be sent now: given back at the end. */
    let ahead: Claim = NOTHING;
    let held = true;
    for (let i = 0, go = true; go && held && i < MAX_CYCLES; i++)
      held = await withLock(async () => {
        const [later, c] = await (claimed ?? step([], true));
        const { records, more, lease } = c;
        next = Math.min(next, later);
        claimed = undefined;
        // Nothing due; or claimed so long ago that the lease ran out (a frozen tab): give it back.
        if (!records.length || lease!.until <= now()) return (ahead = c), (go = false), true;
        const sending = send(records);
        claimed = step(answered ? [answered] : [], more, records.at(-1)!.queuedAt);
        answered = { sent: await sending, lease };
        // A pause, or an answer that moved nothing (all retry): stop here.
        const verdicts = answered.sent.map(([, v]) => v);
        go = !verdicts.some((v) => v.pauseMs) && verdicts.some((v) => [...v.outcomes.values()].some((o) => o.status != 'retry'));
        return true;
      });
    if (claimed) {
      const [later, c] = await claimed;
      next = Math.min(next, later);
      ahead = c;
    }
    // What is left: the last answer to settle, and a batch claimed ahead to give back unsent.
    const left: Batch[] = ahead.records.length ? [{ sent: [[ahead.records, UNSENT]], lease: ahead.lease }] : [];
    if (answered) left.push(answered);
    const settled = left.length ? (await step(left, false))[0] : Infinity;
    return held && Math.min(next, settled);
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
        return await drain();
      } catch (err) {
        emit('error', { error: String(err) });
        return now() + POLL_MS;
      }
    },

    /** A record this tab wrote (queued, or rewritten with a comment). */
    track(record: OutboxRecord): void {
      unsent.set(record.id, record);
      known.set(record.queuedAt, record);
    },

    /** Keys a page-hide beacon is sending: in flight, though no lease says so. */
    sending: beaconing as ReadonlySet<number>,

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
        .then((sent) => step([{ sent }], false))
        .catch((err) => emit('error', { error: String(err) }))
        .finally(() => picked.forEach((r) => beaconing.delete(r.queuedAt)));
    },
  };
}

export type Flusher = ReturnType<typeof createFlusher>;

/**
 * One attempt and what follows from it: POST a batch, classify the answer, settle it in the
 * outbox, and tell the app (`delivered`, `rejected`, `retrying`, `error`). The drain and the
 * page-hide beacon both go through here.
 */
import { ORIGIN_NOT_ALLOWED, type Verdict, classify } from './classify.js';
import type { Emitter } from './events.js';
import { type Claim, type ClaimOptions, claim } from './outbox/claim.js';
import type { OutboxRecord } from './outbox/record.js';
import { settle } from './outbox/settle.js';
import type { Lease } from './outbox/state.js';
import { REQUEST_TIMEOUT_MS } from './policy.js';
import type { Transact } from './store.js';
import type { TabRecords } from './tab-records.js';
import { post } from './transport.js';
import type { ClientEvents, DeliveryProblem } from './types.js';

/** Records sent in one request, and the verdict on its answer. */
export interface Sent {
  records: OutboxRecord[];
  verdict: Verdict;
}

/** The verdict on records given back unsent: their lease goes, nothing else changes. */
export const UNSENT: Verdict = { outcomes: new Map() };

export interface DeliveryOptions {
  endpoint: string;
  /** Reaches the outbox. */
  transact: Transact;
  /** This tab's records (see `tab-records.ts`). */
  records: TabRecords;
  emit: Emitter<ClientEvents>['emit'];
  now: () => number;
  fetch?: typeof fetch;
  random?: () => number;
  /** @default REQUEST_TIMEOUT_MS */
  timeoutMs?: number;
}

export type Delivery = ReturnType<typeof createDelivery>;

export function createDelivery({ endpoint, transact, records, emit, now, fetch, random, timeoutMs = REQUEST_TIMEOUT_MS }: DeliveryOptions) {
  /** The queue-wide pause as this tab last saw it. */
  let pausedUntil = 0;
  /** Why this tab paused the queue, when it did (a pause another tab set says no more than its end). */
  let pausedFor: DeliveryProblem | undefined;
  /** The end of the pause a refused origin was last reported for. */
  let refusalReportedUntil = 0;

  /** After an attempt that left items queued: which, why, and when they go again. */
  function reportRetrying(sent: readonly Sent[], kept: readonly OutboxRecord[]) {
    for (const { records: attempted, verdict } of sent) {
      const places = new Set(attempted.map((record) => record.queuedAt));
      const left = kept.filter((record) => places.has(record.queuedAt));
      if (!left.length || !verdict.problem) continue;
      const due = Math.max(pausedUntil, Math.min(...left.map((record) => record.nextAttemptAt)));
      const ids = left.map((record) => record.id);
      emit('retrying', { ids, problem: verdict.problem, error: left[0]!.lastError ?? '', retryInMs: Math.max(0, due - now()) });
    }
  }

  /** A refused origin, said with what to fix; once per pause it causes, not once per attempt. */
  function reportRefusal(sent: readonly Sent[]) {
    const refused = sent.some((part) => part.verdict.problem === 'refused');
    if (!refused || now() < refusalReportedUntil) return;
    refusalReportedUntil = pausedUntil;
    const origin = globalThis.location?.origin;
    emit('error', {
      error: `the proxy refuses this page's origin${origin ? ` ${origin}` : ''}: add it to EARFUL_ALLOWED_ORIGINS`,
      code: ORIGIN_NOT_ALLOWED,
    });
  }

  /** Claims the next batch (see `claim`) and reports what the claim buried. */
  async function claimBatch(owner: string, options: ClaimOptions): Promise<Claim> {
    const claimed = await transact('readwrite', (tx) => claim(tx, now(), owner, options));
    if (claimed.pausedUntil) pausedUntil = claimed.pausedUntil;
    records.claimed(claimed.records);
    records.gone(claimed.buried.map((letter) => letter.id));
    for (const { id, error, reason } of claimed.buried) emit('rejected', { id, error, reason });
    return claimed;
  }

  /**
   * POSTs `batch` and classifies the answer. A 413 on several sends the halves in turn, unless
   * the first half's answer paused the queue: then the second half is given back unsent. The
   * halves of a page hide's beacon are keepalive POSTs too, one at a time, each within the whole's
   * 32 KB: they go if the page still runs when the 413 comes, and a half the browser refuses
   * (the page's other keepalive requests took the 64 KiB) is a network failure, kept for later.
   */
  async function send(batch: OutboxRecord[], keepalive = false): Promise<Sent[]> {
    const attempt = await post(endpoint, batch.map((record) => record.submission), { fetch: fetch ?? globalThis.fetch, timeoutMs, keepalive });
    const verdict = classify(attempt, batch, now());
    if (!verdict.split) return [{ records: batch, verdict }];
    const middle = Math.ceil(batch.length / 2);
    const first = await send(batch.slice(0, middle), keepalive);
    if (first.some((part) => part.verdict.pauseMs)) return [...first, { records: batch.slice(middle), verdict: UNSENT }];
    return [...first, ...(await send(batch.slice(middle), keepalive))];
  }

  /**
   * Applies what `sent` came to in one transaction (see `settle`) and reports it. Resolves
   * with when the earliest record it put back is due (ms since epoch), or Infinity.
   */
  async function settleSent(sent: readonly Sent[], lease?: Lease): Promise<number> {
    const pauseMs = Math.max(0, ...sent.map((part) => part.verdict.pauseMs ?? 0));
    if (pauseMs) {
      pausedUntil = Math.max(pausedUntil, now() + pauseMs);
      pausedFor = sent.find((part) => part.verdict.pauseMs)?.verdict.problem;
    }
    const outcomes = new Map(sent.flatMap((part) => [...part.verdict.outcomes]));
    const answered = sent.flatMap((part) => part.records);
    const settled = await transact('readwrite', (tx) => settle(tx, answered, outcomes, now(), { lease, pausedUntil: pauseMs ? pausedUntil : 0, random }));
    records.settled(settled);
    for (const id of settled.delivered) emit(outcomes.get(id)?.status === 'accepted' ? 'accepted' : 'delivered', { id });
    for (const { id, error, reason, path } of settled.rejected) emit('rejected', path === undefined ? { id, error, reason } : { id, error, reason, path });
    reportRetrying(sent, settled.kept);
    reportRefusal(sent);
    return settled.next;
  }

  return {
    /** The queue-wide pause as this tab last saw it (ms since epoch). */
    get pausedUntil() {
      return pausedUntil;
    },
    /** Why the queue is paused now, when this tab paused it; `undefined` otherwise. */
    get pausedFor(): DeliveryProblem | undefined {
      return now() < pausedUntil ? pausedFor : undefined;
    },
    claim: claimBatch,
    send,
    settle: settleSent,
  };
}

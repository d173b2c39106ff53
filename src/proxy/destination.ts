import type { Submission } from '../schema/submission.js';
import type { Logger } from './log.js';
import type { SharedState } from './shared-state.js';

/**
 * What one destination did with one item: delivered, durably queued for delivery (`accepted`,
 * only with a queue: the proxy now owns it), rejected for good, or to be retried. A retry
 * that is only the destination's pacing (its budget, or the upstream's rate limit) says so
 * with `paced`: nothing failed, so a queue does not count it as an attempt.
 */
export type DeliveryOutcome =
  | { status: 'delivered' }
  | { status: 'accepted' }
  | { status: 'rejected'; error: string }
  | { status: 'retry'; error: string; retryAfterMs?: number; paced?: boolean };

/** @deprecated The earlier name of `DeliveryOutcome`, kept for custom destinations written against it. */
export type Outcome = DeliveryOutcome;

export interface DeliveryContext {
  /** Milliseconds since the epoch; injectable so pacing can be tested without waiting. */
  now(): number;
  log: Logger;
  /** How destinations reach their APIs unless they were given their own. @default globalThis.fetch */
  fetch?: UpstreamFetch;
  /** Who sent the items (the client's address, as the rate limit reads it), so a budget can be shared fairly. */
  client?: string;
  /** Where budgets and caches live when several instances share them. @default each destination's own memory */
  shared?: SharedState;
  /**
   * Real milliseconds left before the proxy must answer: no call may run past it, and what
   * is not sent by then is `retry`. @default no deadline
   */
  timeLeftMs?(): number;
}

/** The deadline of one upstream call: its own timeout, cut to the time left to answer. */
export const callTimeoutMs = (ctx: DeliveryContext, timeoutMs: number): number =>
  Math.max(0, Math.floor(Math.min(timeoutMs, ctx.timeLeftMs?.() ?? Infinity)));

/** Less time than this left to answer, and no call is started: it could not finish. */
export const MIN_CALL_MS = 50;

/** One outcome for each of `ids`: what a failure of a whole request (or a whole batch) answers. */
export const everyItem = (ids: readonly string[], outcome: DeliveryOutcome): Map<string, DeliveryOutcome> =>
  new Map(ids.map((id) => [id, outcome]));

/** What an item not sent before the answer was due gets: come back soon, the next answer has its own time. */
export const outOfTime = (service: string): DeliveryOutcome => retry(`${service}: not sent before the answer was due`, 1_000);

/** The part of a fetch `Response` the destinations read. */
export interface UpstreamResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };
  json(): Promise<unknown>;
}

/**
 * The part of `fetch` the destinations use; `fetch` itself is one, the Node server brings a
 * faster one. `timeoutMs`, when given, is the deadline `signal` also carries: a transport
 * that honours it itself need not read `signal` (see `withTimeout`).
 */
export type UpstreamFetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; signal?: AbortSignal; timeoutMs?: number },
) => Promise<UpstreamResponse>;

type UpstreamInit = Parameters<UpstreamFetch>[1];

/**
 * `init` with a deadline: `timeoutMs`, and a `signal` made by `AbortSignal.timeout` only when a
 * transport reads it. Under Node a signal per upstream call cost more than mapping the batch;
 * the Node transport keeps its own timer instead, `fetch` still gets its signal.
 */
export function withTimeout({ method, headers, body }: Omit<UpstreamInit, 'signal' | 'timeoutMs'>, timeoutMs: number): UpstreamInit {
  let signal: AbortSignal | undefined;
  return {
    method,
    headers,
    body,
    timeoutMs,
    get signal() {
      return (signal ??= AbortSignal.timeout(timeoutMs));
    },
  };
}

/** The transport a destination uses: its own, the proxy's, or the platform's `fetch`. */
export const upstreamFetch = (own: UpstreamFetch | undefined, ctx: DeliveryContext): UpstreamFetch =>
  own ?? ctx.fetch ?? ((url, init) => globalThis.fetch(url, init));

/** A destination's last outcome, as `GET /healthz` reports it. Never carries a secret. */
export interface DestinationHealth {
  name: string;
  status: 'ok' | 'failing' | 'unknown';
  /** Why it is failing, in words an operator can act on. */
  reason?: string;
  /** When the current status began (ISO 8601). */
  since?: string;
  lastDeliveredAt?: string;
}

/**
 * Where accepted Submissions go. `deliver` answers one outcome per item id and never throws
 * for an upstream failure: those become `retry` (or `rejected` when the item can never succeed).
 */
export interface Destination {
  readonly name: string;
  /** Its credentials, so the proxy can blank them out of every log line. */
  readonly secrets?: readonly string[];
  deliver(items: readonly Submission[], ctx: DeliveryContext): Promise<Map<string, DeliveryOutcome>>;
  health(): DestinationHealth;
  /** What its queue holds, when it has one (`EARFUL_QUEUE`); rejects when the queue cannot be read. */
  backlog?(): Promise<Backlog>;
}

/** What a destination's queue holds, as `GET /healthz` shows it: counts only. */
export interface Backlog {
  /** Items not delivered yet: waiting, being sent, or waiting to be tried again. */
  queued: number;
  /** Items given up on, each kept with its reason. */
  deadLetters: number;
  /** About how long, at the destination's pace, until what is queued now is delivered. */
  drainsInSeconds: number;
}

/**
 * Keeps a destination's last outcome for `/healthz`. Times are kept as numbers and formatted
 * when asked: `ok()` runs once per delivered batch, `get()` once per health check.
 */
export class HealthTracker {
  #name: string;
  #status: DestinationHealth['status'] = 'unknown';
  #reason?: string;
  #since?: number;
  #lastDelivered?: number;

  constructor(name: string) {
    this.#name = name;
  }

  ok(now: number): void {
    if (this.#status !== 'ok') this.#since = now;
    this.#status = 'ok';
    this.#reason = undefined;
    this.#lastDelivered = now;
  }

  failing(reason: string, now: number): void {
    if (this.#status !== 'failing') this.#since = now;
    this.#status = 'failing';
    this.#reason = reason;
  }

  get(): DestinationHealth {
    const iso = (t: number | undefined) => (t === undefined ? undefined : new Date(t).toISOString());
    const health: DestinationHealth = { name: this.#name, status: this.#status };
    if (this.#reason !== undefined) health.reason = this.#reason;
    if (this.#since !== undefined) health.since = iso(this.#since);
    if (this.#lastDelivered !== undefined) health.lastDeliveredAt = iso(this.#lastDelivered);
    return health;
  }
}

/**
 * Why an upstream call failed without an answer, for logs and `/healthz`: the deadline, or the
 * network error's code (`ECONNREFUSED`, `UND_ERR_SOCKET`) as fetch and the Node transport carry
 * it in `cause`.
 */
export function unreachable(service: string, err: unknown, timeoutMs: number): string {
  const name = (err as Error | undefined)?.name;
  const code = (err as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  if (name === 'TimeoutError') return `${service} did not answer within ${timeoutMs} ms`;
  return `${service} unreachable (${typeof code === 'string' ? code : (name ?? 'error')})`;
}

export type RetryOutcome = Extract<DeliveryOutcome, { status: 'retry' }>;

export const retry = (error: string, retryAfterMs?: number): RetryOutcome =>
  retryAfterMs === undefined ? { status: 'retry', error } : { status: 'retry', error, retryAfterMs };

/**
 * What every instance of the proxy must agree on when several serve one site: the per-client
 * rate limit, BuildBetter's budget per API key, and the people BuildBetter already knows. One
 * process keeps them in memory (the default). A fleet keeps them in Redis (`EARFUL_REDIS_URL`,
 * made by the Node server), or anywhere else through this interface (`ProxyConfig.shared`).
 *
 * Every method may throw `SharedStateError` when the store cannot answer. The proxy then
 * answers `retry`: counting alone would let N instances spend N times a limit.
 */

/** A value now, or later. */
export type Awaitable<T> = T | Promise<T>;

export interface RateLimits {
  requestsPerMinute: number;
  burst: number;
}

export interface SharedState {
  /**
   * The per-client rate limit as a token bucket (`burst` at once, refilled at
   * `requestsPerMinute`): takes one token for `client` and answers 0, or the milliseconds
   * until one is free.
   */
  rateLimiter(limits: RateLimits): (client: string) => Promise<number>;
  /**
   * The budget called `name` (one per upstream key): at most `limit` requests in any rolling
   * `windowMs`, shared fairly between the clients that want it (see `FairBudget`).
   */
  budget(name: string, limit: number, windowMs: number): Budget;
  /** What was remembered under `key`, if it has not expired. */
  recall(key: string): Promise<string | undefined>;
  /** Keeps `value` under `key` for `ttlMs`. */
  remember(key: string, value: string, ttlMs: number): Promise<void>;
  /** Keeps `value` under `key` for `ttlMs` unless something is kept there already; answers what is kept now. */
  rememberFirst(key: string, value: string, ttlMs: number): Promise<string>;
  /** Drops what was remembered under `key`. */
  forget(key: string): Promise<void>;
  /** Resolves when the store answers, for `GET /healthz`. */
  ping?(): Promise<void>;
}

/** Slots held for the requests of one item of `client`; `left` of them are not used yet. */
export interface Ticket {
  client: string;
  /** When the slots were reserved, on the budget's clock. */
  at: number;
  left: number;
  /** A shared budget's names for the slots not used yet. */
  slots?: string[];
}

/**
 * A sliding-window budget shared fairly between clients: `FairBudget` in memory, or a shared
 * one. Times are the caller's clock; a shared budget reads its store's clock instead, so that
 * instances whose clocks disagree still keep one window.
 */
export interface Budget {
  /** A delivery for `client` starts. */
  begin(client: string, now: number): Awaitable<void>;
  /** A delivery for `client` ends, every item sent, or some told to come back in `comeBackInMs`. */
  end(client: string, now: number, comeBackInMs?: number): Awaitable<void>;
  /** Reserves `n` slots for one item's requests: 0, or the milliseconds to wait. */
  reserve(ticket: Ticket, n: number): Awaitable<number>;
  /** Uses one of the ticket's slots for a request going out at `now`, or a fresh one: 0, or the milliseconds to wait. */
  spend(ticket: Ticket, now: number): Awaitable<number>;
  /** Gives back the slots the ticket did not use. */
  giveBack(ticket: Ticket): Awaitable<void>;
  /** Nothing may be taken for `ms` after `now` (an upstream's `Retry-After`), on any instance. */
  block(now: number, ms: number): Awaitable<void>;
}

/** The shared store did not answer (Redis down or too slow): what depends on it must wait. */
export class SharedStateError extends Error {
  override name = 'SharedStateError' as const;
}

export const isSharedStateError = (e: unknown): e is SharedStateError =>
  e instanceof SharedStateError || (e as Error | undefined)?.name === 'SharedStateError';

/** How long to tell a client to wait while the shared store is not answering. */
export const SHARED_STATE_RETRY_MS = 5_000;

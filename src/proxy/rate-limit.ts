import type { RateLimits } from './shared-state.js';

/**
 * A per-client token bucket: `burst` requests at once, refilled at `requestsPerMinute`.
 * Memory is bounded: past `maxClients` the least recently seen client is forgotten.
 */
export interface RateLimitOptions {
  /** @default 120 */
  requestsPerMinute?: number;
  /** @default 60 */
  burst?: number;
  /** @default 10_000 */
  maxClients?: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** The limits of `options`, defaults filled in. */
export function rateLimitsOf(options: RateLimitOptions = {}): RateLimits {
  return { requestsPerMinute: options.requestsPerMinute ?? 120, burst: options.burst ?? 60 };
}

export function createRateLimiter(options: RateLimitOptions = {}) {
  const limits = rateLimitsOf(options);
  const perMs = limits.requestsPerMinute / 60_000;
  const burst = limits.burst;
  const maxClients = options.maxClients ?? 10_000;
  const buckets = new Map<string, Bucket>();

  /** Takes one token; answers 0 when allowed, else the milliseconds until one is free. */
  return function take(client: string, now: number): number {
    const old = buckets.get(client);
    const tokens = old ? Math.min(burst, old.tokens + (now - old.at) * perMs) : burst;
    buckets.delete(client); // re-inserted below: Map order doubles as least-recently-seen order
    if (buckets.size >= maxClients) buckets.delete(buckets.keys().next().value as string);
    if (tokens < 1) {
      buckets.set(client, { tokens, at: now });
      return Math.ceil((1 - tokens) / perMs);
    }
    buckets.set(client, { tokens: tokens - 1, at: now });
    return 0;
  };
}

/**
 * The client's address: the socket's, or with `trustProxy` hops the entry that many places
 * from the right of `X-Forwarded-For` (the leftmost entries are whatever the caller claimed).
 */
export function clientAddress(forwardedFor: string | null, socketAddress: string | undefined, trustProxy: number): string | undefined {
  if (trustProxy > 0) {
    const hops = (forwardedFor ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    if (hops.length) return hops[Math.max(0, hops.length - trustProxy)];
  }
  return socketAddress;
}

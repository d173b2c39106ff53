import { setNewest } from './bounded-map.js';
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
    const allowed = tokens >= 1;
    // Seen now: the newest entry, so the client forgotten past maxClients is the one seen longest ago.
    setNewest(buckets, client, { tokens: allowed ? tokens - 1 : tokens, at: now }, maxClients);
    return allowed ? 0 : Math.ceil((1 - tokens) / perMs);
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

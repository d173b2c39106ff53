import { BASE_DELAY_MS, DEFAULT_RETRY_AFTER_MS, MAX_DELAY_MS, MAX_RETRY_AFTER_MS, MIN_RETRY_AFTER_MS } from './policy.js';

/**
 * Delay before attempt `attempts + 1` (`attempts` ≥ 1): 2 s doubling to 5 min, with "equal
 * jitter" (half fixed, half random) so tabs and users that failed together do not retry together.
 */
export function backoffDelay(attempts: number, random: () => number = Math.random): number {
  const half = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (attempts - 1)) / 2;
  return half + random() * half;
}

/**
 * A `Retry-After` header (delay-seconds or an HTTP date) as milliseconds from `now`, clamped to
 * [1 s, 1 h]; `undefined` when absent, 60 s when present but unreadable.
 */
export function retryAfterMs(value: string | null | undefined, now: number): number | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  const ms = /^\d+$/.test(v) ? +v * 1000 : Date.parse(v) - now;
  return Number.isNaN(ms) ? DEFAULT_RETRY_AFTER_MS : Math.min(MAX_RETRY_AFTER_MS, Math.max(MIN_RETRY_AFTER_MS, ms));
}

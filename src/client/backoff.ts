import { parseRetryAfter } from '../schema/retry-after.js';
import { BASE_DELAY_MS, DEFAULT_RETRY_AFTER_MS, MAX_DELAY_MS } from './policy.js';

/**
 * Delay before attempt `attempts + 1` (`attempts` ≥ 1): 2 s doubling to 5 min, with "equal
 * jitter" (half fixed, half random) so tabs and users that failed together do not retry together.
 */
export function backoffDelay(attempts: number, random: () => number = Math.random): number {
  const half = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (attempts - 1)) / 2;
  return half + random() * half;
}

/**
 * A `Retry-After` header as milliseconds from `now`, read and clamped as the proxy reads one;
 * `undefined` when absent, 60 s when present but unreadable (the proxy asked to wait: wait).
 */
export function retryAfterMs(value: string | null | undefined, now: number): number | undefined {
  if (!value?.trim()) return undefined;
  return parseRetryAfter(value, now) ?? DEFAULT_RETRY_AFTER_MS;
}

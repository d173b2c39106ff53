/**
 * `Retry-After`: the one parser (the proxy reads upstreams' with it, the browser's client the
 * proxy's) and the one writer (the proxy's answers). Both clamp to [1 s, 1 h]: an upstream's
 * `Retry-After: 99999999` must not park a browser's outbox (or the BuildBetter pacer) for three
 * years, nor a `0` make it spin.
 */
const MIN_RETRY_AFTER_MS = 1_000;
const MAX_RETRY_AFTER_MS = 60 * 60_000;

const clamp = (ms: number): number => Math.min(MAX_RETRY_AFTER_MS, Math.max(MIN_RETRY_AFTER_MS, ms));

/**
 * Reads a `Retry-After` header: delay-seconds or an HTTP date (RFC 9110 §10.2.3). Returns
 * milliseconds from `now`, clamped, or `undefined` when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return clamp(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : clamp(at - now);
}

/** Whole seconds for a `Retry-After` header we send, clamped. */
export const toRetryAfterSeconds = (ms: number): number => Math.ceil(clamp(ms) / 1000);

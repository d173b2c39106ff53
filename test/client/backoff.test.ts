// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { backoffDelay, retryAfterMs } from '../../src/client/backoff.js';

const T0 = Date.parse('2026-11-23T12:00:00Z');

describe('backoff', () => {
  it('doubles from 2 s to a 5 min cap, with equal jitter', () => {
    const low = [1, 2, 3, 4, 10, 20].map((a) => backoffDelay(a, () => 0));
    const high = [1, 2, 3, 4, 10, 20].map((a) => backoffDelay(a, () => 1));
    expect(low).toEqual([1_000, 2_000, 4_000, 8_000, 150_000, 150_000]);
    expect(high).toEqual([2_000, 4_000, 8_000, 16_000, 300_000, 300_000]);
  });

  it('reads Retry-After as seconds or an HTTP date, clamped to [1 s, 1 h]', () => {
    expect(retryAfterMs('7', T0)).toBe(7_000);
    expect(retryAfterMs(new Date(T0 + 30_000).toUTCString(), T0)).toBe(30_000);
    expect(retryAfterMs('86400', T0)).toBe(3_600_000);
    expect(retryAfterMs('0', T0)).toBe(1_000);
    expect(retryAfterMs('-5', T0)).toBe(1_000);
    expect(retryAfterMs('abc', T0)).toBe(60_000);
    expect(retryAfterMs(null, T0)).toBeUndefined();
  });
});

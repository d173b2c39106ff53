// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../src/proxy/rate-limit.js';

describe('createRateLimiter', () => {
  it('forgets the least recently seen client past maxClients, and keeps the others it counts', () => {
    const take = createRateLimiter({ requestsPerMinute: 60, burst: 1, maxClients: 2 });
    expect(take('a', 0)).toBe(0);
    expect(take('b', 0)).toBe(0);
    // a is seen again (and still waits), so b is now the least recently seen.
    expect(take('a', 0)).toBe(1_000);
    expect(take('c', 0)).toBe(0);
    expect(take('a', 0)).toBe(1_000);
    // b was forgotten: its burst is whole again.
    expect(take('b', 0)).toBe(0);
  });
});

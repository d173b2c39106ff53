// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HealthTracker, withTimeout } from '../../src/proxy/destination.js';

afterEach(() => vi.restoreAllMocks());

describe('withTimeout', () => {
  it('gives a transport that reads signal one AbortSignal that times out at the deadline', async () => {
    const init = withTimeout({ method: 'POST', headers: {}, body: '' }, 50);
    expect(init.timeoutMs).toBe(50);
    const signal = init.signal!;
    expect(init.signal).toBe(signal);
    await new Promise((resolve) => signal.addEventListener('abort', resolve));
    expect(signal.reason).toMatchObject({ name: 'TimeoutError' });
  });

  it('makes no signal for a transport that keeps its own deadline', () => {
    const timeout = vi.spyOn(AbortSignal, 'timeout');
    const init = withTimeout({ method: 'POST', headers: { a: 'b' }, body: 'x' }, 1000);
    expect([init.method, init.headers, init.body, init.timeoutMs]).toEqual(['POST', { a: 'b' }, 'x', 1000]);
    expect(timeout).not.toHaveBeenCalled();
    void init.signal;
    expect(timeout).toHaveBeenCalledOnce();
  });
});

describe('HealthTracker', () => {
  const at = (iso: string) => Date.parse(iso);

  it('reports since when the status began, the last delivery, and a reason only while failing', () => {
    const health = new HealthTracker('amplitude');
    expect(health.get()).toEqual({ name: 'amplitude', status: 'unknown' });
    health.ok(at('2026-01-01T10:00:00.000Z'));
    health.ok(at('2026-01-01T10:05:00.000Z'));
    expect(health.get()).toEqual({
      name: 'amplitude',
      status: 'ok',
      since: '2026-01-01T10:00:00.000Z',
      lastDeliveredAt: '2026-01-01T10:05:00.000Z',
    });
    health.failing('Amplitude answered 401', at('2026-01-01T11:00:00.000Z'));
    health.failing('Amplitude answered 500', at('2026-01-01T11:30:00.000Z'));
    expect(health.get()).toEqual({
      name: 'amplitude',
      status: 'failing',
      reason: 'Amplitude answered 500',
      since: '2026-01-01T11:00:00.000Z',
      lastDeliveredAt: '2026-01-01T10:05:00.000Z',
    });
    health.ok(at('2026-01-01T12:00:00.000Z'));
    expect(health.get()).toEqual({
      name: 'amplitude',
      status: 'ok',
      since: '2026-01-01T12:00:00.000Z',
      lastDeliveredAt: '2026-01-01T12:00:00.000Z',
    });
  });
});

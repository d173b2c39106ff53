// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { withTimeout } from '../../src/proxy/destination.js';

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

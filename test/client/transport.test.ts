// @vitest-environment node
// One POST to the proxy, as the client makes it and reads its answer.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { post } from '../../src/client/transport.js';
import { createProxy } from '../../src/proxy/create-proxy.js';
import { local } from '../../src/proxy/local.js';
import { silentLogger } from '../../src/proxy/log.js';
import type { Submission } from '../../src/schema/submission.js';

const items: Submission[] = [{ id: 't1', kind: 'feedback', body: 'words' }];
const answering = (response: Response): typeof fetch => async () => response;
afterEach(() => vi.unstubAllGlobals());

describe('post', () => {
  it('sends { items } as JSON without credentials, and reads the per-item results of a 200 (the real handler)', async () => {
    const handle = createProxy({ destinations: [local()], allowedOrigins: '*', rateLimit: false, logger: silentLogger });
    const sent: Request[] = [];
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const request = new Request(String(input), init);
      sent.push(request.clone());
      return handle(request);
    };
    const attempt = await post('http://127.0.0.1/v1/feedback', items, { fetch, timeoutMs: 5_000 });
    expect(attempt).toMatchObject({ status: 200, results: [{ id: 't1', status: 'delivered' }] });
    expect(attempt.code).toBeUndefined();
    expect(sent[0]!.headers.get('content-type')).toBe('application/json');
    expect(sent[0]!.credentials).toBe('omit');
    expect(await sent[0]!.json()).toEqual({ items });
  });

  it('sends a page-hide beacon as keepalive text/plain, so it needs no preflight', async () => {
    let init: RequestInit | undefined;
    const fetch: typeof globalThis.fetch = async (_input, given) => {
      init = given;
      return Response.json({ results: [] });
    };
    await post('http://127.0.0.1/v1/feedback', items, { fetch, timeoutMs: 5_000, keepalive: true });
    expect(init).toMatchObject({ keepalive: true, headers: { 'content-type': 'text/plain' } });
  });

  it("reads the code of a refusal's JSON body", async () => {
    const refusal = Response.json({ error: 'origin not allowed', code: 'origin_not_allowed' }, { status: 403 });
    expect(await post('/v1/feedback', items, { fetch: answering(refusal), timeoutMs: 5_000 })).toMatchObject({ status: 403, code: 'origin_not_allowed' });
  });

  it('reads no code from a 2xx, nor from a body that is not JSON', async () => {
    const ok = Response.json({ results: [{ id: 't1', status: 'delivered' }], code: 'whatever' });
    expect((await post('/v1/feedback', items, { fetch: answering(ok), timeoutMs: 5_000 })).code).toBeUndefined();
    const html = new Response('<h1>Bad gateway</h1>', { status: 502 });
    expect(await post('/v1/feedback', items, { fetch: answering(html), timeoutMs: 5_000 })).toEqual({ status: 502, retryAfter: null, results: undefined, code: undefined });
  });

  it('answers status 0 with the reason when there is no answer, and says offline only when the browser does', async () => {
    const down: typeof fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    expect(await post('/v1/feedback', items, { fetch: down, timeoutMs: 5_000 })).toEqual({ status: 0, error: 'TypeError: Failed to fetch' });
    vi.stubGlobal('navigator', { onLine: true });
    expect(await post('/v1/feedback', items, { fetch: down, timeoutMs: 5_000 })).toEqual({ status: 0, error: 'TypeError: Failed to fetch' });
    vi.stubGlobal('navigator', { onLine: false });
    expect(await post('/v1/feedback', items, { fetch: down, timeoutMs: 5_000 })).toEqual({ status: 0, error: 'TypeError: Failed to fetch', offline: true });
  });

  it('gives up on a request that takes longer than its timeout', async () => {
    const hanging: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init!.signal!.addEventListener('abort', () => reject(init!.signal!.reason)));
    const attempt = await post('/v1/feedback', items, { fetch: hanging, timeoutMs: 20 });
    expect(attempt).toMatchObject({ status: 0, error: expect.stringMatching(/TimeoutError/) });
  });
});

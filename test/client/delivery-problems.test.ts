// @vitest-environment node
// What the client says when an attempt does not deliver (issue 10, "Honest words"): the problem
// in submit()'s `queued` answer, the `retrying` event, the refused origin's `error`. Against the
// real proxy handler in process, with fake-indexeddb.
import { IDBFactory } from '../fake-idb.js';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClientEvents, ClientOptions } from '../../src/client/client.js';
import { type ProxyConfig, createProxy } from '../../src/proxy/create-proxy.js';
import { local } from '../../src/proxy/local.js';
import { silentLogger } from '../../src/proxy/log.js';
import { testClients } from './test-client.js';

const PAGE_ORIGIN = 'https://shop.example';
const ENDPOINT = 'https://proxy.example/v1/feedback';
let clock: number;
const clients = testClients();

beforeEach(() => {
  clock = Date.parse('2026-11-23T12:00:00Z');
});

/** The real handler; the page's requests carry its origin, as a browser's do. */
function proxy(config: Partial<ProxyConfig> = {}): typeof fetch {
  const handle = createProxy({
    destinations: [local()],
    allowedOrigins: [PAGE_ORIGIN],
    // Local mode answers only the hosts it serves (DNS rebinding): this test's is proxy.example.
    localHosts: ['proxy.example'],
    rateLimit: false,
    logger: silentLogger,
    ...config,
  });
  return async (input, init) => {
    const request = new Request(String(input), init);
    request.headers.set('origin', PAGE_ORIGIN);
    return handle(request);
  };
}

/** The real handler, for a page whose origin it does not allow: a 403 the page can read, with a code. */
const refusingProxy = proxy({ allowedOrigins: ['https://other.example'] });

const unreachable: typeof fetch = async () => {
  throw new TypeError('Failed to fetch');
};

/** A client on `fetch`, and every event it emits. */
function client(fetch: typeof globalThis.fetch, extra: Partial<ClientOptions> = {}) {
  const c = clients.create({ endpoint: ENDPOINT, indexedDB: new IDBFactory(), fetch, amplitudeUserId: false, now: () => clock, ...extra });
  const seen = { retrying: [] as ClientEvents['retrying'][], errors: [] as ClientEvents['error'][], delivered: [] as string[] };
  c.on('retrying', (event) => seen.retrying.push(event));
  c.on('error', (event) => seen.errors.push(event));
  c.on('delivered', ({ id }) => seen.delivered.push(id));
  return { c, seen };
}

const feedback = (body = 'Search is broken on mobile') => ({ kind: 'feedback' as const, body });

describe("submit()'s queued answer", () => {
  it('says offline when there was no answer and the browser says it is offline', async () => {
    vi.stubGlobal('navigator', { onLine: false });
    const { c } = client(unreachable);
    const result = await c.submit(feedback());
    expect(result).toEqual({ id: result.id, status: 'queued', durability: 'indexeddb', problem: 'offline' });
  });

  it('says unreachable, never offline, when there was no answer while the browser is online', async () => {
    vi.stubGlobal('navigator', { onLine: true });
    const { c } = client(unreachable);
    expect(await c.submit(feedback())).toMatchObject({ status: 'queued', problem: 'unreachable' });
  });

  it('says unavailable when the proxy asked to come back later (a 429 with Retry-After)', async () => {
    const { c } = client(proxy({ rateLimit: { requestsPerMinute: 1, burst: 1 }, clientIp: () => '203.0.113.7' }));
    expect(await c.submit(feedback('first'))).toMatchObject({ status: 'delivered' });
    expect(await c.submit(feedback('second'))).toMatchObject({ status: 'queued', problem: 'unavailable' });
  });

  it('says misconfigured when the endpoint answers what no retry soon will fix (a 404)', async () => {
    const { c } = client(proxy(), { endpoint: 'https://proxy.example/v1/feedbak' });
    expect(await c.submit(feedback())).toMatchObject({ status: 'queued', problem: 'misconfigured' });
  });

  it('says refused when the proxy refuses the page’s origin', async () => {
    const { c } = client(refusingProxy);
    expect(await c.submit(feedback())).toMatchObject({ status: 'queued', problem: 'refused' });
  });

  it('names no problem when no attempt ended within the wait', async () => {
    const hanging: typeof fetch = () => new Promise<Response>(() => {});
    const { c } = client(hanging, { timeoutMs: 60_000 });
    const result = await c.submit(feedback());
    expect(result).toEqual({ id: result.id, status: 'queued', durability: 'indexeddb' });
  });

  it("names the pause's problem for an item sent during it: no attempt, but the server said why", async () => {
    const limited = proxy({ rateLimit: { requestsPerMinute: 1, burst: 1 }, clientIp: () => '203.0.113.8' });
    let proxyUp = true;
    const { c } = client((input, init) => (proxyUp ? limited(input, init) : unreachable(input, init)));
    await c.submit(feedback('first'));
    await c.submit(feedback('second')); // 429: the queue pauses for its Retry-After
    const third = await c.submit(feedback('third'));
    expect(third).toEqual({ id: third.id, status: 'queued', durability: 'indexeddb', problem: 'unavailable' });
    // Once the pause is over, nothing is said for it any more: the next attempt speaks.
    clock += 61_000;
    proxyUp = false;
    const fourth = await c.submit(feedback('fourth'));
    expect(fourth).toMatchObject({ status: 'queued', problem: 'unreachable' });
  });
});

describe('the retrying event', () => {
  it('follows an attempt that left items queued, with the reason and when the next try is due', async () => {
    const { c, seen } = client(proxy({ rateLimit: { requestsPerMinute: 1, burst: 1 }, clientIp: () => '203.0.113.9' }));
    await c.submit(feedback('first'));
    const { id } = await c.submit(feedback('second'));
    expect(seen.retrying).toEqual([{ ids: [id], problem: 'unavailable', error: 'HTTP 429', retryInMs: 60_000 }]);
  });

  it('says when the backoff ends after a network error', async () => {
    vi.stubGlobal('navigator', { onLine: true });
    const { c, seen } = client(unreachable);
    const { id } = await c.submit(feedback());
    // The first backoff is 1–2 s; the client's random() is 0.
    expect(seen.retrying).toEqual([{ ids: [id], problem: 'unreachable', error: 'TypeError: Failed to fetch', retryInMs: 1_000 }]);
  });

  it('lists every item the attempt left queued, once, and nothing after a delivery', async () => {
    let up = false;
    const real = proxy();
    const { c, seen } = client((input, init) => (up ? real(input, init) : unreachable(input, init)));
    const queued = [(await c.submit(feedback('one'))).id, (await c.submit(feedback('two'))).id];
    seen.retrying.length = 0;
    clock += 60_000;
    await c.flush();
    // Their second attempt, in one batch: the backoff is 2–4 s, and random() is 0.
    expect(seen.retrying).toEqual([{ ids: queued, problem: 'unreachable', error: 'TypeError: Failed to fetch', retryInMs: 2_000 }]);
    up = true;
    seen.retrying.length = 0;
    await c.flush();
    expect(seen.delivered).toEqual(queued);
    expect(seen.retrying).toEqual([]);
  });
});

describe('a refused origin', () => {
  it('emits error with the code and the variable to set, once per pause it causes', async () => {
    const { c, seen } = client(refusingProxy);
    const first = await c.submit(feedback('first'));
    expect(seen.errors).toEqual([
      { error: "the proxy refuses this page's origin: add it to EARFUL_ALLOWED_ORIGINS", code: 'origin_not_allowed' },
    ]);
    // Within the 5-minute pause: more submits and flushes, no attempt, no second error.
    clock += 60_000;
    await c.submit(feedback('second'));
    await c.flush();
    clock += 60_000;
    await c.flush();
    expect(seen.errors).toHaveLength(1);
    expect((await c.pending()).map((r) => r.attempts)).toEqual([1, 0]);
    // The pause over, the next attempt is refused again: a new pause, a new error.
    clock += 4 * 60_000;
    await c.flush();
    expect(seen.errors).toHaveLength(2);
    expect(seen.retrying.at(-1)).toMatchObject({ problem: 'refused', retryInMs: 300_000 });
    expect((await c.pending()).map((r) => r.id)).toEqual([first.id, expect.any(String)]);
    expect(await c.deadLetters()).toEqual([]);
  });

  it('names the page’s origin where there is one', async () => {
    vi.stubGlobal('location', { origin: PAGE_ORIGIN, href: `${PAGE_ORIGIN}/checkout` });
    const { c, seen } = client(refusingProxy);
    await c.submit(feedback());
    expect(seen.errors).toEqual([
      { error: `the proxy refuses this page's origin ${PAGE_ORIGIN}: add it to EARFUL_ALLOWED_ORIGINS`, code: 'origin_not_allowed' },
    ]);
  });
});

// @vitest-environment node
// The outbox's storage access pattern and its comeback after an outage, in headless Chromium
// through the built script tag (issue 3, what the benchmark found): a delivery cycle reads one
// batch, not the queue; and `online` / `Earful('flush')` send what failed for want of a network
// without waiting out its backoff, while a server's pause still holds.
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  type Stack,
  earful,
  feedback,
  newId,
  openHost,
  readIdb,
  sleep,
  startPageServer,
  startStack,
  storedIds,
  submit,
  upstreamRequests,
  waitFor,
  within,
} from './harness.js';
import { browserSuite } from './browser-suite.js';

const suite = browserSuite(startPageServer);

/**
 * A context whose pages count the outbox records IndexedDB hands them (`window.__reads`): one per
 * cursor step or `get`, and every record of a `getAll` — whatever code asks. (Keys are not
 * records: `getAllKeys` and key cursors are not counted.)
 */
async function countingContext(): Promise<BrowserContext> {
  const context = await suite.newContext();
  await context.addInitScript({
    content: `globalThis.__name = (fn) => fn;
      window.__reads = 0;
      for (const P of [IDBObjectStore.prototype, IDBIndex.prototype])
        for (const method of ['openCursor', 'get', 'getAll']) {
          const original = P[method];
          P[method] = function (...args) {
            const request = original.apply(this, args);
            if ((this.objectStore ?? this).name === 'queue')
              request.addEventListener('success', () => {
                const r = request.result;
                window.__reads += Array.isArray(r) ? r.length : r == null ? 0 : 1;
              });
            return request;
          };
        }`,
  });
  return context;
}

const reads = (page: Page) => page.evaluate(() => (window as unknown as { __reads: number }).__reads);

function stack(tap = false): Promise<Stack> {
  return startStack(suite.cleanup, { allowedOrigins: [suite.server.origin], tap });
}

const hostUrl = (endpoint: string) => suite.server.url({ init: { endpoint } });

/** Submits `ids` one after another in the page; per submit, ms until the `queued` event (durable). */
function submitAll(page: Page, ids: string[]): Promise<number[]> {
  return within(
    page.evaluate(async (list) => {
      const w = window as unknown as { Earful: (c: string, ...a: unknown[]) => Promise<unknown> };
      const durable: number[] = [];
      let at = 0;
      const off = w.Earful('on', 'queued', () => (at = performance.now()));
      for (const id of list) {
        const started = performance.now();
        await w.Earful('submit', { id, kind: 'feedback', body: `Perf item ${id}: search is broken on mobile` });
        durable.push(at - started);
      }
      void off;
      return durable;
    }, ids),
    300_000,
    'the submits',
  );
}

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('the storage access pattern', () => {
  it('reads a few records per submit and about one batch per delivery cycle, however long the queue', async () => {
    const s = await stack();
    const context = await countingContext();
    const page = await openHost(context, hostUrl(s.endpoint));
    const warm = newId('warm');
    await submit(page, feedback(warm));
    await waitFor(() => storedIds(s.fake).includes(warm), { timeoutMs: 5_000, label: 'the warm-up item' });
    await sleep(3_500); // the load-time flush (and its full scan of the outbox) is over

    // Another holder of the flush lock, as another tab would be: 1,000 submits queue, none is sent.
    await page.evaluate(() => {
      const w = window as unknown as { __release?: () => void; __held?: Promise<void> };
      w.__held = navigator.locks.request('earful-flush:earful', () => new Promise<void>((release) => (w.__release = release)));
    });
    const ids = Array.from({ length: 1_000 }, (_, i) => newId(`perf${i}`));
    const before = await reads(page);
    const durable = await submitAll(page, ids);
    const submitReads = (await reads(page)) - before;
    expect((await readIdb(page)).outbox).toHaveLength(1_000);

    s.fake.reset();
    const start = await reads(page);
    const ms = await within(
      page.evaluate(async (count) => {
        const w = window as unknown as { __release: () => void; __held: Promise<void>; Earful: (c: string, ...a: unknown[]) => unknown };
        const delivered = new Set<string>();
        w.Earful('on', 'delivered', (d: { id: string }) => delivered.add(d.id));
        const started = performance.now();
        w.__release();
        await w.__held;
        void w.Earful('flush');
        await new Promise<void>((resolve) => {
          const check = () => (delivered.size >= count ? resolve() : setTimeout(check, 5));
          check();
        });
        return performance.now() - started;
      }, ids.length),
      60_000,
      'the delivery',
    );
    const deliveryReads = (await reads(page)) - start;
    console.log(
      `1,000 queued: ${submitReads} outbox records read by 1,000 submits, ${deliveryReads} by their delivery (${upstreamRequests(s.fake)} upstream requests, ${ms.toFixed(0)} ms); ` +
        `submit → durable p50 ${p50(durable.slice(0, 100)).toFixed(1)} ms for the first 100, ${p50(durable.slice(-100)).toFixed(1)} ms for the last 100`,
    );
    // Reading the whole outbox per submit would be ~500,000 records; per cycle, ~11,000.
    expect(submitReads).toBeLessThanOrEqual(3 * ids.length);
    expect(deliveryReads).toBeLessThanOrEqual(2.5 * ids.length);
    expect(upstreamRequests(s.fake)).toBe(10);
    expect(storedIds(s.fake)).toHaveLength(1_000);
    expect((await readIdb(page)).outbox).toEqual([]);
  }, 120_000);
});

describe('coming back', () => {
  it('delivers a queue that failed offline within seconds of going online, in one request per batch, without waiting out its backoff', async () => {
    const s = await stack(true);
    const context = await countingContext();
    const page = await openHost(context, hostUrl(s.endpoint));
    await context.setOffline(true);
    const ids = Array.from({ length: 250 }, (_, i) => newId(`offline${i}`));
    await submitAll(page, ids);
    // Let the backoff grow: some record has failed three times and waits 4–8 s more.
    await waitFor(async () => (await readIdb(page)).outbox.some((r) => r.attempts >= 3), { timeoutMs: 20_000, label: 'a third failed attempt' });
    const idb = await readIdb(page);
    const latest = Math.max(...idb.outbox.map((r) => r.nextAttemptAt));
    expect(latest - idb.now).toBeGreaterThan(2_500);

    const postsBefore = s.tap!.posts().length;
    const online = Date.now();
    await context.setOffline(false);
    await waitFor(() => storedIds(s.fake).length === ids.length, { timeoutMs: 20_000, label: 'the whole queue upstream' });
    const done = Date.now();
    const posts = s.tap!.posts().length - postsBefore;
    console.log(`back online: ${ids.length} items delivered in ${done - online} ms with ${posts} POSTs (the latest backoff ran until +${latest - online} ms)`);
    expect(done).toBeLessThan(latest);
    expect(done - online).toBeLessThan(6_000);
    expect(posts).toBeLessThanOrEqual(Math.ceil(ids.length / 100) + 1);
  }, 90_000);

  it("Earful('flush') sends what failed for want of a network at once, but waits out a server's pause", async () => {
    const s = await stack(true);
    const context = await countingContext();
    const page = await openHost(context, hostUrl(s.endpoint));
    s.tap!.down = true; // the proxy unreachable: network errors
    const a = newId('unreachable');
    expect((await submit(page, feedback(a))).status).toBe('queued');
    const failed = await waitFor(async () => (await readIdb(page)).outbox.find((r) => r.id === a && r.attempts >= 2), {
      timeoutMs: 8_000,
      label: 'a second failed attempt',
    });
    s.tap!.down = false;
    await earful(page, 'flush');
    await waitFor(() => storedIds(s.fake).includes(a), { timeoutMs: 3_000, label: 'the item upstream' });
    expect(Date.now()).toBeLessThan(failed.nextAttemptAt);

    // A record that failed for want of a network, then a 503 with Retry-After for the whole queue.
    s.tap!.down = true;
    const b = newId('net-then-paused');
    expect((await submit(page, feedback(b))).status).toBe('queued');
    await waitFor(async () => (await readIdb(page)).outbox.find((r) => r.id === b && r.attempts >= 1), { timeoutMs: 5_000, label: 'the failed attempt' });
    s.tap!.down = false;
    s.fake.failNext({ status: 503, retryAfter: '30', times: 100 });
    const c = newId('paused');
    expect((await submit(page, feedback(c))).status).toBe('queued');
    await waitFor(async () => { const idb = await readIdb(page); return Number(idb.meta.pausedUntil) > idb.now; }, { timeoutMs: 5_000, label: 'the queue-wide pause' });
    const postsBefore = s.tap!.posts().length;
    await earful(page, 'flush');
    await sleep(1_500);
    expect(s.tap!.posts().length).toBe(postsBefore);
    expect((await readIdb(page)).outbox.map((r) => r.id).sort()).toEqual([b, c].sort());
  }, 60_000);
});

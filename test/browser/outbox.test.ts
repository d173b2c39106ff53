// @vitest-environment node
// The outbox in a real browser (issue 3, "Real browser"): headless Chromium, the script tag
// `dist/earful.js` on a host page at one 127.0.0.1 origin, the real proxy on another, the fake
// Amplitude behind it. Every assertion is made at a boundary: what `Earful('submit')` resolved
// to, what IndexedDB holds, what the browser sent (the tap) and what reached the upstream.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  type Stack,
  earful,
  events,
  feedback,
  gotoHost,
  launchPersistent,
  newId,
  openHost,
  readIdb,
  sleep,
  startPageServer,
  startStack,
  storedIds,
  submit,
  tempProfile,
  upstreamRequests,
  within,
  waitFor,
  writesById,
} from './harness.js';
import { browserSuite } from './browser-suite.js';
import { STORED_V1, storedV1 } from '../client/outbox/stored-v1.js';

const suite = browserSuite(startPageServer);
const { cleanup, newContext } = suite;

function stack(extra: { tap?: boolean; allowedOrigins?: string[] } = {}): Promise<Stack> {
  return startStack(cleanup, { allowedOrigins: extra.allowedOrigins ?? [suite.server.origin], tap: extra.tap });
}

/** A host page that inits the client against `endpoint` with `options`. */
const hostUrl = (endpoint: string, options: Record<string, unknown> = {}) => suite.server.url({ init: { endpoint, ...options } });

/**
 * The upstream's deduped store holds exactly `ids` (none missing, none extra) and each was
 * written at least once; returns the writes per id for tighter checks.
 */
function expectStoredOnce(s: Stack, ids: readonly string[]) {
  const stored = storedIds(s.fake);
  expect([...stored].sort()).toEqual([...ids].sort());
  const writes = writesById(s.fake);
  for (const id of ids) expect(writes.get(id), `upstream writes of ${id}`).toBeGreaterThanOrEqual(1);
  return writes;
}

describe('offline, closed tabs and reopening', () => {
  it('keeps feedback written offline through closing the browser and delivers it exactly once when reopened online', async () => {
    const s = await stack();
    const profile = await tempProfile(cleanup);
    const url = hostUrl(s.endpoint);
    const id = newId('offline');

    const first = await launchPersistent(profile);
    cleanup.defer('first browser', () => first.close());
    let page = await openHost(first, url);
    await earful(page, 'identify', { id: 'user-42', email: 'jane@example.com' });
    await first.setOffline(true);
    const result = await submit(page, feedback(id, 'Written on the train'));
    expect(result).toEqual({ id, status: 'queued', durability: 'indexeddb', problem: 'offline' });
    const before = await readIdb(page);
    expect(before.outbox.map((r) => r.id)).toEqual([id]);
    expect(before.outbox[0]!.submission.user).toEqual({ id: 'user-42', email: 'jane@example.com' });
    await first.close(); // the whole browser: tab closed, process gone
    expect(upstreamRequests(s.fake)).toBe(0);

    // Later: a new browser on the same profile, online, opens the page again.
    const context = await launchPersistent(profile);
    cleanup.defer('reopened browser', () => context.close());
    page = await openHost(context, url);
    await waitFor(() => storedIds(s.fake).includes(id), { timeoutMs: 15_000, label: 'the upstream to store the item' });
    await waitFor(async () => (await readIdb(page)).outbox.length === 0, { timeoutMs: 5_000, label: 'the outbox to empty' });
    await sleep(1_500); // room for a (wrong) second send

    // Nothing was in flight when the first browser closed, so there is no reason for a second write.
    expect(writesById(s.fake).get(id)).toBe(1);
    expect(s.fake.stored()).toEqual([
      expect.objectContaining({ unique_id: id, body: 'Written on the train', user_id: 'user-42', email: 'jane@example.com' }),
    ]);
    expect((await events(page)).filter((e) => e.name === 'delivered').map((e) => e.detail.id)).toEqual([id]);
    expect((await readIdb(page)).dead).toEqual([]);
  }, 60_000);
});

describe('several tabs', () => {
  it('delivers 20 items queued in two tabs once each, with one request in flight at a time', async () => {
    const s = await stack({ tap: true });
    const context = await newContext();
    const url = hostUrl(s.endpoint);
    const [a, b] = [await openHost(context, url), await openHost(context, url)];
    // Both tabs see one origin: one lock manager (a lock held in A is unavailable in B).
    // (Resolves once A holds it: a request is granted asynchronously.)
    await a.evaluate(
      () =>
        new Promise<void>((held) => {
          void navigator.locks.request('probe', () => (held(), new Promise((release) => ((window as { release?: unknown }).release = release))));
        }),
    );
    expect(await b.evaluate(() => navigator.locks.request('probe', { ifAvailable: true }, (lock) => lock === null))).toBe(true);
    await a.evaluate(() => (window as unknown as { release: () => void }).release());

    await context.setOffline(true);
    const ids = Array.from({ length: 20 }, (_, i) => newId(`tab${i % 2 ? 'b' : 'a'}${i}`));
    const results = await Promise.all(ids.map((id, i) => submit(i % 2 ? b : a, feedback(id))));
    expect(results.map((r) => r.status)).toEqual(ids.map(() => 'queued'));
    expect((await readIdb(a)).outbox).toHaveLength(20);
    expect((await readIdb(b)).outbox).toHaveLength(20);

    await context.setOffline(false);
    // Both tabs are told to flush at the same moment, on top of their own `online` triggers.
    await Promise.all([earful(a, 'flush'), earful(b, 'flush')]);
    await waitFor(() => storedIds(s.fake).length === 20, { timeoutMs: 20_000, label: 'all 20 items upstream' });
    await waitFor(async () => (await readIdb(a)).outbox.length === 0, { timeoutMs: 5_000, label: 'the outbox to empty' });
    await sleep(1_500);

    const writes = expectStoredOnce(s, ids);
    for (const id of ids) expect(writes.get(id), `writes of ${id}`).toBe(1);
    expect(s.tap!.maxConcurrentPosts).toBe(1);
    // Each id was delivered by exactly one tab.
    const delivered = [...(await events(a)), ...(await events(b))].filter((e) => e.name === 'delivered').map((e) => e.detail.id);
    expect(delivered.sort()).toEqual([...ids].sort());
  }, 60_000);
});

describe('crashed tabs', () => {
  it('delivers an item whose tab crashed mid-request once, from another tab, after the lease expires', async () => {
    const s = await stack({ tap: true });
    const context = await newContext();
    // Same origin and outbox; the query string tells the doomed tab's requests apart at the tap.
    const doomed = await openHost(context, hostUrl(`${s.endpoint}?tab=doomed`, { leaseMs: 3_000 }));
    const id = newId('crash');
    s.fake.failNext({ delayMs: 2_500 }); // the upstream holds the first request: it is in flight when the tab dies

    await doomed.evaluate((input) => {
      void (window as unknown as { Earful: (c: string, i: unknown) => unknown }).Earful('submit', input);
    }, feedback(id, 'Sent just before the crash'));
    await waitFor(() => s.tap!.posts().some((p) => p.body.includes(id) && p.path.includes('tab=doomed')), {
      timeoutMs: 5_000,
      label: 'the POST to leave the doomed tab',
    });
    // Opened while the doomed tab holds the flush lock, so it cannot be the one sending first.
    const survivor = await openHost(context, hostUrl(s.endpoint, { leaseMs: 3_000 }));
    const crashed = new Promise<void>((resolve) => doomed.once('crash', () => resolve()));
    const cdp = await context.newCDPSession(doomed);
    const crashAt = Date.now();
    void cdp.send('Page.crash').catch(() => {});
    await waitFor(() => crashed.then(() => true), { timeoutMs: 5_000, label: 'the tab to crash' });

    // The crashed tab's claim survives it: the record is leased, not lost and not free.
    const leased = await readIdb(survivor);
    expect(leased.outbox.map((r) => r.id)).toEqual([id]);
    const lease = leased.outbox[0]!.lease!;
    expect(lease.until).toBeGreaterThan(leased.now);

    await waitFor(async () => (await events(survivor)).some((e) => e.name === 'delivered' && e.detail.id === id), {
      timeoutMs: 15_000,
      label: 'the surviving tab to deliver it',
    });
    await waitFor(() => s.fake.calls.length >= 2, { timeoutMs: 5_000, label: 'the held upstream request to finish' });
    expect((await readIdb(survivor)).outbox).toEqual([]);

    const posts = s.tap!.posts().filter((p) => p.body.includes(id));
    expect(posts.map((p) => p.path.includes('tab=doomed'))).toEqual([true, false]); // the crashed tab's, then the survivor's
    expect(posts[0]!.at).toBeLessThan(crashAt);
    expect(posts[1]!.at).toBeGreaterThanOrEqual(lease.until - 50); // not before the lease ran out
    // The first request reached the upstream before the crash and was processed there; the
    // re-send after the lease is the at-least-once half, the upsert by unique_id the other.
    const first = s.fake.calls.find((c) => c.rawBody.includes(id))!;
    expect(first.at).toBeLessThan(crashAt);
    expect(writesById(s.fake).get(id)).toBe(2);
    expect(s.fake.stored()).toEqual([expect.objectContaining({ unique_id: id, body: 'Sent just before the crash' })]);
  }, 60_000);
});

describe('flaky networks', () => {
  it('delivers 50 items submitted through 10 s of network flapping, each stored once', async () => {
    const s = await stack({ tap: true });
    const context = await newContext();
    const page = await openHost(context, hostUrl(s.endpoint));
    const ids = Array.from({ length: 50 }, (_, i) => newId(`flap${i}`));

    // The page submits one item every 200 ms while the network goes on and off underneath it.
    await page.evaluate((list) => {
      const w = window as unknown as { Earful: (c: string, i: unknown) => Promise<unknown>; __results: unknown[] };
      w.__results = [];
      void (async () => {
        for (const id of list) {
          void w.Earful('submit', { id, kind: 'feedback', body: `Flapping ${id}` }).then((r) => w.__results.push(r));
          await new Promise((r) => setTimeout(r, 200));
        }
      })();
    }, ids);
    const gaps = [200, 450, 300, 500, 250, 400, 350, 220, 480, 310]; // ms, fixed so runs compare
    const started = Date.now();
    let offline = false;
    for (let i = 0; Date.now() - started < 10_000 && i < 100; i++) {
      offline = !offline;
      await context.setOffline(offline);
      await sleep(gaps[i % gaps.length]!);
    }
    await context.setOffline(false);

    const results = await waitFor(
      async () => {
        const r = await page.evaluate(() => (window as unknown as { __results: { id: string; status: string }[] }).__results);
        return r.length === 50 && r;
      },
      { timeoutMs: 5_000, label: 'every submit to resolve' },
    );
    expect(results.filter((r) => r.status !== 'queued' && r.status !== 'delivered')).toEqual([]);
    await waitFor(() => storedIds(s.fake).length === 50, { timeoutMs: 45_000, label: 'all 50 items upstream' });
    await waitFor(async () => (await readIdb(page)).outbox.length === 0, { timeoutMs: 5_000, label: 'the outbox to empty' });

    const writes = expectStoredOnce(s, ids);
    // `delivered` is only said of what the upstream really has.
    for (const r of results) if (r.status === 'delivered') expect(storedIds(s.fake)).toContain(r.id);
    const idb = await readIdb(page);
    expect(idb.dead).toEqual([]);
    const posts = s.tap!.posts();
    const extra = [...writes.values()].filter((n) => n > 1).length;
    console.log(
      `flapping: ${posts.length} POSTs from the browser (${posts.filter((p) => p.status === 200).length} answered 200), ` +
        `${upstreamRequests(s.fake)} upstream requests, ${extra} of 50 items written twice or more, ` +
        `${results.filter((r) => r.status === 'delivered').length} submits answered 'delivered', ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    // Bounded: no retry storm. At most one POST per submit plus one per backoff round.
    expect(posts.length).toBeLessThanOrEqual(100);
    expect(Math.max(...writes.values())).toBeLessThanOrEqual(3);
  }, 60_000);
});

describe('the script tag', () => {
  it('inits from data-* attributes, replays a submit queued on the stub before the proxy-served script loaded, and stamps the user', async () => {
    const s = await stack();
    const context = await newContext();
    const id = newId('tag');
    const page = await openHost(
      context,
      suite.server.url({
        scriptSrc: `${s.proxy!.url}/earful.js`, // cross-origin, from the proxy itself
        dataset: { endpoint: s.endpoint, userId: 'user-7', userEmail: 'sam@example.com' },
        queued: [['submit', feedback(id, 'Queued before the script loaded')]],
      }),
    );
    await waitFor(() => storedIds(s.fake).includes(id), { timeoutMs: 10_000, label: 'the replayed submit upstream' });
    expect(s.fake.stored()).toEqual([
      expect.objectContaining({ unique_id: id, body: 'Queued before the script loaded', user_id: 'user-7', email: 'sam@example.com' }),
    ]);
    const submitted = await waitFor(async () => (await events(page)).find((e) => e.name === 'submitted'), {
      timeoutMs: 5_000,
      label: 'the submitted event',
    });
    expect(submitted.detail).toEqual(expect.objectContaining({ id }));
    expect(writesById(s.fake).get(id)).toBe(1);
  }, 60_000);
});

describe('submit', () => {
  it("answers 'delivered' while the proxy is up, also when the submit lands as another flush is finishing", async () => {
    const s = await stack();
    const context = await newContext();
    const page = await openHost(context, hostUrl(s.endpoint));
    await sleep(500);
    // A flush that is ending (the load-time look, an `online`, a wake from another tab; here
    // `Earful('flush')`) and a submit a moment later, at offsets swept over the flush's length.
    const results = await within(
      page.evaluate(async () => {
        const Earful = (window as unknown as { Earful: (c: string, i?: unknown) => Promise<{ id: string; status: string }> }).Earful;
        const out: { i: number; status: string; ms: number }[] = [];
        for (let i = 0; i < 60; i++) {
          void Earful('flush');
          const until = performance.now() + (i % 6) / 2;
          while (performance.now() < until) await new Promise((r) => setTimeout(r, 0));
          const started = performance.now();
          const { status } = await Earful('submit', { kind: 'feedback', body: `Race ${i}` });
          out.push({ i, status, ms: Math.round(performance.now() - started) });
          await new Promise((r) => setTimeout(r, 30));
        }
        return out;
      }),
      30_000,
      'the submits',
    );
    await waitFor(() => storedIds(s.fake).length === 60, { timeoutMs: 10_000, label: 'all 60 upstream' });
    // With the proxy answering in milliseconds, 'queued' means the client never asked it.
    expect(results.filter((r) => r.status !== 'delivered')).toEqual([]);
  }, 60_000);
});

describe('the proxy', () => {
  it('keeps retrying, with a growing persisted backoff, while the proxy is down and navigator.onLine is true, then delivers once it is back on the same port', async () => {
    const s = await stack();
    const context = await newContext();
    const page = await openHost(context, hostUrl(s.endpoint));
    const warm = newId('warm'); // one good round trip first (its status is the subject of another test)
    await submit(page, feedback(warm));
    await waitFor(() => storedIds(s.fake).includes(warm), { timeoutMs: 5_000, label: 'the warm-up item' });

    await s.stopProxy();
    const id = newId('down');
    expect(await submit(page, feedback(id, 'Sent while the proxy was down'))).toEqual({ id, status: 'queued', durability: 'indexeddb', problem: 'unreachable' });
    expect(await page.evaluate(() => navigator.onLine)).toBe(true); // the hint says online; the proxy is not there

    const first = await waitFor(async () => (await readIdb(page)).outbox.find((r) => r.id === id && r.attempts >= 1), {
      timeoutMs: 5_000,
      label: 'a failed attempt',
    });
    expect(first.lastError).toMatch(/TypeError/);
    expect(first.nextAttemptAt).toBeGreaterThan(first.queuedAt);
    // The timer tries again by itself (no event, no reload), later each time.
    const second = await waitFor(async () => (await readIdb(page)).outbox.find((r) => r.id === id && r.attempts >= 2), {
      timeoutMs: 8_000,
      label: 'a second failed attempt',
    });
    expect(second.nextAttemptAt).toBeGreaterThan(first.nextAttemptAt);
    expect(second.nextAttemptAt - first.nextAttemptAt).toBeGreaterThanOrEqual(1_000); // 2nd backoff ≥ 2 s × ½ jitter
    expect(storedIds(s.fake)).toEqual([warm]);

    await s.startProxy(); // same port
    await earful(page, 'flush');
    await waitFor(() => storedIds(s.fake).includes(id), { timeoutMs: 15_000, label: 'delivery after the proxy came back' });
    await waitFor(async () => (await readIdb(page)).outbox.length === 0, { timeoutMs: 5_000, label: 'the outbox to empty' });
    expect(writesById(s.fake).get(id)).toBe(1);
    expect((await events(page)).some((e) => e.name === 'delivered' && e.detail.id === id)).toBe(true);
  }, 60_000);

  it('keeps, and never dead-letters, items the proxy refuses with 403 because the page origin is not allowed', async () => {
    const s = await stack({ tap: true, allowedOrigins: ['https://somewhere-else.example'] });
    const context = await newContext();
    // The page's clock, to let the 5-minute pause of a refusal pass without waiting for it.
    await context.clock.install();
    const page = await openHost(context, hostUrl(s.endpoint));
    const id = newId('origin');
    // The proxy answers the refusal with CORS headers and a code: the page reads it.
    expect(await submit(page, feedback(id))).toEqual({ id, status: 'queued', durability: 'indexeddb', problem: 'refused' });
    // A real cross-origin request: the preflight, which the proxy lets pass, then the POST it refuses.
    expect(s.tap!.records.map((r) => [r.method, r.status])).toEqual([
      ['OPTIONS', 204],
      ['POST', 403],
    ]);
    const errors = async () => (await events(page)).filter((e) => e.name === 'error').map((e) => e.detail);
    expect(await errors()).toEqual([
      { error: `the proxy refuses this page's origin ${suite.server.origin}: add it to EARFUL_ALLOWED_ORIGINS`, code: 'origin_not_allowed' },
    ]);
    const idb = await readIdb(page);
    expect(idb.outbox).toMatchObject([{ id, attempts: 1, lastError: 'HTTP 403' }]);
    expect(idb.dead).toEqual([]);
    expect(Number(idb.meta.pausedUntil) - idb.now).toBeGreaterThan(4 * 60_000); // the 5-minute pause of a 403
    expect((await events(page)).filter((e) => e.name === 'rejected')).toEqual([]);
    expect(upstreamRequests(s.fake)).toBe(0);

    // Within the pause: another submit and a flush try nothing, and nothing is said again.
    const second = newId('origin-again');
    // Not sent during the pause, and the answer says why: the origin is still refused.
    expect(await submit(page, feedback(second))).toEqual({ id: second, status: 'queued', durability: 'indexeddb', problem: 'refused' });
    await earful(page, 'flush');
    await sleep(1_000);
    expect(s.tap!.posts()).toHaveLength(1);
    expect(await errors()).toHaveLength(1);
    expect((await readIdb(page)).outbox.map((r) => r.id)).toEqual([id, second]);

    // The operator fixes the allowlist; once the pause is over, the kept items go out with no help from the page.
    await s.stopProxy();
    await s.startProxy([suite.server.origin]);
    await context.clock.fastForward('05:01');
    await waitFor(() => storedIds(s.fake).includes(id) && storedIds(s.fake).includes(second), {
      timeoutMs: 15_000,
      label: 'delivery once the origin is allowed',
    });
    expect(writesById(s.fake).get(id)).toBe(1);
    expect(writesById(s.fake).get(second)).toBe(1);
  }, 60_000);
});

describe('page hide', () => {
  it('sends one keepalive POST of at most 32 KiB with the pending items when the page goes away', async () => {
    const s = await stack({ tap: true });
    const context = await newContext();
    const holder = await openHost(context, hostUrl(s.endpoint));
    // The holder's request hangs at the upstream, so it holds the flush lock: the leaver's
    // items stay pending in the leaver (its flushes find the lock busy).
    s.fake.failNext({ delayMs: 4_000 });
    const held = newId('held');
    await holder.evaluate((input) => {
      void (window as unknown as { Earful: (c: string, i: unknown) => unknown }).Earful('submit', input);
    }, feedback(held));
    await waitFor(() => s.tap!.posts().some((p) => p.body.includes(held)), { timeoutMs: 5_000, label: "the holder's POST" });
    // Same origin and outbox; a query string on the endpoint tells the leaver's requests apart at the tap.
    const leaver = await openHost(context, hostUrl(`${s.endpoint}?tab=leaver`));

    const ids = Array.from({ length: 5 }, (_, i) => newId(`hide${i}`));
    const results = await Promise.all(ids.map((id) => submit(leaver, feedback(id, `${id} `.repeat(250)))));
    expect(results.map((r) => r.status)).toEqual(ids.map(() => 'queued'));
    const fromLeaver = () => s.tap!.posts().filter((p) => p.path.includes('tab=leaver'));
    expect(fromLeaver()).toEqual([]);

    await leaver.goto('about:blank'); // pagehide
    const beacon = await waitFor(() => fromLeaver().find((p) => p.status !== 0), {
      timeoutMs: 3_000,
      label: 'the page-hide POST to be answered',
    });
    await sleep(500);
    const summary = JSON.stringify(s.tap!.records.map((r) => [r.method, r.path, r.contentType, r.bytes, r.status, r.at]));
    expect(fromLeaver(), summary).toHaveLength(1);
    expect(beacon.contentType).toMatch(/^text\/plain/); // no preflight, so it can leave with the page
    expect(beacon.bytes).toBeLessThanOrEqual(32 * 1024);
    expect(beacon.status).toBe(200);
    const sent = (JSON.parse(beacon.body) as { items: { id: string }[] }).items.map((i) => i.id);
    expect(sent.length).toBeGreaterThanOrEqual(1);
    expect(sent.length).toBeLessThan(ids.length); // 5 × ~10 KB do not fit in 32 KiB
    expect(ids).toEqual(expect.arrayContaining(sent));
    for (const id of sent) expect(storedIds(s.fake)).toContain(id);

    // The items stayed in IndexedDB (nobody was left to process the answer): the holder
    // delivers the rest, and re-sends the beacon's (the upstream keeps one copy).
    await waitFor(() => storedIds(s.fake).length === 6, { timeoutMs: 15_000, label: 'everything upstream' });
    await waitFor(async () => (await readIdb(holder)).outbox.length === 0, { timeoutMs: 5_000, label: 'the outbox to empty' });
    const writes = expectStoredOnce(s, [held, ...ids]);
    expect(writes.get(held), summary).toBe(1);
    for (const id of ids) expect(writes.get(id)).toBeLessThanOrEqual(2);
  }, 60_000);
});

describe('page hide during a pause', () => {
  it('does not send on page hide while the proxy has paused the queue with 503 and Retry-After', async () => {
    const s = await stack({ tap: true });
    const context = await newContext();
    const page = await openHost(context, hostUrl(s.endpoint));
    s.fake.failNext({ status: 503, retryAfter: '30', times: 100 });
    const id = newId('paused');
    expect(await submit(page, feedback(id))).toEqual({ id, status: 'queued', durability: 'indexeddb', problem: 'unavailable' });
    const idb = await waitFor(async () => {
      const view = await readIdb(page);
      return typeof view.meta.pausedUntil === 'number' && view;
    }, { timeoutMs: 5_000, label: 'the queue-wide pause to be stored' });
    expect(idb.outbox[0]!.nextAttemptAt).toBeGreaterThan(idb.now + 20_000); // the record itself waits 30 s too
    const postsBefore = s.tap!.posts().length;

    await page.goto('about:blank'); // pagehide with one pending, paused item
    await sleep(1_000);
    const after = s.tap!.posts().slice(postsBefore);
    expect(after.map((p) => `${p.contentType} ${p.bytes} B → ${p.status}`)).toEqual([]);
    expect(upstreamRequests(s.fake)).toBe(1);
  }, 60_000);
});

describe('reload storms', () => {
  /** Reloads `page` 20 times in about 10 s, waiting each time for the script to run. */
  async function storm(page: Page, url: string) {
    const started = Date.now();
    for (let i = 0; i < 20; i++) {
      await gotoHost(page, url);
      await sleep(Math.max(0, started + (i + 1) * 500 - Date.now()));
    }
  }

  it('does not call the upstream again while it is down and said when to come back, however often the page reloads', async () => {
    const s = await stack({ tap: true });
    const context = await newContext();
    const url = hostUrl(s.endpoint);
    const page = await openHost(context, url);
    s.fake.failNext({ status: 503, retryAfter: '30', times: 1_000 });
    const ids = [newId('storm1'), newId('storm2'), newId('storm3')];
    for (const id of ids) expect((await submit(page, feedback(id))).status).toBe('queued');
    const paused = await waitFor(async () => (await readIdb(page)).meta.pausedUntil as number | undefined, {
      timeoutMs: 5_000,
      label: 'the queue-wide pause to be stored',
    });
    expect(paused).toBeGreaterThan(Date.now() + 20_000);
    const upstreamBefore = upstreamRequests(s.fake);
    const postsBefore = s.tap!.posts().length;
    expect(upstreamBefore).toBe(1);

    await storm(page, url);
    await sleep(1_000);
    const seen = JSON.stringify(s.tap!.posts().slice(postsBefore).map((r) => [r.contentType, r.bytes, r.status]));
    expect(s.tap!.posts().length, `POSTs during the pause: ${seen}`).toBe(postsBefore);
    expect(upstreamRequests(s.fake)).toBe(upstreamBefore);
    const idb = await readIdb(page);
    expect(idb.outbox.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(idb.dead).toEqual([]);
  }, 60_000);

  it('spaces its attempts by the persisted backoff, not by page loads, while the proxy is unreachable', async () => {
    const s = await stack({ tap: true });
    const context = await newContext();
    const url = hostUrl(s.endpoint);
    const page = await openHost(context, url);
    s.tap!.down = true; // every connection is accepted and dropped: a network error in the page
    const ids = [newId('down1'), newId('down2'), newId('down3')];
    for (const id of ids) expect((await submit(page, feedback(id))).status).toBe('queued');
    const before = s.tap!.records.length;

    await storm(page, url);
    const attempts = s.tap!.records.length - before;
    const idb = await readIdb(page);
    expect(idb.outbox.map((r) => r.id).sort()).toEqual([...ids].sort());
    const maxAttempts = Math.max(...idb.outbox.map((r) => r.attempts));
    console.log(`reload storm, proxy unreachable: ${attempts} requests reached the dead host in 20 loads; attempts per record ${idb.outbox.map((r) => r.attempts)}`);
    // 2 s doubling with jitter gives about 4 attempts in 10 s; one per load would be 20+.
    expect(maxAttempts).toBeLessThanOrEqual(6);
    expect(attempts).toBeLessThanOrEqual(12);
    expect(upstreamRequests(s.fake)).toBe(0);

    s.tap!.down = false;
    // The records wait out their own backoff (no trigger skips it): allow for the latest one.
    const due = Math.max(...(await readIdb(page)).outbox.map((r) => r.nextAttemptAt)) - Date.now();
    await waitFor(() => storedIds(s.fake).length === 3, { timeoutMs: Math.max(0, due) + 10_000, label: 'delivery once the host answers' });
    expectStoredOnce(s, ids);
  }, 120_000);
});

describe('upgrades', () => {
  it('delivers, once each, an outbox the previous version wrote, and keeps its dead letters', async () => {
    const s = await stack({ tap: true });
    const context = await newContext();
    // A page of the origin without the widget writes the old outbox with plain IndexedDB.
    const blank = await context.newPage();
    await blank.goto(suite.server.url({ scriptSrc: null }));
    const now = await blank.evaluate(() => Date.now());
    await within(
      blank.evaluate(
        async ({ stored, rows }) => {
          const open = indexedDB.open(stored.dbName, stored.dbVersion);
          open.onupgradeneeded = () => {
            for (const name of stored.stores) open.result.createObjectStore(name);
          };
          const db = await new Promise<IDBDatabase>((resolve, reject) => {
            open.onsuccess = () => resolve(open.result);
            open.onerror = () => reject(open.error);
          });
          const tx = db.transaction([...stored.stores], 'readwrite');
          for (const name of stored.stores) for (const [key, value] of rows[name]) tx.objectStore(name).put(value, key as IDBValidKey);
          await new Promise((resolve) => (tx.oncomplete = resolve));
          db.close();
        },
        { stored: STORED_V1, rows: storedV1(now) },
      ),
      10_000,
      'write the old outbox',
    );
    await blank.close();
    const ids = storedV1(now).queue.map(([, record]) => record.id);

    // The widget's load-time look finds the outbox and delivers it, with no help from the page.
    const page = await openHost(context, hostUrl(s.endpoint));
    await waitFor(() => storedIds(s.fake).length === ids.length, { timeoutMs: 15_000, label: 'the old outbox upstream' });
    await waitFor(async () => (await readIdb(page)).outbox.length === 0, { timeoutMs: 5_000, label: 'the outbox to empty' });
    const writes = expectStoredOnce(s, ids);
    for (const id of ids) expect(writes.get(id), `writes of ${id}`).toBe(1);
    expect(s.tap!.posts().map((p) => (JSON.parse(p.body) as { items: { id: string }[] }).items.map((i) => i.id))).toEqual([ids]);
    const idb = await readIdb(page);
    expect(idb.dead).toMatchObject([{ reason: 'rejected', error: 'user.email: invalid email' }]);
    expect(idb.meta).toMatchObject({ n: 0, bytes: 0, 'earful:nps': { roll: 0.42, impressions: 1 } });
  }, 60_000);
});

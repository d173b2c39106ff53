// The client in Chromium (issue 3, "Benchmark"): 1,000 queued items delivered by the script tag
// through the real proxy to the fake Amplitude, in headless Debian Chromium via playwright-core.
//
//  1. Offline: 1,000 `Earful('submit')` calls one after another; per call, the time to durable
//     (the `queued` event, emitted once the IndexedDB transaction has committed) and the time
//     until the promise resolved. Then online: the time until all 1,000 are delivered, as a
//     user would see it (the client's own triggers, backoff included).
//  2. Delivery, per round: 1,000 items queued while another holder has the flush lock (so none
//     is attempted and all are due), then `Earful('flush')` → all delivered: upstream requests
//     (target 10) and wall time, against POSTing the same 10 batches of 100 by hand with fetch
//     from the same page right after (target ≤ 2×). Each round pairs the two, so the figure
//     that counts is the median of the rounds' ratios: on a shared machine the speed of a whole
//     run drifts more than the two halves of one round.
//
// Run: `npx tsx bench/client-chromium.ts` (needs dist/earful.js: `npm run build`).
// Env: BENCH_ITEMS (1000), BENCH_ROUNDS (3), BENCH_OFFLINE=0 skips part 1. Exits 1 when a
// measurement could not be made (the targets are reported, not enforced).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  Cleanup,
  EMBED_PATH,
  launchBrowser,
  openHost,
  startPageServer,
  startStack,
  upstreamRequests,
  within,
} from '../test/browser/harness.js';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 1_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BATCH = 100;
const OFFLINE = process.env.BENCH_OFFLINE !== '0';

type BenchWindow = Window & {
  Earful: (command: string, ...args: unknown[]) => Promise<{ id: string; status: string }>;
  __delivered: Set<string>;
  __queuedAt: Map<string, number>;
  __release?: () => void;
  __held?: Promise<void>;
};

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;

/** Submits `count` items one after another; per item, ms to durable and ms to resolved. */
async function submitAll(page: Page, count: number, tag: string) {
  return within(
    page.evaluate(
      async ({ count, tag }) => {
        const w = window as unknown as BenchWindow;
        const durable: number[] = [];
        const resolved: number[] = [];
        const statuses: Record<string, number> = {};
        for (let i = 0; i < count; i++) {
          const id = `${tag}-${i}-${crypto.randomUUID()}`;
          const started = performance.now();
          const { status } = await w.Earful('submit', { id, kind: 'feedback', body: `Benchmark item ${i}: search is broken on mobile` });
          resolved.push(performance.now() - started);
          durable.push((w.__queuedAt.get(id) ?? NaN) - started);
          statuses[status] = (statuses[status] ?? 0) + 1;
        }
        return { durable, resolved, statuses };
      },
      { count, tag },
    ),
    600_000,
    'the submits',
  );
}

/** Resolves with the page time at which `count` distinct ids have been delivered. */
function allDelivered(page: Page, count: number, timeoutMs: number): Promise<number> {
  return within(
    page.evaluate(
      (count) =>
        new Promise<number>((resolve) => {
          const w = window as unknown as BenchWindow;
          const check = () => (w.__delivered.size >= count ? resolve(performance.now()) : setTimeout(check, 5));
          check();
        }),
      count,
    ),
    timeoutMs,
    `${count} deliveries`,
  );
}

async function main() {
  if (!existsSync(EMBED_PATH)) throw new Error(`${String(EMBED_PATH)} is missing: run npm run build`);
  const built = statSync(EMBED_PATH).mtimeMs;
  const sources = ['src/client', 'src/embed'].flatMap((dir) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((file) => join(dir, file)));
  const newest = Math.max(...sources.map((file) => statSync(file).mtimeMs));
  if (newest > built) console.warn('warning: dist/earful.js is older than src/client or src/embed; run npm run build');

  const cleanup = new Cleanup();
  try {
    const browser = await launchBrowser();
    cleanup.defer('browser', () => browser.close());
    const pages = await startPageServer();
    cleanup.defer('page server', () => pages.close());
    const stack = await startStack(cleanup, { allowedOrigins: [pages.origin] });
    const version = browser.version();

    // A fresh context per phase: an empty outbox and nothing cached but what the phase does.
    async function freshPage() {
      const context = await browser.newContext();
      cleanup.defer('context', () => context.close());
      // tsx compiles with esbuild's keepNames, which wraps named functions in `__name(…)`; the
      // functions handed to page.evaluate run in the page, where that helper does not exist.
      await context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
      const page = await openHost(context, pages.url({ init: { endpoint: stack.endpoint } }));
      await page.evaluate(() => {
        const w = window as unknown as BenchWindow;
        w.__delivered = new Set();
        w.__queuedAt = new Map();
        w.Earful('on', 'delivered', (d: { id: string }) => w.__delivered.add(d.id));
        w.Earful('on', 'queued', (d: { id: string }) => w.__queuedAt.set(d.id, performance.now()));
      });
      // One round trip first: the CORS preflight is cached for both the client and the hand posts.
      await page.evaluate(() => (window as unknown as BenchWindow).Earful('submit', { id: `warm-${crypto.randomUUID()}`, kind: 'feedback', body: 'warm-up' }));
      await allDelivered(page, 1, 10_000);
      await page.evaluate(() => (window as unknown as BenchWindow).__delivered.clear());
      return { context, page };
    }

    // ---- 1. Offline, then online --------------------------------------------------------------
    let offline = { durable: [] as number[], resolved: [] as number[] };
    let offlineToDelivered = NaN;
    let offlineUpstream = NaN;
    if (OFFLINE) {
      process.stderr.write(`phase 1: ${ITEMS} submits offline…\n`);
      const one = await freshPage();
      await one.context.setOffline(true);
      offline = await submitAll(one.page, ITEMS, 'offline');
      stack.fake.reset();
      const onlineAt = await one.page.evaluate(() => performance.now());
      await one.context.setOffline(false);
      process.stderr.write('phase 1: online, waiting for delivery…\n');
      const deliveredAt = await allDelivered(one.page, ITEMS, 180_000);
      offlineToDelivered = deliveredAt - onlineAt;
      offlineUpstream = upstreamRequests(stack.fake);
      await one.context.close();
    }

    // ---- 2. Delivery pipeline vs hand posts -----------------------------------------------------
    const rounds: { client: number; hand: number; upstream: number; posts: number; durable: number[]; resolved: number[] }[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      process.stderr.write(`phase 2, round ${round}/${ROUNDS}…\n`);
      const { context, page } = await freshPage();
      // Another holder of the flush lock (as another tab would be): submits queue, nothing is sent.
      await page.evaluate(() => {
        const w = window as unknown as BenchWindow;
        w.__held = navigator.locks.request('earful-flush:earful', () => new Promise<void>((release) => (w.__release = release)));
      });
      const queued = await submitAll(page, ITEMS, `round${round}`);
      if (queued.statuses.queued !== ITEMS) throw new Error(`expected ${ITEMS} queued, got ${JSON.stringify(queued.statuses)}`);
      // The same batches the client will send: the outbox in queue order, 100 at a time.
      const batches = await page.evaluate(async (size) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const r = indexedDB.open('earful');
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
        const records = await new Promise<{ queuedAt: number; submission: unknown }[]>((resolve, reject) => {
          const q = db.transaction('queue').objectStore('queue').getAll();
          q.onsuccess = () => resolve(q.result);
          q.onerror = () => reject(q.error);
        });
        db.close();
        records.sort((a, b) => a.queuedAt - b.queuedAt);
        const out: unknown[][] = [];
        for (let i = 0; i < records.length; i += size) out.push(records.slice(i, i + size).map((r) => r.submission));
        return out;
      }, BATCH);
      if (batches.flat().length !== ITEMS) throw new Error(`the outbox holds ${batches.flat().length} items, not ${ITEMS}`);

      stack.fake.reset();
      const clientTime = await page.evaluate(async (count) => {
        const w = window as unknown as BenchWindow;
        const started = performance.now();
        w.__release!();
        await w.__held; // the lock is free once request() has settled
        void w.Earful('flush');
        await new Promise<void>((resolve) => {
          const check = () => (w.__delivered.size >= count ? resolve() : setTimeout(check, 2));
          check();
        });
        return performance.now() - started;
      }, ITEMS);
      const upstream = upstreamRequests(stack.fake);

      stack.fake.reset();
      const handTime = await within(
        page.evaluate(
          async ({ endpoint, batches }) => {
            const started = performance.now();
            for (const items of batches) {
              const res = await fetch(endpoint, {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify({ items }),
                credentials: 'omit',
              });
              const body = (await res.json()) as { results: { status: string }[] };
              if (res.status !== 200 || body.results.some((r) => r.status !== 'delivered')) throw new Error(`hand post answered ${res.status}`);
            }
            return performance.now() - started;
          },
          { endpoint: stack.endpoint, batches },
        ),
        120_000,
        'hand posts',
      );
      rounds.push({ client: clientTime, hand: handTime, upstream, posts: upstreamRequests(stack.fake), durable: queued.durable, resolved: queued.resolved });
      await context.close();
    }

    // ---- Report -----------------------------------------------------------------------------------
    const sorted = (xs: number[]) => xs.filter(Number.isFinite).sort((a, b) => a - b);
    const offDurable = sorted(offline.durable);
    const offResolved = sorted(offline.resolved);
    const lockDurable = sorted(rounds.flatMap((r) => r.durable));
    const client = median(rounds.map((r) => r.client));
    const hand = median(rounds.map((r) => r.hand));
    const upstream = rounds.map((r) => r.upstream);
    const ratio = median(rounds.map((r) => r.client / r.hand));
    console.log(`\n### Client in Chromium ${version}: ${ITEMS} queued items → proxy → fake Amplitude\n`);
    console.log('| measure | result | target |');
    console.log('| --- | --- | --- |');
    console.log(`| upstream requests to deliver ${ITEMS} due items (per round) | ${upstream.join(', ')} | ${Math.ceil(ITEMS / BATCH)} |`);
    console.log(`| client: \`Earful('flush')\` → ${ITEMS} delivered (median of ${ROUNDS}) | ${ms(client)} | |`);
    console.log(`| by hand: the same ${Math.ceil(ITEMS / BATCH)} batches of ${BATCH}, fetch from the same page (median) | ${ms(hand)} | |`);
    console.log(`| client / by hand, median of the rounds' ratios | ${ratio.toFixed(2)}× | ≤ 2× |`);
    if (OFFLINE) {
      console.log(`| submit → durable (\`queued\` event), offline, p50 / p95 | ${ms(percentile(offDurable, 50))} / ${ms(percentile(offDurable, 95))} | |`);
      console.log(`| submit → \`Earful('submit')\` resolved \`queued\`, offline, p50 / p95 | ${ms(percentile(offResolved, 50))} / ${ms(percentile(offResolved, 95))} | |`);
    }
    console.log(`| submit → durable, another tab flushing (no attempts), p50 / p95 | ${ms(percentile(lockDurable, 50))} / ${ms(percentile(lockDurable, 95))} | |`);
    if (OFFLINE)
      console.log(`| offline queue of ${ITEMS}: back online → all delivered (client's own triggers, backoff included) | ${ms(offlineToDelivered)}, ${offlineUpstream} upstream requests | |`);
    console.log(`\nRounds (client ms / hand ms = ratio, upstream requests): ${rounds.map((r) => `${r.client.toFixed(0)} / ${r.hand.toFixed(0)} = ${(r.client / r.hand).toFixed(2)}, ${r.upstream}`).join('; ')}.`);
    const growth = (xs: number[]) => `first 100 p50 ${ms(percentile(sorted(xs.slice(0, 100)), 50))}, last 100 p50 ${ms(percentile(sorted(xs.slice(-100)), 50))}`;
    console.log(`Durable latency grows with the queue (${rounds[0] ? growth(rounds[0].durable) : ''}${OFFLINE ? `; offline: ${growth(offline.durable)}` : ''}).`);
    const misses = [upstream.some((u) => u !== Math.ceil(ITEMS / BATCH)) && 'upstream request count', ratio > 2 && 'wall-time ratio'].filter(Boolean);
    if (misses.length) console.log(`\nTarget missed: ${misses.join(', ')}.`);
  } finally {
    await cleanup.run().catch((err) => console.error(err));
  }
}

const deadline = setTimeout(() => {
  console.error('client-chromium: gave up after 10 minutes');
  process.exit(1);
}, 600_000);
deadline.unref();
main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);

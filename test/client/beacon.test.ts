// @vitest-environment node
// What a page-hide beacon may carry: what this tab queued and has not sent, within 32 KiB.
import { afterEach, describe, expect, it } from 'vitest';
import { forBeacon } from '../../src/client/beacon.js';
import { type Flusher, createFlusher } from '../../src/client/flusher.js';
import { enqueue } from '../../src/client/outbox/enqueue.js';
import type { OutboxRecord } from '../../src/client/outbox/record.js';
import { MAX_DELAY_MS } from '../../src/client/policy.js';
import { mapTx, memoryStorage, tables } from '../../src/client/store.js';
import { createTabRecords } from '../../src/client/tab-records.js';
import type { Submission } from '../../src/schema/submission.js';

const T0 = Date.parse('2026-11-23T12:00:00Z');
const caps = { maxItems: 2_000, maxBytes: 5_000_000 };
let n = 0;
const sub = (extra: Partial<Submission> = {}): Submission => ({ id: `b${++n}`, kind: 'feedback', body: 'words', ...extra });

describe('forBeacon', () => {
  it('takes untried records that are due and held scores, oldest first', async () => {
    const t = tables();
    const a = await enqueue(mapTx(t), sub(), T0 + 1, caps);
    const score = await enqueue(mapTx(t), sub({ kind: 'nps', score: 9, body: undefined }), T0 + 2, caps, { holdMs: 60_000 });
    const later = { ...(await enqueue(mapTx(t), sub(), T0 + 3, caps)), nextAttemptAt: T0 + 60_000 };
    expect(forBeacon([score, later, a], T0 + 3).map((r) => r.id)).toEqual([a.id, score.id]);
  });

  it('leaves a record that failed before to its persisted backoff', async () => {
    const r = await enqueue(mapTx(tables()), sub(), T0, caps);
    expect(forBeacon([{ ...r, attempts: 1, nextAttemptAt: T0 }], T0 + 60_000)).toEqual([]);
  });

  it('fits within 32 KiB, skipping what does not fit', async () => {
    const t = tables();
    const all: OutboxRecord[] = [];
    for (let i = 0; i < 5; i++) all.push(await enqueue(mapTx(t), sub({ body: 'x'.repeat(10_000) }), T0 + i, caps));
    all.push(await enqueue(mapTx(t), sub(), T0 + 9, caps));
    const picked = forBeacon(all, T0 + 10);
    expect(picked.map((r) => r.id)).toEqual([...all.slice(0, 3), all[5]!].map((r) => r.id));
    expect(JSON.stringify({ items: picked.map((r) => r.submission) }).length).toBeLessThanOrEqual(32 * 1024);
  });
});

describe("the flusher's beacon", () => {
  const flushers: Flusher[] = [];
  afterEach(() => {
    for (const flusher of flushers.splice(0)) flusher.stop();
  });

  /**
   * A flusher on memory storage whose POSTs answer `status` (recorded in `posts`); with
   * `refuseKeepalive`, a keepalive POST is refused as the browser refuses one over the page's
   * keepalive budget (fetch rejects with a TypeError, nothing sent); with `largestBatch`, a POST
   * of more items is answered 413, as a proxy answers a body over its limit.
   */
  function setup(status: number, retryAfter?: string, { refuseKeepalive = false, largestBatch = Infinity } = {}) {
    const storage = memoryStorage();
    const posts: { items: Submission[]; keepalive?: boolean; alsoInFlight: number }[] = [];
    let inFlight = 0;
    const fetch = (async (_url: string, init: RequestInit) => {
      if (refuseKeepalive && init.keepalive) throw new TypeError('Failed to fetch');
      const { items } = JSON.parse(String(init.body)) as { items: Submission[] };
      posts.push({ items, keepalive: init.keepalive, alsoInFlight: inFlight });
      // In flight until the next turn: a request made meanwhile (the halves sent together) sees it.
      inFlight += 1;
      await Promise.resolve();
      inFlight -= 1;
      if (items.length > largestBatch) return new Response(JSON.stringify({ error: 'body too large' }), { status: 413 });
      const results = items.map(({ id }) => ({ id, status: status === 200 ? 'delivered' : 'retry' }));
      return new Response(JSON.stringify({ results }), { status, headers: retryAfter ? { 'retry-after': retryAfter } : {} });
    }) as typeof globalThis.fetch;
    const records = createTabRecords();
    let clock = T0;
    const flusher = createFlusher({
      endpoint: 'http://127.0.0.1/v1/feedback',
      fetch,
      locks: null,
      lockName: 'earful-flush:db',
      now: () => clock,
      transact: storage.transact,
      records,
      emit: () => {},
    });
    flushers.push(flusher);
    const queue = async (s = sub()) => {
      const record = await storage.transact('readwrite', (tx) => enqueue(tx, s, T0, caps));
      records.wrote(record);
      return record;
    };
    const settled = () => new Promise((resolve) => setTimeout(resolve, 20));
    const advance = (ms: number) => {
      clock += ms;
    };
    return { storage, posts, flusher, queue, settled, advance };
  }

  it('sends what this tab queued and has not sent, as one keepalive POST, and deletes it on the answer', async () => {
    const { storage, posts, flusher, queue, settled } = setup(200);
    const [a, b] = [await queue(), await queue()];
    flusher.beacon();
    await settled();
    expect(posts).toMatchObject([{ keepalive: true, items: [{ id: a.id }, { id: b.id }] }]);
    expect(await storage.transact('readonly', (tx) => tx.keys('queue'))).toEqual([]);
  });

  it('deletes nothing when the browser refuses the keepalive POST (the page spent its keepalive budget); the next flush sends it', async () => {
    const { storage, posts, flusher, queue, settled, advance } = setup(200, undefined, { refuseKeepalive: true });
    const [a, b] = [await queue(), await queue()];
    flusher.beacon();
    await settled();
    expect(posts).toEqual([]);
    // Both kept, as a network failure: tried once, due again after their backoff.
    const rows = await storage.transact('readonly', (tx) => tx.rows('queue'));
    const kept = rows.map(([, row]) => row as OutboxRecord);
    expect(kept.map((r) => [r.submission.id, r.attempts])).toEqual([[a.id, 1], [b.id, 1]]);
    expect(kept.every((r) => r.nextAttemptAt > T0)).toBe(true);
    advance(MAX_DELAY_MS);
    await flusher.flush();
    expect(posts).toMatchObject([{ keepalive: false, items: [{ id: a.id }, { id: b.id }] }]);
    expect(await storage.transact('readonly', (tx) => tx.keys('queue'))).toEqual([]);
  });

  it('sends the halves of a beacon answered 413 as keepalive POSTs too: the page may be going', async () => {
    const { storage, posts, flusher, queue, settled } = setup(200, undefined, { largestBatch: 1 });
    const [a, b] = [await queue(), await queue()];
    flusher.beacon();
    await settled();
    // One at a time: the page's keepalive budget holds the beacon's 32 KB once, not twice.
    expect(posts).toMatchObject([
      { keepalive: true, alsoInFlight: 0, items: [{ id: a.id }, { id: b.id }] },
      { keepalive: true, alsoInFlight: 0, items: [{ id: a.id }] },
      { keepalive: true, alsoInFlight: 0, items: [{ id: b.id }] },
    ]);
    expect(await storage.transact('readonly', (tx) => tx.keys('queue'))).toEqual([]);
  });

  it('does not carry again what a beacon still in flight carries', async () => {
    const { posts, flusher, queue, settled } = setup(200);
    const first = await queue();
    flusher.beacon();
    const second = await queue();
    flusher.beacon();
    await settled();
    expect(posts.map((p) => p.items.map((i) => i.id))).toEqual([[first.id], [second.id]]);
  });

  it('does not send again what a flush already sent', async () => {
    const { posts, flusher, queue, settled } = setup(502);
    const tried = await queue();
    await flusher.flush();
    const fresh = await queue();
    flusher.beacon();
    await settled();
    expect(posts.map((p) => p.items.map((i) => i.id))).toEqual([[tried.id], [fresh.id]]);
  });

  it('sends nothing while the queue is paused (a 429 or 503)', async () => {
    const { posts, flusher, queue, settled } = setup(503, '30');
    await queue();
    await flusher.flush();
    await queue();
    flusher.beacon();
    await settled();
    expect(posts).toHaveLength(1);
  });
});

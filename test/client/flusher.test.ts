// @vitest-environment node
// The delivery loop on memory storage with a fetch the test answers: one request in flight at a
// time, the next batch claimed while one is on the wire, and what happens to that batch when the
// answer says to stop, the lock goes to another tab, the lease runs out or storage fails.
import { describe, expect, it } from 'vitest';
import { type Locks, type Transact, createFlusher } from '../../src/client/flusher.js';
import { type OutboxRecord, type QueueState, enqueue, records } from '../../src/client/outbox.js';
import { memoryStorage } from '../../src/client/store.js';
import type { Submission } from '../../src/schema/submission.js';

const T0 = Date.parse('2026-11-23T12:00:00Z');
const caps = { maxItems: 2_000, maxBytes: 5_000_000 };

interface Setup {
  locks?: Locks | null;
  leaseMs?: number;
  /** Wraps the storage's transactions (to make one fail). */
  transact?: (real: Transact) => Transact;
}

/**
 * A flusher over `count` queued records (tracked as this tab's), whose POSTs wait until the test
 * answers them; `clock.now` is the flusher's time; `read()` shows the queue and its state row.
 */
async function setup(count: number, { locks = null, leaseMs, transact = (t) => t }: Setup = {}) {
  const storage = memoryStorage();
  const queued: OutboxRecord[] = [];
  for (let i = 0; i < count; i++)
    queued.push(await storage.transact('readwrite', (tx) => enqueue(tx, { id: `f${i}`, kind: 'feedback', body: `item ${i}` }, T0, caps)));
  const clock = { now: T0 + 10 };
  const posts: { items: Submission[]; answer: (status: number, headers?: Record<string, string>) => void }[] = [];
  let inFlight = 0;
  let most = 0;
  const fetch = ((_url: string, init: RequestInit) =>
    new Promise<Response>((resolve) => {
      const { items } = JSON.parse(String(init.body)) as { items: Submission[] };
      most = Math.max(most, ++inFlight);
      posts.push({
        items,
        answer: (status, headers) => {
          inFlight--;
          const results = items.map(({ id }) => ({ id, status: status === 200 ? 'delivered' : 'retry' }));
          resolve(new Response(JSON.stringify({ results }), { status, headers }));
        },
      });
    })) as typeof globalThis.fetch;
  const errors: string[] = [];
  const flusher = createFlusher({ endpoint: 'http://127.0.0.1/v1/feedback', fetch, locks, leaseMs }, 'db', () => clock.now, transact(storage.transact), (event, detail) => {
    if (event === 'error') errors.push((detail as { error: string }).error);
  });
  for (const r of queued) flusher.track(r);
  const read = () => storage.transact('readonly', async (tx) => ({ state: (await tx.get('meta', 'state')) as QueueState, records: records((await tx.rows('queue')).map(([, v]) => v)) }));
  const answered = async (n: number) => {
    while (posts.length < n) await new Promise((r) => setTimeout(r, 1));
  };
  return { flusher, posts, read, answered, most: () => most, clock, errors };
}

const tick = (ms = 10) => new Promise((r) => setTimeout(r, ms));

describe('the delivery loop', () => {
  it('claims the next batch while one is on the wire, with one request in flight at a time', async () => {
    const { flusher, posts, read, answered, most } = await setup(250);
    const run = flusher.run();
    await answered(1);
    await new Promise((r) => setTimeout(r, 10));
    // The first batch is on the wire and the second already leased.
    expect((await read()).state.leases!.map((l) => l.keys.length)).toEqual([100, 100]);
    posts[0]!.answer(200);
    await answered(2);
    posts[1]!.answer(200);
    await answered(3);
    posts[2]!.answer(200);
    expect(await run).toBe(Infinity);
    expect(posts.map((p) => p.items.length)).toEqual([100, 100, 50]);
    expect(most()).toBe(1);
    expect(await read()).toMatchObject({ records: [], state: { n: 0, bytes: 0, leases: [] } });
  });

  it('gives back untouched the batch claimed ahead when the answer pauses the queue', async () => {
    const { flusher, posts, read, answered } = await setup(150);
    const run = flusher.run();
    await answered(1);
    posts[0]!.answer(503, { 'retry-after': '30' });
    expect(await run).toBe(T0 + 10 + 30_000);
    const { state, records: left } = await read();
    expect(posts).toHaveLength(1);
    expect(state).toMatchObject({ pausedUntil: T0 + 10 + 30_000, leases: [] });
    expect(left.filter((r) => r.attempts === 1).map((r) => r.id)).toEqual(posts[0]!.items.map((i) => i.id));
    expect(left.filter((r) => r.attempts === 0)).toHaveLength(50);
  });

  it('sends a batch the proxy finds too large in halves', async () => {
    const { flusher, posts, read, answered } = await setup(3);
    const run = flusher.run();
    await answered(1);
    posts[0]!.answer(413);
    await answered(2);
    posts[1]!.answer(200);
    await answered(3);
    posts[2]!.answer(200);
    await run;
    expect(posts.map((p) => p.items.map((i) => i.id))).toEqual([['f0', 'f1', 'f2'], ['f0', 'f1'], ['f2']]);
    expect((await read()).records).toEqual([]);
  });

  it('holds the lock for one batch at a time: when another tab takes it between batches, gives back the batch claimed ahead', async () => {
    let grants = 1;
    const locks: Locks = { request: async (_name, _options, callback) => callback(grants-- > 0 ? {} : null) };
    const { flusher, posts, read, answered } = await setup(150, { locks });
    const run = flusher.run();
    await answered(1);
    posts[0]!.answer(200);
    expect(await run).toBe(false); // another tab holds the lock: the client looks again shortly
    const { state, records: left } = await read();
    expect(posts).toHaveLength(1);
    expect(state.leases).toEqual([]);
    expect(left.map((r) => [r.id, r.attempts])).toEqual(Array.from({ length: 50 }, (_, i) => [`f${100 + i}`, 0]));
  });

  it('gives back, unsent, a batch whose lease ran out before its turn (a frozen tab)', async () => {
    const { flusher, posts, read, answered, clock } = await setup(150, { leaseMs: 30_000 });
    const run = flusher.run();
    await answered(1);
    clock.now += 31_000; // the batch claimed ahead is now free for other tabs to take
    posts[0]!.answer(200);
    await run;
    expect(posts).toHaveLength(1);
    const { state, records: left } = await read();
    expect(state.leases).toEqual([]);
    expect(left.map((r) => r.attempts)).toEqual(Array(50).fill(0));
  });

  it('reports a storage failure while a batch is on the wire as an error, never as an unhandled rejection', async () => {
    let calls = 0;
    const failing = (real: Transact): Transact => (mode, fn, strict) =>
      ++calls === 2 ? Promise.reject(new DOMException('Connection to Indexed Database server lost', 'UnknownError')) : real(mode, fn, strict);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const { flusher, posts, answered, errors } = await setup(150, { transact: failing });
      const run = flusher.run();
      await answered(1);
      await tick(20); // the failed claim settles while the POST is still on the wire
      posts[0]!.answer(200);
      await run;
      await tick(20);
      expect(errors).toEqual([expect.stringContaining('UnknownError')]);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('does not let a page-hide beacon carry the batch on the wire or the batch claimed ahead', async () => {
    const { flusher, posts, answered } = await setup(150);
    const run = flusher.run();
    await answered(1);
    await tick(); // the next batch is claimed
    flusher.beacon();
    await tick();
    expect(posts).toHaveLength(1);
    posts[0]!.answer(200);
    await answered(2);
    posts[1]!.answer(200);
    await run;
    expect(posts.map((p) => p.items.length)).toEqual([100, 50]);
  });
});

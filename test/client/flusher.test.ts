// @vitest-environment node
// The delivery loop on memory storage with a fetch the test answers: one request in flight at a
// time, the next batch claimed while one is on the wire, and what happens to that batch when the
// answer says to stop.
import { describe, expect, it } from 'vitest';
import { createFlusher } from '../../src/client/flusher.js';
import { type QueueState, enqueue, records } from '../../src/client/outbox.js';
import { memoryStorage } from '../../src/client/store.js';
import type { Submission } from '../../src/schema/submission.js';

const T0 = Date.parse('2026-11-23T12:00:00Z');
const caps = { maxItems: 2_000, maxBytes: 5_000_000 };

/** A flusher whose POSTs wait until the test answers them; `state()` reads the queue's state row. */
async function setup(count: number) {
  const storage = memoryStorage();
  for (let i = 0; i < count; i++)
    await storage.transact('readwrite', (tx) => enqueue(tx, { id: `f${i}`, kind: 'feedback', body: `item ${i}` }, T0, caps));
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
  const flusher = createFlusher({ endpoint: 'http://127.0.0.1/v1/feedback', fetch, locks: null }, 'db', () => T0 + 10, storage.transact, () => {});
  const read = () => storage.transact('readonly', async (tx) => ({ state: (await tx.get('meta', 'state')) as QueueState, records: records((await tx.rows('queue')).map(([, v]) => v)) }));
  const answered = async (n: number) => {
    while (posts.length < n) await new Promise((r) => setTimeout(r, 1));
  };
  return { flusher, posts, read, answered, most: () => most };
}

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
});

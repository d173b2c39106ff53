// @vitest-environment node
// The delivery loop on memory storage with a fetch the test answers: one batch at a time
// (claim → send → settle under the lock), one request in flight, and what happens to the rest
// when the answer says to stop, the lock goes to another tab, the lease runs out or storage fails.
import { afterEach, describe, expect, it } from 'vitest';
import { type Flusher, type Locks, createFlusher } from '../../src/client/flusher.js';
import { enqueue } from '../../src/client/outbox/enqueue.js';
import { type OutboxRecord, readableRecords } from '../../src/client/outbox/record.js';
import { type Transact, mapTx, memoryStorage, tables } from '../../src/client/store.js';
import { createTabRecords } from '../../src/client/tab-records.js';
import type { Submission } from '../../src/schema/submission.js';

const T0 = Date.parse('2026-11-23T12:00:00Z');
const caps = { maxItems: 2_000, maxBytes: 5_000_000 };
const flushers: Flusher[] = [];
afterEach(() => {
  for (const flusher of flushers.splice(0)) flusher.stop();
});

interface Setup {
  locks?: Locks | null;
  leaseMs?: number;
  /** Wraps the storage's transactions (to make one fail, or time pass). */
  transact?: (real: Transact, clock: { now: number }) => Transact;
}

/**
 * A flusher over `count` queued records (written by this tab), whose POSTs wait until the test
 * answers them; `clock.now` is the flusher's time; `read()` shows the queue and its state row.
 */
async function setup(count: number, { locks = null, leaseMs, transact = (t) => t }: Setup = {}) {
  const storage = memoryStorage();
  const queued: OutboxRecord[] = [];
  for (let i = 0; i < count; i++)
    queued.push(await storage.transact('readwrite', (tx) => enqueue(tx, { id: `f${i}`, kind: 'feedback', body: `item ${i}` }, T0, caps)));
  const clock = { now: T0 + 10 };
  const posts: { items: Submission[]; keepalive?: boolean; answer: (status: number, headers?: Record<string, string>, body?: unknown) => void }[] = [];
  let inFlight = 0;
  let most = 0;
  const fetch = ((_url: string, init: RequestInit) =>
    new Promise<Response>((resolve) => {
      const { items } = JSON.parse(String(init.body)) as { items: Submission[] };
      most = Math.max(most, ++inFlight);
      posts.push({
        items,
        keepalive: init.keepalive,
        answer: (status, headers, body) => {
          inFlight--;
          const results = items.map(({ id }) => ({ id, status: status === 200 ? 'delivered' : 'retry' }));
          resolve(new Response(JSON.stringify(body ?? { results }), { status, headers }));
        },
      });
    })) as typeof globalThis.fetch;
  const errors: string[] = [];
  const codes: (string | undefined)[] = [];
  const records = createTabRecords();
  const flusher = createFlusher({
    endpoint: 'http://127.0.0.1/v1/feedback',
    fetch,
    locks,
    leaseMs,
    lockName: 'earful-flush:db',
    now: () => clock.now,
    transact: transact(storage.transact, clock),
    records,
    emit: (event, detail) => {
      if (event !== 'error') return;
      const { error, code } = detail as { error: string; code?: string };
      errors.push(error);
      codes.push(code);
    },
  });
  flushers.push(flusher);
  for (const record of queued) records.wrote(record);
  const read = () =>
    storage.transact('readonly', async (tx) => ({
      state: (await tx.get('meta', 'state')) as { n: number; bytes: number; pausedUntil?: number; leases: { keys: number[] }[] },
      records: readableRecords((await tx.rows('queue')).map(([, v]) => v)),
    }));
  const answered = async (n: number) => {
    while (posts.length < n) await new Promise((r) => setTimeout(r, 1));
  };
  return { flusher, posts, read, answered, most: () => most, clock, errors, codes };
}

const tick = (ms = 10) => new Promise((r) => setTimeout(r, ms));

describe('the delivery loop', () => {
  it('sends one batch at a time, with one request in flight, and claims the next only after the answer', async () => {
    const { flusher, posts, read, answered, most } = await setup(250);
    const run = flusher.flush();
    await answered(1);
    await tick();
    // The first batch is on the wire, and only it is leased.
    expect((await read()).state.leases.map((l) => l.keys.length)).toEqual([100]);
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

  it('says records are due now when a run stops at its batch count with some still due (a queue past the default caps)', async () => {
    // One set of tables written in place: 5,001 records through copying transactions would take long.
    const t = tables();
    for (let i = 0; i < 5_001; i++) await enqueue(mapTx(t), { id: `m${i}`, kind: 'feedback', body: `item ${i}` }, T0, { maxItems: 10_000, maxBytes: 1e8 });
    const fetch = (async (_url: string, init: RequestInit) => {
      const { items } = JSON.parse(String(init.body)) as { items: Submission[] };
      return Response.json({ results: items.map(({ id }) => ({ id, status: 'delivered' })) });
    }) as typeof globalThis.fetch;
    const flusher = createFlusher({
      endpoint: 'http://127.0.0.1/v1/feedback',
      fetch,
      locks: null,
      lockName: 'earful-flush:db',
      now: () => T0 + 10,
      transact: async (_mode, fn) => fn(mapTx(t)),
      records: createTabRecords(),
      emit: () => {},
    });
    flushers.push(flusher);
    expect(await flusher.flush()).toBe(T0 + 10);
    expect(t.queue.size).toBe(1);
  });

  it('stops when the answer pauses the queue, leaving what it did not send untouched', async () => {
    const { flusher, posts, read, answered } = await setup(150);
    const run = flusher.flush();
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
    const run = flusher.flush();
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

  it('holds the lock for one batch at a time: when another tab takes it between batches, stops there', async () => {
    let grants = 1;
    const locks: Locks = { request: async (_name, _options, callback) => callback(grants-- > 0 ? {} : null) };
    const { flusher, posts, read, answered } = await setup(150, { locks });
    const run = flusher.flush();
    await answered(1);
    posts[0]!.answer(200);
    expect(await run).toBe(false); // another tab holds the lock: the client looks again shortly
    const { state, records: left } = await read();
    expect(posts).toHaveLength(1);
    expect(state.leases).toEqual([]);
    expect(left.map((r) => [r.id, r.attempts])).toEqual(Array.from({ length: 50 }, (_, i) => [`f${100 + i}`, 0]));
  });

  it('gives back, unsent, a batch whose lease ran out before it was sent (a tab frozen in between)', async () => {
    // The third transaction is the second batch's claim: the tab freezes as it commits.
    let transactions = 0;
    const freezing = (real: Transact, clock: { now: number }): Transact => async (mode, fn, strict) => {
      const result = await real(mode, fn, strict);
      if (mode === 'readwrite' && ++transactions === 3) clock.now += 31_000;
      return result;
    };
    const { flusher, posts, read, answered } = await setup(150, { leaseMs: 30_000, transact: freezing });
    const run = flusher.flush();
    await answered(1);
    posts[0]!.answer(200);
    await run;
    expect(posts).toHaveLength(1);
    const { state, records: left } = await read();
    expect(state.leases).toEqual([]);
    expect(left.map((r) => r.attempts)).toEqual(Array(50).fill(0));
  });

  it('reports a storage failure after a batch was sent as an error, never as an unhandled rejection', async () => {
    let calls = 0;
    const failing = (real: Transact): Transact => (mode, fn, strict) =>
      ++calls === 2 ? Promise.reject(new DOMException('Connection to Indexed Database server lost', 'UnknownError')) : real(mode, fn, strict);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const { flusher, posts, answered, errors } = await setup(150, { transact: failing });
      const run = flusher.flush();
      await answered(1);
      await tick(20);
      posts[0]!.answer(200); // its settle is the transaction that fails
      await run;
      await tick(20);
      expect(errors).toEqual([expect.stringContaining('UnknownError')]);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('does not let a page-hide beacon carry the batch on the wire, nor a flush what the beacon carries', async () => {
    const { flusher, posts, read, answered } = await setup(150);
    const run = flusher.flush();
    await answered(1);
    await tick();
    flusher.beacon();
    await answered(2);
    expect(posts[1]).toMatchObject({ keepalive: true });
    posts[0]!.answer(200);
    await run;
    posts[1]!.answer(200);
    await tick();
    expect(posts.map((p) => p.items.length)).toEqual([100, 50]);
    expect(posts[1]!.items.map((i) => i.id)).toEqual(Array.from({ length: 50 }, (_, i) => `f${100 + i}`));
    expect((await read()).records).toEqual([]);
  });

  it('reports a refused origin once for the pause it causes, though two attempts in flight were refused', async () => {
    const { flusher, posts, answered, codes } = await setup(150);
    const run = flusher.flush();
    await answered(1);
    flusher.beacon(); // carries the 50 the flush has not claimed
    await answered(2);
    const refusal = { error: 'origin not allowed', code: 'origin_not_allowed' };
    posts[0]!.answer(403, {}, refusal);
    await run;
    posts[1]!.answer(403, {}, refusal);
    await tick();
    expect(codes).toEqual(['origin_not_allowed']);
  });
});

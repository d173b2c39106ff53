// @vitest-environment node
import { beforeAll, describe, expect, it } from 'vitest';
import { backoffDelay, retryAfterMs } from '../../src/client/backoff.js';
import { classify } from '../../src/client/classify.js';
import {
  type Outcome,
  type OutboxRecord,
  QueueFullError,
  claim,
  enqueue,
  nextDueAt,
  pauseUntil,
  records,
  settle,
} from '../../src/client/outbox.js';
import { type Tables, type Tx, mapTx, tables } from '../../src/client/store.js';
import type { Submission } from '../../src/schema/submission.js';

const T0 = Date.parse('2026-11-23T12:00:00Z');
const caps = { maxItems: 2_000, maxBytes: 5_000_000 };
let n = 0;
const sub = (extra: Partial<Submission> = {}): Submission => ({
  id: `s${++n}`,
  kind: 'feedback',
  body: 'words',
  createdAt: new Date(T0).toISOString(),
  ...extra,
});

describe('backoff', () => {
  it('doubles from 2 s to a 5 min cap, with equal jitter', () => {
    const low = [1, 2, 3, 4, 10, 20].map((a) => backoffDelay(a, () => 0));
    const high = [1, 2, 3, 4, 10, 20].map((a) => backoffDelay(a, () => 1));
    expect(low).toEqual([1_000, 2_000, 4_000, 8_000, 150_000, 150_000]);
    expect(high).toEqual([2_000, 4_000, 8_000, 16_000, 300_000, 300_000]);
  });

  it('reads Retry-After as seconds or an HTTP date, clamped to [1 s, 1 h]', () => {
    expect(retryAfterMs('7', T0)).toBe(7_000);
    expect(retryAfterMs(new Date(T0 + 30_000).toUTCString(), T0)).toBe(30_000);
    expect(retryAfterMs('86400', T0)).toBe(3_600_000);
    expect(retryAfterMs('0', T0)).toBe(1_000);
    expect(retryAfterMs('-5', T0)).toBe(1_000);
    expect(retryAfterMs('abc', T0)).toBe(60_000);
    expect(retryAfterMs(null, T0)).toBeUndefined();
  });
});

/** `tx` that counts what it reads and writes: the rules must touch one batch, not the outbox. */
function counting(t: Tables) {
  const inner = mapTx(t);
  const seen = { read: 0, written: new Set<string>(), whole: 0 };
  const tx: Tx = {
    ...inner,
    get: (n, k) => (seen.read++, inner.get(n, k)),
    put: (n, k, v) => (seen.written.add(`${n}:${k}`), inner.put(n, k, v)),
    each: (n, visit, order, from) => {
      if (n === 'outbox' && !order) seen.whole++;
      return inner.each(n, (v, k) => (seen.read++, visit(v, k)), order, from);
    },
  };
  return { tx, seen };
}

async function fill(t: Tables, count: number, at = T0, extra: Partial<Submission> = {}) {
  const out: OutboxRecord[] = [];
  for (let i = 0; i < count; i++) out.push(await enqueue(mapTx(t), sub(extra), at + i, caps));
  return out;
}

describe('enqueue', () => {
  it('refuses a submission past the caps and keeps every earlier one', async () => {
    const t = tables();
    const small = { maxItems: 2, maxBytes: 1e6 };
    await enqueue(mapTx(t), sub(), T0, small);
    await enqueue(mapTx(t), sub(), T0, small);
    await expect(enqueue(mapTx(t), sub(), T0, small)).rejects.toThrow(QueueFullError);
    expect(t.outbox.size).toBe(2);
    await expect(enqueue(mapTx(tables()), sub({ body: 'x'.repeat(500) }), T0, { maxItems: 10, maxBytes: 300 })).rejects.toThrow(/full/);
  });

  it('replaces a record with the same id, keeping its place and bumping its revision', async () => {
    const t = tables();
    const first = await enqueue(mapTx(t), sub({ id: 'nps-1', kind: 'nps', score: 9, body: undefined }), T0, caps, 30_000);
    const second = await enqueue(mapTx(t), sub({ id: 'nps-1', kind: 'nps', score: 9, body: 'Great' }), T0 + 5_000, caps);
    expect(t.outbox.size).toBe(1);
    expect(second).toMatchObject({ queuedAt: first.queuedAt, rev: 2, nextAttemptAt: T0 + 5_000 });
    expect(first.nextAttemptAt).toBe(T0 + 30_000);
  });

  it('queues strictly after the newest record, even when the clock goes back', async () => {
    const t = tables();
    const a = await enqueue(mapTx(t), sub(), T0, caps);
    const b = await enqueue(mapTx(t), sub(), T0, caps);
    const c = await enqueue(mapTx(t), sub(), T0 - 60_000, caps);
    expect([a.queuedAt, b.queuedAt, c.queuedAt]).toEqual([T0, T0 + 1, T0 + 2]);
  });

  it('checks the caps with a count and a running byte total, without reading the outbox', async () => {
    const t = tables();
    await fill(t, 300);
    const { tx, seen } = counting(t);
    await enqueue(tx, sub(), T0 + 1_000, caps);
    expect(seen.whole).toBe(0);
    expect(seen.read).toBe(3); // the record with that id, the byte total, and the newest record (for FIFO)
    expect(t.meta.get('bytes')).toBe(records(t.outbox.values()).reduce((s, r) => s + r.bytes, 0));
  });

  it('keeps a byte total that deliveries do not lower, and counts exactly before refusing', async () => {
    const t = tables();
    const [r] = await fill(t, 1);
    const cap = { maxItems: 10, maxBytes: r!.bytes * 2 + 10 };
    const batch = (await claim(mapTx(t), T0 + 10, 'tab')).records;
    await settle(mapTx(t), batch, new Map([[r!.id, { status: 'delivered' }]]), T0 + 10);
    expect(t.meta.get('bytes')).toBe(r!.bytes); // an upper bound: the record is gone
    await enqueue(mapTx(t), sub(), T0 + 20, cap);
    await enqueue(mapTx(t), sub(), T0 + 21, cap); // past the cap by the total, not in truth
    expect(t.meta.get('bytes')).toBe(r!.bytes * 2);
    await expect(enqueue(mapTx(t), sub(), T0 + 22, cap)).rejects.toThrow(QueueFullError);
    expect(t.outbox.size).toBe(2);
  });

  it('counts exactly when there is no byte total yet (an outbox the previous code filled)', async () => {
    const t = tables();
    const [a, b] = await fill(t, 2);
    t.meta.delete('bytes');
    const c = await enqueue(mapTx(t), sub(), T0 + 10, caps);
    expect(t.meta.get('bytes')).toBe(a!.bytes + b!.bytes + c.bytes);
    await expect(enqueue(mapTx(t), sub(), T0 + 11, { maxItems: 10, maxBytes: a!.bytes * 3 + 10 })).rejects.toThrow(QueueFullError);
  });
});

describe('claim', () => {
  it('takes due records oldest first, up to 100, and leases them', async () => {
    const t = tables();
    await fill(t, 150);
    const c = await claim(mapTx(t), T0 + 1_000, 'tab-a');
    expect(c.records).toHaveLength(100);
    expect(c.more).toBe(true);
    expect(c.records.map((r) => r.queuedAt)).toEqual([...c.records.map((r) => r.queuedAt)].sort((a, b) => a - b));
    expect(c.records[0]!.lease).toEqual({ owner: 'tab-a', until: T0 + 1_000 + 30_000 });
    const other = await claim(mapTx(t), T0 + 2_000, 'tab-b');
    expect(other.records).toHaveLength(50);
    expect(other.more).toBe(false);
    expect(new Set([...c.records, ...other.records].map((r) => r.id)).size).toBe(150);
  });

  it('reads one batch of the queue, not the whole outbox, unless asked for a full scan', async () => {
    const t = tables();
    await fill(t, 1_000);
    const { tx, seen } = counting(t);
    const c = await claim(tx, T0 + 5_000, 'tab');
    expect(c.records).toHaveLength(100);
    expect(seen.whole).toBe(0);
    expect(seen.read).toBeLessThanOrEqual(102); // the pause, 100 records and the one that says there is more
    expect(seen.written.size).toBe(100);
    const full = counting(t);
    await claim(full.tx, T0 + 5_000, 'tab', { full: true });
    expect(full.seen.whole).toBe(1);
  });

  it('stops a batch at ~900 KB but always takes at least one record', async () => {
    const t = tables();
    for (let i = 0; i < 5; i++) await enqueue(mapTx(t), sub({ body: 'x'.repeat(19_000), parts: Array.from({ length: 20 }, (_, k) => ({ id: `p${k}`, body: 'y'.repeat(19_000) })) }), T0 + i, { maxItems: 10, maxBytes: 1e7 });
    const c = await claim(mapTx(t), T0 + 10, 'tab');
    expect(c.records.length).toBe(2);
    expect(c.more).toBe(true);
    expect(c.records.reduce((s, r) => s + r.bytes, 0)).toBeLessThanOrEqual(900_000);
  });

  it('gives a record leased by a crashed tab to another once the lease expires', async () => {
    const t = tables();
    await enqueue(mapTx(t), sub(), T0, caps);
    expect((await claim(mapTx(t), T0, 'crashed')).records).toHaveLength(1);
    expect((await claim(mapTx(t), T0 + 29_999, 'tab-b')).records).toHaveLength(0);
    expect((await claim(mapTx(t), T0 + 30_000, 'tab-b')).records).toHaveLength(1);
  });

  it('sends nothing while the queue is paused', async () => {
    const t = tables();
    await enqueue(mapTx(t), sub(), T0, caps);
    await pauseUntil(mapTx(t), T0 + 7_000);
    expect(await claim(mapTx(t), T0 + 6_999, 'tab')).toMatchObject({ records: [], pausedUntil: T0 + 7_000 });
    expect((await claim(mapTx(t), T0 + 7_000, 'tab')).records).toHaveLength(1);
  });

  it('buries corrupt records on a full scan, leaves a newer version alone, and expires records after 7 days', async () => {
    const t = tables();
    t.outbox.set('junk', 'junk');
    t.outbox.set('no-id', { v: 1, submission: {} });
    t.outbox.set('wrong-types', { v: 1, id: 'wrong-types', submission: { id: 'wrong-types' }, bytes: 'x', queuedAt: T0 });
    t.outbox.set('future', { v: 999, id: 'future', whatever: true, queuedAt: T0 });
    const old = await enqueue(mapTx(t), sub(), T0, caps);
    const fresh = await enqueue(mapTx(t), sub(), T0 + 7 * 86_400_000, caps);
    const later = T0 + 7 * 86_400_000 + 10;
    // The queue order alone meets what has a `queuedAt`: the expired record and the one with wrong types.
    const walked = await claim(mapTx(t), later, 'tab');
    expect(walked.buried.map((d) => [d.id, d.reason]).sort()).toEqual([['wrong-types', 'corrupt'], [old.id, 'expired']].sort());
    expect(walked.records.map((r) => r.id)).toEqual([fresh.id]);
    // A full scan finds the rest.
    const c = await claim(mapTx(t), later, 'tab', { full: true });
    expect(c.buried.map((d) => [d.id, d.reason]).sort()).toEqual([['junk', 'corrupt'], ['no-id', 'corrupt']]);
    expect(t.outbox.has('future')).toBe(true);
    expect([...t.dead.keys()].sort()).toEqual(['junk', 'no-id', old.id, 'wrong-types'].sort());
  });

  it('keeps the newest 200 dead letters', async () => {
    const t = tables();
    for (let i = 0; i < 205; i++) t.dead.set(`d${i}`, { v: 1, id: `d${i}`, reason: 'rejected', error: 'x', at: T0 + i });
    t.outbox.set('junk', 'junk');
    await claim(mapTx(t), T0 + 1_000, 'tab', { full: true });
    expect(t.dead.size).toBe(200);
    expect(t.dead.has('junk')).toBe(true);
    expect(t.dead.has('d5')).toBe(false);
    expect(t.dead.has('d6')).toBe(true);
  });

  it('on online or flush() sends what failed for want of a network now, but not what a server asked to wait', async () => {
    const t = tables();
    const [offline, answered] = await fill(t, 2);
    await settle(
      mapTx(t),
      (await claim(mapTx(t), T0 + 10, 'tab')).records,
      new Map<string, Outcome>([
        [offline!.id, { status: 'retry', error: 'TypeError: Failed to fetch', net: true }],
        [answered!.id, { status: 'retry', error: 'HTTP 502', retryAfterMs: 120_000 }],
      ]),
      T0 + 10,
      () => 1,
    );
    expect(t.outbox.get(offline!.id)).toMatchObject({ net: true, attempts: 1 });
    expect((await claim(mapTx(t), T0 + 20, 'tab')).records).toEqual([]);
    expect((await claim(mapTx(t), T0 + 20, 'tab', { force: true })).records.map((r) => r.id)).toEqual([offline!.id]);
    // A queue-wide pause (429/503) still holds.
    await settle(mapTx(t), (await claim(mapTx(t), T0 + 2_020, 'tab')).records, new Map([[offline!.id, { status: 'retry', error: 'x', net: true }]]), T0 + 2_020);
    await pauseUntil(mapTx(t), T0 + 60_000);
    expect((await claim(mapTx(t), T0 + 2_030, 'tab', { force: true })).records).toEqual([]);
  });
});

describe('settle', () => {
  const sent = async (t: Tables, owner = 'tab'): Promise<OutboxRecord[]> => (await claim(mapTx(t), T0, owner)).records;

  it('deletes delivered, buries rejected with the reason, backs off retries', async () => {
    const t = tables();
    const [a, b, c] = await fill(t, 3, T0 - 10);
    const result = await settle(
      mapTx(t),
      await sent(t),
      new Map<string, Outcome>([
        [a!.id, { status: 'delivered' }],
        [b!.id, { status: 'rejected', error: 'user.email: invalid email' }],
        [c!.id, { status: 'retry', error: 'the proxy answered 502' }],
      ]),
      T0,
      () => 0,
    );
    expect(result.delivered).toEqual([a!.id]);
    expect(result.rejected).toMatchObject([{ id: b!.id, reason: 'rejected', error: 'user.email: invalid email' }]);
    expect([...t.outbox.keys()]).toEqual([c!.id]);
    expect(t.outbox.get(c!.id)).toMatchObject({ attempts: 1, nextAttemptAt: T0 + 1_000, lastError: 'the proxy answered 502' });
    expect((t.outbox.get(c!.id) as OutboxRecord).lease).toBeUndefined();
  });

  it('reads and writes only the records it sent', async () => {
    const t = tables();
    await fill(t, 1_000, T0 - 5_000);
    const batch = await sent(t);
    const { tx, seen } = counting(t);
    await settle(tx, batch, new Map(batch.map((r) => [r.id, { status: 'delivered' }])), T0);
    expect(seen.whole).toBe(0);
    expect(seen.read).toBe(101); // the stretch of the queue it was sent from, and the next record
    expect([...seen.written].filter((k) => k.startsWith('outbox:')).sort()).toEqual(batch.map((r) => `outbox:${r.id}`).sort());
    expect(t.outbox.size).toBe(900);
  });

  it('honours the server’s Retry-After over backoff', async () => {
    const t = tables();
    const r = await enqueue(mapTx(t), sub(), T0, caps);
    await settle(mapTx(t), await sent(t), new Map([[r.id, { status: 'retry', error: '429', retryAfterMs: 7_000 }]]), T0);
    expect(nextDueAt(t)).toBe(T0 + 7_000);
  });

  it('keeps a record rewritten while in flight, to send its newer revision', async () => {
    const t = tables();
    const s = sub({ kind: 'nps', score: 8, body: undefined });
    await enqueue(mapTx(t), s, T0, caps);
    const batch = await sent(t);
    await enqueue(mapTx(t), { ...s, body: 'Fast and simple' }, T0 + 10, caps);
    await settle(mapTx(t), batch, new Map([[s.id, { status: 'delivered' }]]), T0 + 20);
    expect(t.outbox.get(s.id)).toMatchObject({ rev: 2, submission: { body: 'Fast and simple' } });
    expect((await claim(mapTx(t), T0 + 30, 'tab')).records).toHaveLength(1);
  });

  it('does not touch a record another tab took over after the lease ran out', async () => {
    const t = tables();
    const r = await enqueue(mapTx(t), sub(), T0, caps);
    const mine = (await claim(mapTx(t), T0, 'slow-tab')).records;
    await claim(mapTx(t), T0 + 31_000, 'other-tab');
    await settle(mapTx(t), mine, new Map([[r.id, { status: 'retry', error: 'timeout' }]]), T0 + 32_000);
    expect((t.outbox.get(r.id) as OutboxRecord).lease?.owner).toBe('other-tab');
  });
});

describe('classify', () => {
  const t = tables();
  const recs: OutboxRecord[] = [];
  const ids: string[] = [];
  beforeAll(async () => {
    for (const s of [sub(), sub({ user: { email: 'bad' } })]) recs.push(await enqueue(mapTx(t), s, T0, caps));
    ids.push(...recs.map((r) => r.id));
  });

  it('reads per-item results of a 200 and Retry-After for the retries', () => {
    const v = classify(
      { kind: 'response', status: 200, retryAfter: '9', results: [{ id: ids[0]!, status: 'delivered' }, { id: ids[1]!, status: 'retry' }] },
      recs,
      T0,
    );
    expect(v.outcomes.get(ids[0]!)).toEqual({ status: 'delivered' });
    expect(v.outcomes.get(ids[1]!)).toMatchObject({ status: 'retry', retryAfterMs: 9_000 });
    expect(v.pauseMs).toBeUndefined();
  });

  it.each([
    [{ kind: 'network', error: 'TypeError: Failed to fetch' } as const, 'retry', undefined],
    [{ kind: 'response', status: 502, retryAfter: null } as const, 'retry', undefined],
    [{ kind: 'response', status: 408, retryAfter: null } as const, 'retry', undefined],
    [{ kind: 'response', status: 429, retryAfter: '30' } as const, 'retry', 30_000],
    [{ kind: 'response', status: 503, retryAfter: null } as const, 'retry', 60_000],
    [{ kind: 'response', status: 401, retryAfter: null } as const, 'retry', 300_000],
    [{ kind: 'response', status: 403, retryAfter: null } as const, 'retry', 300_000],
  ])('answers %j with %s and a pause of %s ms', (attempt, status, pause) => {
    const v = classify(attempt, recs, T0);
    expect([...v.outcomes.values()].every((o) => o.status === status)).toBe(true);
    expect(v.pauseMs).toBe(pause);
  });

  it('splits a 413 batch, and rejects a single item the proxy finds too large', () => {
    expect(classify({ kind: 'response', status: 413, retryAfter: null }, recs, T0).split).toBe(true);
    const one = classify({ kind: 'response', status: 413, retryAfter: null }, recs.slice(0, 1), T0);
    expect(one.outcomes.get(ids[0]!)).toMatchObject({ status: 'rejected', reason: 'too_large' });
  });

  it('on a 400 dead-letters only what fails the local check', () => {
    const v = classify({ kind: 'response', status: 400, retryAfter: null }, recs, T0);
    expect(v.outcomes.get(ids[0]!)!.status).toBe('retry');
    expect(v.outcomes.get(ids[1]!)).toEqual({ status: 'rejected', error: 'user.email: invalid email' });
  });
});

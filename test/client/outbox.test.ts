// @vitest-environment node
import { beforeAll, describe, expect, it } from 'vitest';
import { backoffDelay, retryAfterMs } from '../../src/client/backoff.js';
import { classify } from '../../src/client/classify.js';
import {
  type Outcome,
  type OutboxRecord,
  type QueueState,
  QueueFullError,
  claim,
  enqueue,
  followUp,
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

/** The value at `key` of `table`, and every key of it, as IndexedDB would hold them. */
const row = (t: Tables, table: keyof Tables, key: unknown) => t[table].get(JSON.stringify(key))?.[1];
const keysOf = (t: Tables, table: keyof Tables) => [...t[table].values()].map(([k]) => k);
const values = (t: Tables, table: keyof Tables) => [...t[table].values()].map(([, v]) => v);
const raw = (t: Tables, table: keyof Tables, key: number[] | string, value: unknown) => mapTx(t).put(table, key, value);
const state = (t: Tables) => (row(t, 'meta', 'state') ?? {}) as QueueState;
const byId = (t: Tables, id: string) => records(values(t, 'queue')).find((r) => r.id === id);
const ids = (t: Tables) => records(values(t, 'queue')).map((r) => r.id);
const pause = (t: Tables, until: number) => settle(mapTx(t), [], new Map(), T0, { pausedUntil: until });

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

/**
 * A `tx` that counts the storage requests the rules make and the values they read: a cycle must
 * cost a handful of requests and one stretch of the queue, not one request per record.
 */
function counting(t: Tables) {
  const inner = mapTx(t);
  const seen = { requests: 0, read: 0, writes: [] as string[] };
  const got = <V>(v: V, size = v === undefined ? 0 : 1) => ((seen.requests++, (seen.read += size)), v);
  const tx: Tx = {
    get: async (n, k) => got(await inner.get(n, k)),
    put: (n, k, v) => (seen.requests++, seen.writes.push(`${v === undefined ? 'delete' : 'put'} ${n}:${k}`), inner.put(n, k, v)),
    rows: async (n, from, to, limit) => {
      const rows = await inner.rows(n, from, to, limit);
      return got(rows, rows.length);
    },
    keys: async (n, from, to) => got(await inner.keys(n, from, to), 0),
    drop: (n, from, to) => (seen.requests++, seen.writes.push(`drop ${n}:${JSON.stringify(from)}..${JSON.stringify(to)}`), inner.drop(n, from, to)),
  };
  return { tx, seen };
}

async function fill(t: Tables, count: number, at = T0, extra: Partial<Submission> = {}) {
  const out: OutboxRecord[] = [];
  for (let i = 0; i < count; i++) out.push(await enqueue(mapTx(t), sub(extra), at + i, caps));
  return out;
}

const exactBytes = (t: Tables) => records(values(t, 'queue')).reduce((s, r) => s + r.bytes, 0);

describe('enqueue', () => {
  it('refuses a submission past the caps and keeps every earlier one', async () => {
    const t = tables();
    const small = { maxItems: 2, maxBytes: 1e6 };
    await enqueue(mapTx(t), sub(), T0, small);
    await enqueue(mapTx(t), sub(), T0, small);
    await expect(enqueue(mapTx(t), sub(), T0, small)).rejects.toThrow(QueueFullError);
    expect(t.queue.size).toBe(2);
    await expect(enqueue(mapTx(tables()), sub({ body: 'x'.repeat(500) }), T0, { maxItems: 10, maxBytes: 300 })).rejects.toThrow(/full/);
  });

  it('replaces a record this tab queued, keeping its place and bumping its revision', async () => {
    const t = tables();
    const first = await enqueue(mapTx(t), sub({ id: 'nps-1', kind: 'nps', score: 9, body: undefined }), T0, caps, 30_000);
    const second = await enqueue(mapTx(t), sub({ id: 'nps-1', kind: 'nps', score: 9, body: 'Great' }), T0 + 5_000, caps, 0, first);
    expect(t.queue.size).toBe(1);
    expect(second).toMatchObject({ queuedAt: first.queuedAt, rev: 2, nextAttemptAt: T0 + 5_000 });
    expect(second.held).toBeUndefined();
    expect(first).toMatchObject({ nextAttemptAt: T0 + 30_000, held: true });
    expect(keysOf(t, 'queue')).toEqual([[first.queuedAt, 2]]);
  });

  it('queues strictly after the newest record, even when the clock goes back', async () => {
    const t = tables();
    const a = await enqueue(mapTx(t), sub(), T0, caps);
    const b = await enqueue(mapTx(t), sub(), T0, caps);
    const c = await enqueue(mapTx(t), sub(), T0 - 60_000, caps);
    expect([a.queuedAt, b.queuedAt, c.queuedAt]).toEqual([T0, T0 + 1, T0 + 2]);
    expect(keysOf(t, 'queue')).toEqual([[T0, 1], [T0 + 1, 1], [T0 + 2, 1]]);
  });

  it('checks the caps with the count and byte total of the state row, without reading the outbox', async () => {
    const t = tables();
    await fill(t, 300);
    const { tx, seen } = counting(t);
    await enqueue(tx, sub(), T0 + 1_000, caps);
    expect(seen.read).toBe(1); // the state row
    expect(seen.requests).toBe(3); // the state read; the record and the state written
    expect(state(t)).toMatchObject({ n: 301, bytes: exactBytes(t) });
  });

  it('keeps the byte total exact as records come and go, and counts again before refusing', async () => {
    const t = tables();
    const [a, b] = await fill(t, 2);
    const batch = (await claim(mapTx(t), T0 + 10, 'tab')).records;
    await settle(mapTx(t), batch, new Map([[a!.id, { status: 'delivered' }]]), T0 + 10);
    expect(state(t).bytes).toBe(b!.bytes);
    // A total above the truth (a record buried as corrupt takes its bytes with it unknown).
    raw(t, 'meta', 'state', { ...state(t), bytes: 10_000_000 });
    const cap = { maxItems: 10, maxBytes: b!.bytes * 3 + 10 };
    await enqueue(mapTx(t), sub(), T0 + 20, cap);
    expect(state(t).bytes).toBe(exactBytes(t));
    await enqueue(mapTx(t), sub(), T0 + 21, cap);
    await expect(enqueue(mapTx(t), sub(), T0 + 22, cap)).rejects.toThrow(QueueFullError);
    expect(t.queue.size).toBe(3);
  });

  it('counts exactly when records have no byte total beside them', async () => {
    const t = tables();
    const [a, b] = await fill(t, 2);
    t.meta.clear();
    const c = await enqueue(mapTx(t), sub(), T0 + 10, caps);
    expect(state(t)).toMatchObject({ n: 3, bytes: a!.bytes + b!.bytes + c.bytes, last: c.queuedAt });
    expect(c.queuedAt).toBeGreaterThan(b!.queuedAt);
    await expect(enqueue(mapTx(t), sub(), T0 + 11, { maxItems: 10, maxBytes: a!.bytes * 3 + 10 })).rejects.toThrow(QueueFullError);
  });
});

describe('claim', () => {
  it('takes due records oldest first, up to 100, and leases them with one write', async () => {
    const t = tables();
    await fill(t, 150);
    const { tx, seen } = counting(t);
    const c = await claim(tx, T0 + 1_000, 'tab-a');
    expect(c.records).toHaveLength(100);
    expect(c.more).toBe(true);
    expect(c.records.map((r) => r.queuedAt)).toEqual([...c.records.map((r) => r.queuedAt)].sort((a, b) => a - b));
    expect(c.lease).toEqual({ owner: 'tab-a', until: T0 + 31_000, keys: c.records.map((r) => r.queuedAt) });
    expect(state(t).leases).toEqual([c.lease]);
    expect(seen.writes).toEqual(['put meta:state']);
    const other = await claim(mapTx(t), T0 + 2_000, 'tab-b');
    expect(other.records).toHaveLength(50);
    expect(other.more).toBe(false);
    expect(new Set([...c.records, ...other.records].map((r) => r.id)).size).toBe(150);
  });

  it('reads one stretch of the queue, not the whole outbox', async () => {
    const t = tables();
    await fill(t, 1_000);
    const { tx, seen } = counting(t);
    const c = await claim(tx, T0 + 5_000, 'tab');
    expect(c.records).toHaveLength(100);
    expect(seen.read).toBeLessThanOrEqual(201); // the state row and one page of the queue
    expect(seen.requests).toBe(3); // the state, the page, the lease
  });

  it('walks past records that are not due, and says when the first of them will be', async () => {
    const t = tables();
    await fill(t, 450, T0, { kind: 'nps', score: 5, body: undefined });
    for (const r of records(values(t, 'queue'))) raw(t, 'queue', [r.queuedAt, r.rev], { ...r, nextAttemptAt: T0 + 60_000 + r.queuedAt - T0 });
    const [late] = await fill(t, 1, T0 + 1_000);
    const c = await claim(mapTx(t), T0 + 2_000, 'tab');
    expect(c.records.map((r) => r.id)).toEqual([late!.id]);
    expect(c).toMatchObject({ more: false, next: T0 + 60_000 });
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
    expect(await claim(mapTx(t), T0 + 29_999, 'tab-b')).toMatchObject({ records: [], next: T0 + 30_000 });
    expect((await claim(mapTx(t), T0 + 30_000, 'tab-b')).records).toHaveLength(1);
    expect(state(t).leases!.map((l) => l.owner)).toEqual(['tab-b']); // the dead lease is gone
  });

  it('reads only the keys of a stretch whose revisions this tab holds, and the records when one has changed', async () => {
    const t = tables();
    const all = await fill(t, 150);
    const known = new Map(all.map((r) => [r.queuedAt, r]));
    const quick = counting(t);
    const c = await claim(quick.tx, T0 + 1_000, 'tab', { known });
    expect(c.records).toEqual(all.slice(0, 100));
    expect(quick.seen.read).toBe(1); // the state row: the 101 keys named records this tab holds
    // Another tab put one back for a retry meanwhile: its revision moved, so the stretch is read.
    await settle(mapTx(t), c.records.slice(0, 1), new Map([[all[0]!.id, { status: 'retry', error: 'HTTP 502' }]]), T0 + 1_000, { lease: c.lease });
    const slow = counting(t);
    const again = await claim(slow.tx, T0 + 1_000, 'other', { known, force: true, after: undefined });
    expect(slow.seen.read).toBe(102);
    expect(again.records.map((r) => r.attempts)).toEqual(Array(50).fill(0)); // the retried one waits; 1..99 are leased
  });

  it('walks on from past the batch before when asked, reading no record twice', async () => {
    const t = tables();
    const all = await fill(t, 150);
    const first = await claim(mapTx(t), T0 + 1_000, 'tab');
    const { tx, seen } = counting(t);
    const second = await claim(tx, T0 + 1_000, 'tab', { after: first.records.at(-1)!.queuedAt });
    expect(second.records.map((r) => r.id)).toEqual(all.slice(100).map((r) => r.id));
    expect(seen.read).toBe(51); // the state row and the 50 records after the first batch
  });

  it.each([{}, 'x', [{ owner: 'tab', until: 'soon' }], [{ owner: 'tab', until: T0 + 60_000 }], [null]])(
    'goes on delivering when the leases in the state row are unreadable (%j)',
    async (leases) => {
      const t = tables();
      const [a] = await fill(t, 1);
      raw(t, 'meta', 'state', { ...state(t), leases });
      const c = await claim(mapTx(t), T0 + 10, 'tab');
      expect(c.records.map((r) => r.id)).toEqual([a!.id]);
      expect(state(t).leases).toEqual([c.lease]);
      await settle(mapTx(t), c.records, new Map([[a!.id, { status: 'delivered' }]]), T0 + 20, { lease: c.lease });
      expect(ids(t)).toEqual([]);
    },
  );

  it('leaves alone what this tab is sending without a lease', async () => {
    const t = tables();
    const [a, b] = await fill(t, 2);
    const c = await claim(mapTx(t), T0 + 10, 'tab', { skip: new Set([a!.queuedAt]) });
    expect(c.records.map((r) => r.id)).toEqual([b!.id]);
  });

  it('sends nothing while the queue is paused', async () => {
    const t = tables();
    await enqueue(mapTx(t), sub(), T0, caps);
    await pause(t, T0 + 7_000);
    expect(await claim(mapTx(t), T0 + 6_999, 'tab')).toMatchObject({ records: [], pausedUntil: T0 + 7_000, next: T0 + 7_000 });
    expect((await claim(mapTx(t), T0 + 7_000, 'tab')).records).toHaveLength(1);
  });

  it('buries corrupt records, leaves a newer version alone, and expires records after 7 days', async () => {
    const t = tables();
    raw(t, 'queue', [1, 1], 'junk');
    raw(t, 'queue', [2, 1], { v: 1, submission: {} });
    raw(t, 'queue', [3, 1], { v: 1, id: 'wrong-types', submission: { id: 'wrong-types' }, bytes: 'x', queuedAt: 3 });
    raw(t, 'queue', [4, 1], { v: 999, id: 'future', whatever: true });
    const old = await enqueue(mapTx(t), sub(), T0, caps);
    const fresh = await enqueue(mapTx(t), sub(), T0 + 7 * 86_400_000, caps);
    const c = await claim(mapTx(t), T0 + 7 * 86_400_000 + 10, 'tab');
    expect(c.buried.map((d) => [d.id, d.reason]).sort()).toEqual([['[1,1]', 'corrupt'], ['[2,1]', 'corrupt'], ['wrong-types', 'corrupt'], [old.id, 'expired']].sort());
    expect(c.records.map((r) => r.id)).toEqual([fresh.id]);
    expect(row(t, 'queue', [4, 1])).toMatchObject({ v: 999, id: 'future' });
    expect(keysOf(t, 'dead').sort()).toEqual(['[1,1]', '[2,1]', old.id, 'wrong-types'].sort());
    expect(row(t, 'dead', '[1,1]')).toMatchObject({ reason: 'corrupt', submission: 'junk' });
  });

  it('keeps the newest 200 dead letters', async () => {
    const t = tables();
    for (let i = 0; i < 205; i++) raw(t, 'dead', `d${i}`, { v: 1, id: `d${i}`, reason: 'rejected', error: 'x', at: T0 + i });
    raw(t, 'queue', [1, 1], { v: 1, id: 'junk' });
    await claim(mapTx(t), T0 + 1_000, 'tab');
    expect(t.dead.size).toBe(200);
    expect(keysOf(t, 'dead')).toContain('junk');
    expect(keysOf(t, 'dead')).not.toContain('d5');
    expect(keysOf(t, 'dead')).toContain('d6');
  });

  it('on online or flush() sends what failed for want of a network now, but not what a server asked to wait', async () => {
    const t = tables();
    const [offline, answered] = await fill(t, 2);
    const first = await claim(mapTx(t), T0 + 10, 'tab');
    await settle(
      mapTx(t),
      first.records,
      new Map<string, Outcome>([
        [offline!.id, { status: 'retry', error: 'TypeError: Failed to fetch', net: true }],
        [answered!.id, { status: 'retry', error: 'HTTP 502', retryAfterMs: 120_000 }],
      ]),
      T0 + 10,
      { lease: first.lease, random: () => 1 },
    );
    expect(byId(t, offline!.id)).toMatchObject({ net: true, attempts: 1 });
    expect((await claim(mapTx(t), T0 + 20, 'tab')).records).toEqual([]);
    const forced = await claim(mapTx(t), T0 + 20, 'tab', { force: true });
    expect(forced.records.map((r) => r.id)).toEqual([offline!.id]);
    // A queue-wide pause (429/503) still holds.
    await settle(mapTx(t), forced.records, new Map([[offline!.id, { status: 'retry', error: 'x', net: true }]]), T0 + 2_020, { lease: forced.lease });
    await pause(t, T0 + 60_000);
    expect((await claim(mapTx(t), T0 + 2_030, 'tab', { force: true })).records).toEqual([]);
  });
});

describe('settle', () => {
  const sent = async (t: Tables, owner = 'tab') => claim(mapTx(t), T0, owner);

  it('deletes delivered, buries rejected with the reason, backs off retries, and ends the lease', async () => {
    const t = tables();
    const [a, b, c] = await fill(t, 3, T0 - 10);
    const batch = await sent(t);
    const result = await settle(
      mapTx(t),
      batch.records,
      new Map<string, Outcome>([
        [a!.id, { status: 'delivered' }],
        [b!.id, { status: 'rejected', error: 'user.email: invalid email' }],
        [c!.id, { status: 'retry', error: 'the proxy answered 502' }],
      ]),
      T0,
      { lease: batch.lease, random: () => 0 },
    );
    expect(result).toMatchObject({ delivered: [a!.id], next: T0 + 1_000 });
    expect(result.rejected).toMatchObject([{ id: b!.id, reason: 'rejected', error: 'user.email: invalid email' }]);
    expect(ids(t)).toEqual([c!.id]);
    expect(byId(t, c!.id)).toMatchObject({ attempts: 1, nextAttemptAt: T0 + 1_000, lastError: 'the proxy answered 502' });
    expect(state(t).leases).toEqual([]);
    expect(state(t).bytes).toBe(c!.bytes);
  });

  it('reads the keys of the stretch it was sent from, no record, and deletes it in one go', async () => {
    const t = tables();
    await fill(t, 1_000, T0 - 5_000);
    const batch = await sent(t);
    const { tx, seen } = counting(t);
    await settle(tx, batch.records, new Map(batch.records.map((r) => [r.id, { status: 'delivered' }])), T0, { lease: batch.lease });
    expect(seen.read).toBe(1); // the state row
    expect(seen.requests).toBe(4); // the state, the keys, one range delete, the state written
    expect(seen.writes).toEqual([`drop queue:[${T0 - 5_000},1]..[${T0 - 4_901},1]`, 'put meta:state']);
    expect(t.queue.size).toBe(900);
  });

  it('never deletes a record that was not in the batch, even between two that were', async () => {
    const t = tables();
    const [a] = await fill(t, 1);
    const held = await enqueue(mapTx(t), sub({ kind: 'nps', score: 3, body: undefined }), T0 + 1, caps, 60_000);
    const [c] = await fill(t, 1, T0 + 2);
    const batch = await claim(mapTx(t), T0 + 10, 'tab');
    expect(batch.records.map((r) => r.id)).toEqual([a!.id, c!.id]);
    const { tx, seen } = counting(t);
    await settle(tx, batch.records, new Map(batch.records.map((r) => [r.id, { status: 'delivered' }])), T0 + 20, { lease: batch.lease });
    expect(ids(t)).toEqual([held.id]);
    expect(seen.writes.filter((w) => w.startsWith('drop'))).toHaveLength(2);
  });

  it('gives back a batch that was never sent, as it was', async () => {
    const t = tables();
    const [a] = await fill(t, 1);
    const batch = await claim(mapTx(t), T0 + 10, 'tab');
    await settle(mapTx(t), batch.records, new Map(), T0 + 20, { lease: batch.lease });
    expect(byId(t, a!.id)).toEqual(a);
    expect((await claim(mapTx(t), T0 + 30, 'other')).records).toEqual([a]);
  });

  it('puts a retry back as a new revision in the same place, so a key always names what is stored', async () => {
    const t = tables();
    const r = await enqueue(mapTx(t), sub(), T0, caps);
    const batch = await sent(t);
    const { kept } = await settle(mapTx(t), batch.records, new Map([[r.id, { status: 'retry', error: 'HTTP 502' }]]), T0, { lease: batch.lease, random: () => 0 });
    expect(kept).toEqual([{ ...r, attempts: 1, rev: 2, nextAttemptAt: T0 + 1_000, lastError: 'HTTP 502' }]);
    expect(keysOf(t, 'queue')).toEqual([[r.queuedAt, 2]]);
    // A follow-up or a resubmission finds it at its place, whatever its revision.
    const replaced = await enqueue(mapTx(t), { ...r.submission, body: 'newer words' }, T0 + 10, caps, 0, r);
    expect(replaced).toMatchObject({ queuedAt: r.queuedAt, rev: 3, attempts: 1 });
    expect(keysOf(t, 'queue')).toEqual([[r.queuedAt, 3]]);
  });

  it('honours the server’s Retry-After over backoff', async () => {
    const t = tables();
    const r = await enqueue(mapTx(t), sub(), T0, caps);
    const batch = await sent(t);
    const { next } = await settle(mapTx(t), batch.records, new Map([[r.id, { status: 'retry', error: '429', retryAfterMs: 7_000 }]]), T0, { lease: batch.lease });
    expect(next).toBe(T0 + 7_000);
    expect(byId(t, r.id)!.nextAttemptAt).toBe(T0 + 7_000);
  });

  it('keeps a record rewritten while in flight, to send its newer revision', async () => {
    const t = tables();
    const s = sub({ kind: 'nps', score: 8, body: undefined });
    await enqueue(mapTx(t), s, T0, caps);
    const batch = await sent(t);
    await enqueue(mapTx(t), { ...s, body: 'Fast and simple' }, T0 + 10, caps, 0, batch.records[0]);
    await settle(mapTx(t), batch.records, new Map([[s.id, { status: 'delivered' }]]), T0 + 20, { lease: batch.lease });
    expect(byId(t, s.id)).toMatchObject({ rev: 2, submission: { body: 'Fast and simple' } });
    expect((await claim(mapTx(t), T0 + 30, 'tab')).records).toHaveLength(1);
  });

  it('counts as delivered what another tab settled first, and counts it out of the queue only once', async () => {
    const t = tables();
    const [r, other] = await fill(t, 2);
    const batch = await sent(t);
    // The other tab's settle: the record gone, the count and total down by it.
    mapTx(t).put('queue', [r!.queuedAt, r!.rev]);
    raw(t, 'meta', 'state', { ...state(t), n: 1, bytes: other!.bytes });
    const { delivered } = await settle(mapTx(t), batch.records.slice(0, 1), new Map([[r!.id, { status: 'delivered' }]]), T0 + 20, { lease: batch.lease });
    expect(delivered).toEqual([r!.id]);
    expect(state(t)).toMatchObject({ n: 1, bytes: other!.bytes });
  });

  it('does not touch a record another tab took over after the lease ran out', async () => {
    const t = tables();
    const r = await enqueue(mapTx(t), sub(), T0, caps);
    const mine = await claim(mapTx(t), T0, 'slow-tab');
    const theirs = await claim(mapTx(t), T0 + 31_000, 'other-tab');
    await settle(mapTx(t), mine.records, new Map([[r.id, { status: 'retry', error: 'timeout' }]]), T0 + 32_000, { lease: mine.lease });
    expect(byId(t, r.id)).toEqual(r);
    expect(state(t).leases).toEqual([theirs.lease]);
  });
});

describe('followUp', () => {
  const score = (t: Tables, holdMs = 300_000) => enqueue(mapTx(t), sub({ kind: 'nps', score: 8, body: undefined }), T0, caps, holdMs);

  it('gives a score still held its comment as the body, due now, in its place', async () => {
    const t = tables();
    const held = await score(t);
    const written = await followUp(mapTx(t), held.id, held, 'Fast and simple', T0 + 1_000, caps);
    expect(written).toMatchObject({ queuedAt: held.queuedAt, rev: 2, nextAttemptAt: T0 + 1_000, submission: { score: 8, body: 'Fast and simple' } });
    expect((written as OutboxRecord).held).toBeUndefined();
    expect(t.queue.size).toBe(1);
  });

  it('adds the comment as a part to a score in flight, and the old answer then leaves the new revision to go', async () => {
    const t = tables();
    const held = await score(t, 0);
    const inFlight = await claim(mapTx(t), T0 + 10, 'tab');
    const written = (await followUp(mapTx(t), held.id, held, 'Fast and simple', T0 + 20, caps)) as OutboxRecord;
    expect(written).toMatchObject({ rev: 2, submission: { score: 8, parts: [{ id: `${held.id}:comment`, body: 'Fast and simple' }] } });
    expect(written.submission.body).toBeUndefined();
    await settle(mapTx(t), inFlight.records, new Map([[held.id, { status: 'delivered' }]]), T0 + 30, { lease: inFlight.lease });
    expect((await claim(mapTx(t), T0 + 40, 'tab')).records).toEqual([written]);
  });

  it('treats a score a beacon is carrying as in flight', async () => {
    const t = tables();
    const held = await score(t);
    const written = (await followUp(mapTx(t), held.id, held, 'Fast', T0 + 20, caps, new Set([held.queuedAt]))) as OutboxRecord;
    expect(written.submission.parts).toHaveLength(1);
  });

  it('queues the comment as a new record for a score already delivered, and says where a score stands otherwise', async () => {
    const t = tables();
    const held = await score(t, 0);
    const c = await claim(mapTx(t), T0 + 10, 'tab');
    await settle(mapTx(t), c.records, new Map([[held.id, { status: 'delivered' }]]), T0 + 20, { lease: c.lease });
    expect(await followUp(mapTx(t), held.id, held, undefined, T0 + 30, caps)).toEqual({ status: 'delivered' });
    const late = (await followUp(mapTx(t), held.id, held, 'Late words', T0 + 30, caps)) as OutboxRecord;
    expect(late).toMatchObject({ rev: 1, submission: { id: held.id, parts: [{ body: 'Late words' }] } });
    expect(late.queuedAt).toBeGreaterThan(held.queuedAt);
    expect(await followUp(mapTx(tables()), 'never', undefined, 'x', T0, caps)).toEqual({ status: 'failed', error: 'nothing to follow up' });
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
      { status: 200, retryAfter: '9', results: [{ id: ids[0]!, status: 'delivered' }, { id: ids[1]!, status: 'retry' }] },
      recs,
      T0,
    );
    expect(v.outcomes.get(ids[0]!)).toEqual({ status: 'delivered' });
    expect(v.outcomes.get(ids[1]!)).toMatchObject({ status: 'retry', retryAfterMs: 9_000 });
    expect(v.pauseMs).toBeUndefined();
  });

  it.each([
    [{ status: 0, error: 'TypeError: Failed to fetch' } as const, 'retry', undefined],
    [{ status: 502, retryAfter: null } as const, 'retry', undefined],
    [{ status: 408, retryAfter: null } as const, 'retry', undefined],
    [{ status: 429, retryAfter: '30' } as const, 'retry', 30_000],
    [{ status: 503, retryAfter: null } as const, 'retry', 60_000],
    [{ status: 401, retryAfter: null } as const, 'retry', 300_000],
    [{ status: 403, retryAfter: null } as const, 'retry', 300_000],
  ])('answers %j with %s and a pause of %s ms', (attempt, status, pause) => {
    const v = classify(attempt, recs, T0);
    expect([...v.outcomes.values()].every((o) => o.status === status)).toBe(true);
    expect(v.pauseMs).toBe(pause);
  });

  it('splits a 413 batch, and rejects a single item the proxy finds too large', () => {
    expect(classify({ status: 413, retryAfter: null }, recs, T0).split).toBe(true);
    const one = classify({ status: 413, retryAfter: null }, recs.slice(0, 1), T0);
    expect(one.outcomes.get(ids[0]!)).toMatchObject({ status: 'rejected', reason: 'too_large' });
  });

  it('on a 400 dead-letters only what fails the local check', () => {
    const v = classify({ status: 400, retryAfter: null }, recs, T0);
    expect(v.outcomes.get(ids[0]!)!.status).toBe('retry');
    expect(v.outcomes.get(ids[1]!)).toEqual({ status: 'rejected', error: 'user.email: invalid email' });
  });
});

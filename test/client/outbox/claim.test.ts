// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { claim } from '../../../src/client/outbox/claim.js';
import { enqueue } from '../../../src/client/outbox/enqueue.js';
import { readableRecords } from '../../../src/client/outbox/record.js';
import { type Outcome, settle } from '../../../src/client/outbox/settle.js';
import { mapTx, tables } from '../../../src/client/store.js';
import { T0, byId, caps, counting, fill, ids, keysOf, pause, raw, row, state, sub, values } from './helpers.js';

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
    for (const r of readableRecords(values(t, 'queue'))) raw(t, 'queue', [r.queuedAt, r.rev], { ...r, nextAttemptAt: T0 + 60_000 + r.queuedAt - T0 });
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

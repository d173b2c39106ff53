// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { claim } from '../../../src/client/outbox/claim.js';
import { enqueue } from '../../../src/client/outbox/enqueue.js';
import { type Outcome, settle } from '../../../src/client/outbox/settle.js';
import { type Tables, mapTx, tables } from '../../../src/client/store.js';
import { T0, byId, caps, counting, fill, ids, keysOf, raw, state, sub } from './helpers.js';

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
    const held = await enqueue(mapTx(t), sub({ kind: 'nps', score: 3, body: undefined }), T0 + 1, caps, { holdMs: 60_000 });
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
    const replaced = await enqueue(mapTx(t), { ...r.submission, body: 'newer words' }, T0 + 10, caps, { replacing: r });
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
    await enqueue(mapTx(t), { ...s, body: 'Fast and simple' }, T0 + 10, caps, { replacing: batch.records[0] });
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

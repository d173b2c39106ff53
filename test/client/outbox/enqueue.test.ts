// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { claim } from '../../../src/client/outbox/claim.js';
import { QueueFullError, enqueue } from '../../../src/client/outbox/enqueue.js';
import { settle } from '../../../src/client/outbox/settle.js';
import { mapTx, tables } from '../../../src/client/store.js';
import { T0, caps, counting, exactBytes, fill, keysOf, raw, state, sub } from './helpers.js';

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
    const first = await enqueue(mapTx(t), sub({ id: 'nps-1', kind: 'nps', score: 9, body: undefined }), T0, caps, { holdMs: 30_000 });
    const second = await enqueue(mapTx(t), sub({ id: 'nps-1', kind: 'nps', score: 9, body: 'Great' }), T0 + 5_000, caps, { replacing: first });
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

// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { claim } from '../../../src/client/outbox/claim.js';
import { enqueue } from '../../../src/client/outbox/enqueue.js';
import { followUp } from '../../../src/client/outbox/follow-up.js';
import type { OutboxRecord } from '../../../src/client/outbox/record.js';
import { settle } from '../../../src/client/outbox/settle.js';
import { type Tables, mapTx, tables } from '../../../src/client/store.js';
import { T0, caps, sub } from './helpers.js';

describe('followUp', () => {
  const score = (t: Tables, holdMs = 300_000) => enqueue(mapTx(t), sub({ kind: 'nps', score: 8, body: undefined }), T0, caps, { holdMs });

  it('gives a score still held its comment as the body, due now, in its place', async () => {
    const t = tables();
    const held = await score(t);
    const written = await followUp(mapTx(t), { id: held.id, base: held, comment: 'Fast and simple', now: T0 + 1_000, caps });
    expect(written).toMatchObject({ queuedAt: held.queuedAt, rev: 2, nextAttemptAt: T0 + 1_000, submission: { score: 8, body: 'Fast and simple' } });
    expect((written as OutboxRecord).held).toBeUndefined();
    expect(t.queue.size).toBe(1);
  });

  it('adds the comment as a part to a score in flight, and the old answer then leaves the new revision to go', async () => {
    const t = tables();
    const held = await score(t, 0);
    const inFlight = await claim(mapTx(t), T0 + 10, 'tab');
    const written = (await followUp(mapTx(t), { id: held.id, base: held, comment: 'Fast and simple', now: T0 + 20, caps })) as OutboxRecord;
    expect(written).toMatchObject({ rev: 2, submission: { score: 8, parts: [{ id: `${held.id}:comment`, body: 'Fast and simple' }] } });
    expect(written.submission.body).toBeUndefined();
    await settle(mapTx(t), inFlight.records, new Map([[held.id, { status: 'delivered' }]]), T0 + 30, { lease: inFlight.lease });
    expect((await claim(mapTx(t), T0 + 40, 'tab')).records).toEqual([written]);
  });

  it('treats a score a beacon is carrying as in flight', async () => {
    const t = tables();
    const held = await score(t);
    const written = (await followUp(mapTx(t), { id: held.id, base: held, comment: 'Fast', now: T0 + 20, caps, sending: new Set([held.queuedAt]) })) as OutboxRecord;
    expect(written.submission.parts).toHaveLength(1);
  });

  it('queues the comment as a new record for a score already delivered, and says where a score stands otherwise', async () => {
    const t = tables();
    const held = await score(t, 0);
    const c = await claim(mapTx(t), T0 + 10, 'tab');
    await settle(mapTx(t), c.records, new Map([[held.id, { status: 'delivered' }]]), T0 + 20, { lease: c.lease });
    expect(await followUp(mapTx(t), { id: held.id, base: held, now: T0 + 30, caps })).toEqual({ status: 'delivered' });
    const late = (await followUp(mapTx(t), { id: held.id, base: held, comment: 'Late words', now: T0 + 30, caps })) as OutboxRecord;
    expect(late).toMatchObject({ rev: 1, submission: { id: held.id, parts: [{ body: 'Late words' }] } });
    expect(late.queuedAt).toBeGreaterThan(held.queuedAt);
    expect(await followUp(mapTx(tables()), { id: 'never', comment: 'x', now: T0, caps })).toEqual({ status: 'failed', error: 'nothing to follow up' });
  });

  it('without a comment, says queued for a score in flight and failed, with its error, for one the proxy rejected', async () => {
    const t = tables();
    const held = await score(t, 0);
    const c = await claim(mapTx(t), T0 + 10, 'tab');
    expect(await followUp(mapTx(t), { id: held.id, base: held, now: T0 + 20, caps })).toEqual({ status: 'queued' });
    expect(t.queue.size).toBe(1);
    await settle(mapTx(t), c.records, new Map([[held.id, { status: 'rejected', error: 'amplitude: Invalid item' }]]), T0 + 30, { lease: c.lease });
    expect(await followUp(mapTx(t), { id: held.id, base: held, now: T0 + 40, caps })).toEqual({ status: 'failed', error: 'amplitude: Invalid item' });
  });
});

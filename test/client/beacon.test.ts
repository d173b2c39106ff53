// @vitest-environment node
// What a page-hide beacon may carry, from the tables as the tab last saw them.
import { describe, expect, it } from 'vitest';
import { claim, enqueue, forBeacon, pauseUntil, settle } from '../../src/client/outbox.js';
import { mapTx, tables } from '../../src/client/store.js';
import type { Submission } from '../../src/schema/submission.js';

const T0 = Date.parse('2026-11-23T12:00:00Z');
const caps = { maxItems: 2_000, maxBytes: 5_000_000 };
let n = 0;
const sub = (extra: Partial<Submission> = {}): Submission => ({ id: `b${++n}`, kind: 'feedback', body: 'words', ...extra });

describe('forBeacon', () => {
  it('takes untried records and held scores, oldest first, but not what a tab is sending', async () => {
    const t = tables();
    const inFlight = await enqueue(mapTx(t), sub(), T0, caps);
    await claim(mapTx(t), T0, 'other-tab');
    const a = await enqueue(mapTx(t), sub(), T0 + 1, caps);
    const score = await enqueue(mapTx(t), sub({ kind: 'nps', score: 9, body: undefined }), T0 + 2, caps, 60_000);
    expect(forBeacon(t, T0 + 3).map((r) => r.id)).toEqual([a.id, score.id]);
    expect(forBeacon(t, T0 + 3).map((r) => r.id)).not.toContain(inFlight.id);
  });

  it('leaves a record that failed before to its persisted backoff', async () => {
    const t = tables();
    const r = await enqueue(mapTx(t), sub(), T0, caps);
    await settle(mapTx(t), (await claim(mapTx(t), T0, 'tab')).records, new Map([[r.id, { status: 'retry', error: 'offline' }]]), T0, () => 0);
    expect(forBeacon(t, T0 + 60_000)).toEqual([]);
  });

  it('sends nothing while the queue is paused (a 429 or 503)', async () => {
    const t = tables();
    await enqueue(mapTx(t), sub(), T0, caps);
    await pauseUntil(mapTx(t), T0 + 30_000);
    expect(forBeacon(t, T0 + 1_000)).toEqual([]);
    expect(forBeacon(t, T0 + 30_000)).toHaveLength(1);
  });

  it('fits within 32 KiB, skipping what does not fit, and needs an outbox it has seen', async () => {
    const t = tables();
    for (let i = 0; i < 5; i++) await enqueue(mapTx(t), sub({ body: 'x'.repeat(10_000) }), T0 + i, caps);
    const picked = forBeacon(t, T0 + 10);
    expect(picked).toHaveLength(3);
    expect(JSON.stringify({ items: picked.map((r) => r.submission) }).length).toBeLessThanOrEqual(32 * 1024);
    expect(forBeacon({}, T0)).toEqual([]);
  });
});

// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { backoffDelay, retryAfterMs } from '../../src/client/backoff.js';
import { classify } from '../../src/client/classify.js';
import {
  type OutboxRecord,
  QueueFullError,
  claim,
  enqueue,
  nextDueAt,
  pauseUntil,
  settle,
} from '../../src/client/outbox.js';
import { Table, type Tables } from '../../src/client/store.js';
import type { Submission } from '../../src/schema/submission.js';

const T0 = Date.parse('2026-11-23T12:00:00Z');
const tables = (): Tables => ({ outbox: new Table(), dead: new Table(), meta: new Table() });
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

describe('enqueue', () => {
  it('refuses a submission past the caps and keeps every earlier one', () => {
    const t = tables();
    enqueue(t, sub(), T0, { maxItems: 2, maxBytes: 1e6 });
    enqueue(t, sub(), T0, { maxItems: 2, maxBytes: 1e6 });
    expect(() => enqueue(t, sub(), T0, { maxItems: 2, maxBytes: 1e6 })).toThrow(QueueFullError);
    expect(t.outbox.size).toBe(2);
    const small = tables();
    expect(() => enqueue(small, sub({ body: 'x'.repeat(500) }), T0, { maxItems: 10, maxBytes: 300 })).toThrow(/full/);
  });

  it('replaces a record with the same id, keeping its place and bumping its revision', () => {
    const t = tables();
    const first = enqueue(t, sub({ id: 'nps-1', kind: 'nps', score: 9, body: undefined }), T0, caps, 30_000);
    const second = enqueue(t, sub({ id: 'nps-1', kind: 'nps', score: 9, body: 'Great' }), T0 + 5_000, caps);
    expect(t.outbox.size).toBe(1);
    expect(second).toMatchObject({ queuedAt: first.queuedAt, rev: 2, nextAttemptAt: T0 + 5_000 });
    expect(first.nextAttemptAt).toBe(T0 + 30_000);
  });
});

describe('claim', () => {
  it('takes due records oldest first, up to 100, and leases them', () => {
    const t = tables();
    for (let i = 0; i < 150; i++) enqueue(t, sub(), T0 + i, caps);
    const c = claim(t, T0 + 1_000, 'tab-a');
    expect(c.records).toHaveLength(100);
    expect(c.more).toBe(true);
    expect(c.records.map((r) => r.queuedAt)).toEqual([...c.records.map((r) => r.queuedAt)].sort((a, b) => a - b));
    expect(c.records[0]!.lease).toEqual({ owner: 'tab-a', until: T0 + 1_000 + 30_000 });
    const other = claim(t, T0 + 2_000, 'tab-b');
    expect(other.records).toHaveLength(50);
    expect(new Set([...c.records, ...other.records].map((r) => r.id)).size).toBe(150);
  });

  it('stops a batch at ~900 KB but always takes at least one record', () => {
    const t = tables();
    for (let i = 0; i < 5; i++) enqueue(t, sub({ body: 'x'.repeat(19_000), parts: Array.from({ length: 20 }, (_, k) => ({ id: `p${k}`, body: 'y'.repeat(19_000) })) }), T0 + i, { maxItems: 10, maxBytes: 1e7 });
    const c = claim(t, T0 + 10, 'tab');
    expect(c.records.length).toBe(2);
    expect(c.records.reduce((s, r) => s + r.bytes, 0)).toBeLessThanOrEqual(900_000);
  });

  it('gives a record leased by a crashed tab to another once the lease expires', () => {
    const t = tables();
    enqueue(t, sub(), T0, caps);
    expect(claim(t, T0, 'crashed').records).toHaveLength(1);
    expect(claim(t, T0 + 29_999, 'tab-b').records).toHaveLength(0);
    expect(claim(t, T0 + 30_000, 'tab-b').records).toHaveLength(1);
  });

  it('sends nothing while the queue is paused', () => {
    const t = tables();
    enqueue(t, sub(), T0, caps);
    pauseUntil(t, T0 + 7_000);
    expect(claim(t, T0 + 6_999, 'tab')).toMatchObject({ records: [], pausedUntil: T0 + 7_000 });
    expect(claim(t, T0 + 7_000, 'tab').records).toHaveLength(1);
  });

  it('buries corrupt records, leaves a newer version alone, and expires records after 7 days', () => {
    const t = tables();
    t.outbox.set('junk', 'junk');
    t.outbox.set('no-id', { v: 1, submission: {} });
    t.outbox.set('wrong-types', { v: 1, id: 'wrong-types', submission: { id: 'wrong-types' }, bytes: 'x' });
    t.outbox.set('future', { v: 999, id: 'future', whatever: true });
    const old = enqueue(t, sub(), T0, caps);
    const fresh = enqueue(t, sub(), T0 + 7 * 86_400_000, caps);
    const c = claim(t, T0 + 7 * 86_400_000 + 1, 'tab');
    expect(c.records.map((r) => r.id)).toEqual([fresh.id]);
    expect(c.buried.map((d) => [d.id, d.reason]).sort()).toEqual(
      [['junk', 'corrupt'], ['no-id', 'corrupt'], ['wrong-types', 'corrupt'], [old.id, 'expired']].sort(),
    );
    expect(t.outbox.has('future')).toBe(true);
    expect([...t.dead.keys()].sort()).toEqual(['junk', 'no-id', old.id, 'wrong-types'].sort());
  });
});

describe('settle', () => {
  const sent = (t: Tables, owner = 'tab'): OutboxRecord[] => claim(t, T0, owner).records;

  it('deletes delivered, buries rejected with the reason, backs off retries', () => {
    const t = tables();
    const [a, b, c] = [sub(), sub(), sub()].map((s) => enqueue(t, s, T0, caps));
    const batch = sent(t);
    const result = settle(
      t,
      batch,
      new Map([
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

  it('honours the server’s Retry-After over backoff', () => {
    const t = tables();
    const r = enqueue(t, sub(), T0, caps);
    settle(t, sent(t), new Map([[r.id, { status: 'retry', error: '429', retryAfterMs: 7_000 }]]), T0);
    expect(nextDueAt(t)).toBe(T0 + 7_000);
  });

  it('keeps a record rewritten while in flight, to send its newer revision', () => {
    const t = tables();
    const s = sub({ kind: 'nps', score: 8, body: undefined });
    enqueue(t, s, T0, caps);
    const batch = sent(t);
    enqueue(t, { ...s, body: 'Fast and simple' }, T0 + 10, caps);
    settle(t, batch, new Map([[s.id, { status: 'delivered' }]]), T0 + 20);
    expect(t.outbox.get(s.id)).toMatchObject({ rev: 2, submission: { body: 'Fast and simple' } });
    expect(claim(t, T0 + 30, 'tab').records).toHaveLength(1);
  });

  it('does not touch a record another tab took over after the lease ran out', () => {
    const t = tables();
    const r = enqueue(t, sub(), T0, caps);
    const mine = claim(t, T0, 'slow-tab').records;
    claim(t, T0 + 31_000, 'other-tab');
    settle(t, mine, new Map([[r.id, { status: 'retry', error: 'timeout' }]]), T0 + 32_000);
    expect((t.outbox.get(r.id) as OutboxRecord).lease?.owner).toBe('other-tab');
  });
});

describe('classify', () => {
  const t = tables();
  const recs = [sub(), sub({ user: { email: 'bad' } })].map((s) => enqueue(t, s, T0, caps));
  const ids = recs.map((r) => r.id);

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

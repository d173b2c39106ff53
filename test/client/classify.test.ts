// @vitest-environment node
import { beforeAll, describe, expect, it } from 'vitest';
import { classify } from '../../src/client/classify.js';
import { enqueue } from '../../src/client/outbox/enqueue.js';
import type { OutboxRecord } from '../../src/client/outbox/record.js';
import { mapTx, tables } from '../../src/client/store.js';
import type { Attempt } from '../../src/client/transport.js';
import type { Submission } from '../../src/schema/submission.js';

const T0 = Date.parse('2026-11-23T12:00:00Z');
const caps = { maxItems: 2_000, maxBytes: 5_000_000 };
let made = 0;
const sub = (extra: Partial<Submission> = {}): Submission => ({ id: `c${++made}`, kind: 'feedback', body: 'words', ...extra });

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
    expect(v.outcomes.get(ids[1]!)).toEqual({ status: 'rejected', error: 'user.email: invalid email', path: 'user.email' });
  });
});

describe('the problem an attempt names', () => {
  const recs: OutboxRecord[] = [];
  beforeAll(async () => {
    recs.push(await enqueue(mapTx(tables()), sub(), T0, caps));
  });

  it.each([
    [{ status: 0, error: 'TypeError: Failed to fetch', offline: true }, 'offline'],
    [{ status: 0, error: 'TypeError: Failed to fetch' }, 'unreachable'],
    [{ status: 0, error: 'TimeoutError: signal timed out' }, 'unreachable'],
    [{ status: 403, code: 'origin_not_allowed' }, 'refused'],
    [{ status: 200, results: [{ id: '', status: 'retry' }] }, 'unavailable'],
    [{ status: 408 }, 'unavailable'],
    [{ status: 429, retryAfter: '30' }, 'unavailable'],
    [{ status: 500 }, 'unavailable'],
    [{ status: 502 }, 'unavailable'],
    [{ status: 503 }, 'unavailable'],
    [{ status: 400 }, 'misconfigured'],
    [{ status: 401 }, 'misconfigured'],
    [{ status: 403 }, 'misconfigured'],
    [{ status: 403, code: 'forbidden' }, 'misconfigured'],
    [{ status: 404, code: 'not_found' }, 'misconfigured'],
    [{ status: 405 }, 'misconfigured'],
    [{ status: 415 }, 'misconfigured'],
  ] satisfies [Attempt, string][])('names %j %s', (attempt, problem) => {
    expect(classify(attempt, recs, T0).problem).toBe(problem);
  });

  it('keeps a refused origin’s items and pauses as for any 403', () => {
    const refused = classify({ status: 403, code: 'origin_not_allowed' }, recs, T0);
    expect([...refused.outcomes.values()]).toEqual([{ status: 'retry', error: 'HTTP 403', retryAfterMs: 300_000, net: false }]);
    expect(refused.pauseMs).toBe(300_000);
  });
});

// @vitest-environment node
// Both destinations behind one handler: an item is delivered only when each has it, and a
// re-send after a partial failure doubles nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { amplitude } from '../../src/proxy/amplitude.js';
import { buildbetter } from '../../src/proxy/buildbetter.js';
import { createProxy } from '../../src/proxy/create-proxy.js';
import type { DeliveryOutcome, Destination } from '../../src/proxy/destination.js';
import { signIdentity } from '../../src/proxy/identity.js';
import { type FakeAmplitude, startFakeAmplitude } from '../fakes/amplitude.js';
import { type FakeBuildBetter, startFakeBuildBetter } from '../fakes/buildbetter.js';
import { ORIGIN, captureLogs, feedback, post } from './helpers.js';

let clock: number;
let amp: FakeAmplitude;
let bb: FakeBuildBetter;
const logs = captureLogs();

beforeEach(async () => {
  clock = Date.parse('2026-11-23T12:00:00Z');
  amp = await startFakeAmplitude({ now: () => clock });
  bb = await startFakeBuildBetter({ now: () => clock });
});
afterEach(async () => {
  await amp.close();
  await bb.close();
});

const proxy = () =>
  createProxy({
    destinations: [
      amplitude({ apiKey: 'amp-key', secretKey: 'amp-secret', sourceId: 'src-1', baseUrl: amp.url }),
      buildbetter({ apiKey: 'bb-key', sourceId: 123, baseUrl: bb.url }),
    ],
    allowedOrigins: [ORIGIN],
    logger: logs,
    rateLimit: false,
    now: () => clock,
  });
const statuses = (body: { results: { status: string }[] }) => body.results.map((r) => r.status);
const bbIds = () => bb.records(123).map((r) => r.external_id);

describe('fan-out to Amplitude and BuildBetter', () => {
  it('delivers an item to both, linked to the same user', async () => {
    const item = feedback({ kind: 'nps', score: 0, body: 'Too slow' });
    const { body } = await post(proxy(), [item]);
    expect(statuses(body)).toEqual(['delivered']);
    expect(amp.stored()[0]).toMatchObject({ unique_id: item.id, body: 'NPS 0/10: Too slow', user_id: 'user-123' });
    const fields = Object.fromEntries(bb.records(123)[0]!.fields.map((f) => [f.name, f.value]));
    expect(fields).toMatchObject({ feedback: 'Too slow', nps_score: 0, user_id: 'user-123', kind: 'nps' });
  });

  it('sends every createdAt, a part\'s included, to both in UTC as toISOString writes it, from any form the wire takes', async () => {
    const item = feedback({
      createdAt: '2026-03-15T11:30+01:00',
      parts: [{ id: 'p1', body: 'And the filters', createdAt: '2026-03-15T07:00:00.5-04:00' }],
    });
    const { body } = await post(proxy(), [item]);
    expect(statuses(body)).toEqual(['delivered']);
    expect(amp.stored()[0]).toMatchObject({
      created_at: '2026-03-15T10:30:00.000Z',
      conversation_parts: [{ unique_id: 'p1', created_at: '2026-03-15T11:00:00.500Z' }],
    });
    expect(bb.records(123).map((r) => [r.external_id, r.display_ts])).toEqual([
      [item.id, '2026-03-15T10:30:00.000Z'],
      ['p1', '2026-03-15T11:00:00.500Z'],
    ]);
  });

  it('answers retry while one side is down, and the re-send stores one copy on each side', async () => {
    const handle = proxy();
    const items = [feedback(), feedback()];
    bb.failNext({ status: 503, times: 1000 });
    const first = await post(handle, items);
    expect(statuses(first.body)).toEqual(['retry', 'retry']);
    expect(first.status).toBe(503);
    expect(amp.stored()).toHaveLength(2);
    expect(bbIds()).toEqual([]);
    bb.reset(); // BuildBetter is back

    const second = await post(handle, items);
    expect(statuses(second.body)).toEqual(['delivered', 'delivered']);
    expect(amp.stored().map((i) => i.unique_id)).toEqual(items.map((i) => i.id));
    expect(bbIds().sort()).toEqual(items.map((i) => i.id).sort());
  });

  it('rejects an item one destination can never take, naming that destination', async () => {
    const item = feedback();
    amp.failNext({ status: 200, body: { ingested: 0, failed: 1, errors: [{ unique_id: item.id, error: 'Invalid item' }] } });
    const { body } = await post(proxy(), [item]);
    expect(body.results[0]).toEqual({ id: item.id, status: 'rejected', error: 'amplitude: Invalid item' });
  });

  it('sends a long body whole to Amplitude and split across fields to BuildBetter', async () => {
    const long = 'Ünïcödé feedback, '.repeat(1100).slice(0, 20_000);
    const item = feedback({ body: long });
    const { body } = await post(proxy(), [item]);
    expect(statuses(body)).toEqual(['delivered']);
    expect(amp.stored()[0]!.body).toBe(long);
    const parts = bb.records(123)[0]!.fields.filter((f) => /^feedback(_\d+)?$/.test(f.name));
    expect(parts.map((f) => f.name)).toEqual(['feedback', 'feedback_2', 'feedback_3']);
    expect(parts.map((f) => f.value).join('')).toBe(long);
  });

  it('paces 150 submissions under BuildBetter’s 100 a minute and delivers each exactly once', async () => {
    const handle = proxy();
    const items = Array.from({ length: 150 }, (_, i) => feedback({ user: { id: `u${i}` } }));
    let pending = items;
    for (let round = 0; pending.length && round < 10; round++) {
      const batch = pending.slice(0, 100);
      const { res, body } = await post(handle, batch);
      const retryAfter = Number(res.headers.get('retry-after') ?? 0);
      const waiting = batch.filter((_, i) => body.results[i].status === 'retry');
      expect(batch.filter((_, i) => body.results[i].status === 'rejected')).toEqual([]);
      if (waiting.length) expect(retryAfter).toBeGreaterThan(0);
      pending = [...waiting, ...pending.slice(100)];
      clock += retryAfter * 1000;
    }
    expect(pending).toEqual([]);
    expect(bb.maxRequestsInAnyWindow()).toBeLessThanOrEqual(100);
    expect(bbIds().sort()).toEqual(items.map((i) => i.id).sort());
    expect(amp.stored()).toHaveLength(150);
  });

  it('makes a BuildBetter person only of a signed email when identity verification is on', async () => {
    const secret = 'identity-secret';
    const handle = createProxy({
      destinations: [buildbetter({ apiKey: 'bb-key', sourceId: 123, baseUrl: bb.url })],
      allowedOrigins: [ORIGIN],
      identitySecret: secret,
      logger: logs,
      rateLimit: false,
      now: () => clock,
    });
    const unsigned = feedback({ user: { email: 'victim@example.com', name: 'Renamed By Mallory' } });
    const signed = feedback({ user: { email: 'jane@example.com', name: 'Jane Doe', hash: await signIdentity(secret, { email: 'jane@example.com', name: 'Jane Doe' }) } });
    const { body } = await post(handle, [unsigned, signed]);
    expect(statuses(body)).toEqual(['delivered', 'delivered']);
    expect(bb.people().map((p) => [p.email, p.first_name, p.last_name])).toEqual([['jane@example.com', 'Jane', 'Doe']]);
    const fields = Object.fromEntries(bb.records(123).find((r) => r.external_id === unsigned.id)!.fields.map((f) => [f.name, f.value]));
    expect(fields).not.toHaveProperty('email');
    expect(fields).not.toHaveProperty('user_name');
  });

  it('answers within its deadline while BuildBetter hangs, the items not delivered in time as retry', { timeout: 6_000 }, async () => {
    const handle = createProxy({
      destinations: [buildbetter({ apiKey: 'bb-key', sourceId: 123, baseUrl: bb.url })],
      allowedOrigins: [ORIGIN],
      logger: logs,
      rateLimit: false,
      answerWithinMs: 1_000,
    });
    bb.failNext({ delayMs: 30_000, times: 1000 });
    const started = performance.now();
    const { status, res, body } = await post(handle, Array.from({ length: 24 }, () => feedback({ user: { id: 'u' } })));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(status).toBe(503);
    expect(new Set(statuses(body))).toEqual(new Set(['retry']));
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('answers within its deadline while Amplitude hangs', { timeout: 6_000 }, async () => {
    const handle = createProxy({
      destinations: [amplitude({ apiKey: 'amp-key', secretKey: 'amp-secret', sourceId: 'src-1', baseUrl: amp.url })],
      allowedOrigins: [ORIGIN],
      logger: logs,
      rateLimit: false,
      answerWithinMs: 500,
    });
    amp.failNext({ delayMs: 30_000, times: 10 });
    const started = performance.now();
    const { body } = await post(handle, [feedback(), feedback()]);
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(statuses(body)).toEqual(['retry', 'retry']);
  });

  it('keeps an item one destination rejected for retry until the other has it, then rejects it', async () => {
    const handle = proxy();
    const item = feedback();
    const refuse = { status: 200, body: { ingested: 0, failed: 1, errors: [{ unique_id: item.id, error: 'Invalid item' }] } };
    amp.failNext(refuse);
    bb.failNext({ status: 503, times: 1000 });
    const first = await post(handle, [item]);
    expect(first.body.results[0].status).toBe('retry');
    bb.reset();
    amp.failNext(refuse);
    const second = await post(handle, [item]);
    expect(second.body.results[0]).toEqual({ id: item.id, status: 'rejected', error: 'amplitude: Invalid item' });
    expect(bbIds()).toEqual([item.id]);
  });
});

describe('fan-out: a destination that answers nothing for an item', () => {
  /** A custom destination that answers `outcome` for every item but the ones in `skip`. */
  const answering = (name: string, outcome: DeliveryOutcome, skip: ReadonlySet<string> = new Set()): Destination => ({
    name,
    health: () => ({ name, status: 'ok' }),
    deliver: async (items) => new Map(items.filter((item) => !skip.has(item.id)).map((item) => [item.id, outcome])),
  });

  it('answers retry for it, never delivered or rejected, so the client sends it again', async () => {
    const [kept, skipped] = [feedback(), feedback()];
    const left = new Set([skipped.id as string]);
    for (const other of [{ status: 'delivered' }, { status: 'rejected', error: 'nope' }] as DeliveryOutcome[]) {
      const handle = createProxy({
        destinations: [answering('first', { status: 'delivered' }), answering('second', other, left)],
        allowedOrigins: [ORIGIN],
        logger: logs,
        rateLimit: false,
      });
      const { body } = await post(handle, [kept, skipped]);
      expect(body.results[1]).toEqual({ id: skipped.id, status: 'retry', error: 'not delivered' });
      expect(body.results[0].status).toBe(other.status);
    }
  });
});

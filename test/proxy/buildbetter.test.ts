// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BuildBetterOptions, buildbetter } from '../../src/proxy/buildbetter.js';
import type { DeliveryContext, DeliveryOutcome } from '../../src/proxy/destination.js';
import { ConfigError } from '../../src/proxy/errors.js';
import type { Submission } from '../../src/schema/submission.js';
import { type FakeBuildBetter, type FakeBuildBetterOptions, startFakeBuildBetter } from '../fakes/buildbetter.js';

const KEY = 'bb-key';
const RECORDS = /\/records$/;
const MINUTE = 60_000;
/** A slot frees 60 s and a second of slack after its request left (buildbetter.ts, WINDOW_MS). */
const SLOT_MS = 61_000;

let clock: number;
let fake: FakeBuildBetter;
let logs: string[];
const ctx: DeliveryContext = {
  now: () => clock,
  log: {
    info: (m) => logs.push(`info ${m}`),
    warn: (m) => logs.push(`warn ${m}`),
    error: (m) => logs.push(`error ${m}`),
  },
};

async function start(options: FakeBuildBetterOptions = {}) {
  await fake?.close();
  fake = await startFakeBuildBetter({ now: () => clock, ...options });
}
const destination = (options: Partial<BuildBetterOptions> = {}) =>
  buildbetter({ apiKey: KEY, sourceId: 123, baseUrl: fake.url, ...options });

let seq = 0;
const sub = (extra: Partial<Submission> = {}): Submission => ({
  id: `sub-${++seq}`,
  kind: 'feedback',
  body: 'Search is broken on mobile',
  createdAt: '2026-03-15T10:30:00.000Z',
  ...extra,
});
const stored = (sourceId = 123) => fake.records(sourceId);
const requests = (method: string, path: RegExp = /./) =>
  fake.calls.filter((c) => c.method === method && path.test(c.path));
const fieldsOf = (externalId: string) =>
  Object.fromEntries(
    stored()
      .find((r) => r.external_id === externalId)!
      .fields.map((f) => [f.name, f.value]),
  );

beforeEach(async () => {
  clock = Date.parse('2026-03-15T12:00:00Z');
  logs = [];
  await start();
});
afterEach(() => fake.close());

describe('buildbetter: mapping as BuildBetter stores it', () => {
  it('stores a record field by field, linked to its upserted person', async () => {
    const item = sub({
      kind: 'nps',
      score: 9,
      body: 'Love the new search',
      user: { id: 'u-1', email: 'Jane@Example.com', name: 'Jane Q Doe' },
      url: 'https://app.example.com/search',
      metadata: {
        pageSection: 'header',
        'Plan Tier': 'pro',
        seats: 3,
        ratio: 1.5,
        beta: false,
      },
    });
    expect(await destination().deliver([item], ctx)).toEqual(new Map([[item.id, { status: 'delivered' }]]));
    const [person] = fake.people();
    expect(person).toMatchObject({
      email: 'Jane@Example.com',
      first_name: 'Jane',
      last_name: 'Q Doe',
      boundary: 'external',
    });
    const [record] = stored();
    expect(record).toMatchObject({
      external_id: item.id,
      display_ts: item.createdAt,
      person_id: person!.id,
    });
    expect(record!.fields).toEqual([
      {
        category: 'content',
        type: 'string',
        name: 'feedback',
        value: 'Love the new search',
      },
      { category: 'content', type: 'integer', name: 'nps_score', value: 9 },
      { category: 'identity', type: 'string', name: 'user_id', value: 'u-1' },
      { category: 'metadata', type: 'string', name: 'kind', value: 'nps' },
      {
        category: 'metadata',
        type: 'string',
        name: 'page_url',
        value: 'https://app.example.com/search',
      },
      {
        category: 'metadata',
        type: 'string',
        name: 'page_section',
        value: 'header',
      },
      { category: 'metadata', type: 'string', name: 'plan_tier', value: 'pro' },
      { category: 'metadata', type: 'integer', name: 'seats', value: 3 },
      { category: 'metadata', type: 'float', name: 'ratio', value: 1.5 },
      { category: 'metadata', type: 'boolean', name: 'beta', value: false },
    ]);
  });

  it('upserts a person once per email across items and deliveries', async () => {
    const bb = destination();
    const user = { email: 'sam@example.com', name: 'Sam' };
    await bb.deliver([sub({ user }), sub({ user: { email: 'SAM@example.com' } }), sub({ user })], ctx);
    await bb.deliver([sub({ user })], ctx);
    expect(requests('PUT')).toHaveLength(1);
    expect(new Set(stored().map((r) => r.person_id))).toEqual(new Set([fake.people()[0]!.id]));
    expect(stored()).toHaveLength(4);
  });

  it('sends an NPS score of 0', async () => {
    const item = sub({ kind: 'nps', score: 0, body: undefined });
    await destination().deliver([item], ctx);
    expect(fieldsOf(item.id)).toMatchObject({ nps_score: 0, kind: 'nps' });
  });

  it('splits a 25 KB multi-byte body into feedback, feedback_2 and feedback_3 that reassemble exactly', async () => {
    await start({ fieldLimitBytes: 10_000 });
    const body = 'Ünïcödé 😀 text. '.repeat(1_200).slice(0, 19_000);
    expect(Buffer.byteLength(body)).toBeGreaterThan(25_000);
    const item = sub({ body });
    expect((await destination().deliver([item], ctx)).get(item.id)).toEqual({
      status: 'delivered',
    });
    const fields = fieldsOf(item.id);
    const chunks = [fields.feedback, fields.feedback_2, fields.feedback_3] as string[];
    expect(fields.feedback_4).toBeUndefined();
    expect(chunks.every((c) => Buffer.byteLength(c) <= 10_000)).toBe(true);
    expect(chunks.join('')).toBe(body);
  });

  it('stores each part as its own record, threaded to the item and linked to its own person', async () => {
    const item = sub({
      user: { email: 'jane@example.com' },
      parts: [
        {
          id: 'p-1',
          body: 'Also the filters',
          email: 'sam@example.com',
          author: 'Sam Support',
          userId: 'u-9',
        },
        { id: 'p-2', body: 'Works now', createdAt: '2026-03-16T09:00:00Z' },
      ],
    });
    expect((await destination().deliver([item], ctx)).get(item.id)).toEqual({
      status: 'delivered',
    });
    expect(stored().map((r) => r.external_id)).toEqual([item.id, 'p-1', 'p-2']);
    expect(fieldsOf('p-1')).toEqual({
      feedback: 'Also the filters',
      user_id: 'u-9',
      kind: 'feedback',
      thread_id: item.id,
    });
    const sam = fake.people().find((p) => p.email === 'sam@example.com')!;
    expect(stored()[1]).toMatchObject({
      person_id: sam.id,
      display_ts: item.createdAt,
    });
    expect(stored()[2]).toMatchObject({
      person_id: null,
      display_ts: '2026-03-16T09:00:00Z',
    });
  });
});

describe('buildbetter: exactly once', () => {
  it.each([409, 400, 422] as const)('answers delivered for a duplicate external_id (fake answers %i)', async (duplicate) => {
    await start({ duplicate });
    const item = sub();
    await destination().deliver([item], ctx);
    // A second proxy instance (a restart) has no memory of the first delivery.
    const again = await destination().deliver([item], ctx);
    expect(again.get(item.id)).toEqual({ status: 'delivered' });
    expect(requests('POST', RECORDS).map((c) => c.status)).toEqual([200, duplicate]);
    expect(stored()).toHaveLength(1);
  });

  it('recognises the duplicate message under any 4xx status', async () => {
    const item = sub();
    fake.failNext({ status: 422, body: { message: 'Duplicate external_id detected' }, match: { path: RECORDS } });
    expect((await destination().deliver([item], ctx)).get(item.id)).toEqual({ status: 'delivered' });
  });

  it('answers retry until every part is stored, then re-sends only what is missing', async () => {
    let sent = 0;
    const failSecond: typeof fetch = (input, init) =>
      ++sent === 2 ? Promise.resolve(Response.json({ error: 'down' }, { status: 502 })) : fetch(input, init);
    const bb = destination({ fetch: failSecond });
    const item = sub({
      parts: [
        { id: 'p-1', body: 'one' },
        { id: 'p-2', body: 'two' },
      ],
    });
    expect((await bb.deliver([item], ctx)).get(item.id)).toMatchObject({
      status: 'retry',
      retryAfterMs: 10_000,
    });
    expect((await bb.deliver([item], ctx)).get(item.id)).toEqual({
      status: 'delivered',
    });
    expect(stored().map((r) => r.external_id)).toEqual([item.id, 'p-1', 'p-2']);
    expect(requests('POST', RECORDS).map((c) => c.status)).toEqual([200, 200, 200]);
  });
});

describe('buildbetter: words re-sent under the same id', () => {
  const score = () => sub({ kind: 'nps', score: 9, body: undefined, user: { id: 'u-1', email: 'jane@example.com' } });
  const followUps = (id: string) => stored().filter((r) => r.fields.some((f) => f.name === 'thread_id' && f.value === id));

  it('sends a comment re-sent after its score as a follow-up record linked by thread_id; the same re-send adds nothing', async () => {
    const bb = destination();
    const item = score();
    await bb.deliver([item], ctx);
    const withComment = { ...item, body: 'Love the new search' };
    expect((await bb.deliver([withComment], ctx)).get(item.id)).toEqual({ status: 'delivered' });
    expect((await bb.deliver([withComment], ctx)).get(item.id)).toEqual({ status: 'delivered' });
    expect(stored()).toHaveLength(2);
    const [followUp] = followUps(item.id);
    expect(followUp!.external_id).not.toBe(item.id);
    expect(followUp!.external_id!.startsWith(`${item.id}:`)).toBe(true);
    expect(Object.fromEntries(followUp!.fields.map((f) => [f.name, f.value]))).toEqual({
      feedback: 'Love the new search',
      user_id: 'u-1',
      kind: 'nps',
      thread_id: item.id,
    });
    expect(followUp!.person_id).toBe(fake.people()[0]!.id);
  });

  it('still delivers the new words after a restart, when BuildBetter answers 409 for the item, and once only', async () => {
    const item = score();
    await destination().deliver([item], ctx);
    const withComment = { ...item, body: 'Too slow on mobile' };
    // Each destination() is a fresh process: it knows nothing of what the last one sent.
    for (let restart = 0; restart < 2; restart++)
      expect((await destination().deliver([withComment], ctx)).get(item.id)).toEqual({ status: 'delivered' });
    expect(followUps(item.id).map((r) => r.fields.find((f) => f.name === 'feedback')!.value)).toEqual(['Too slow on mobile']);
    const another = { ...item, body: 'And the search box is tiny' };
    await destination().deliver([another], ctx);
    expect(followUps(item.id)).toHaveLength(2);
  });

  it('sends nothing more for a feedback item re-sent after a restart', async () => {
    const item = sub();
    await destination().deliver([item], ctx);
    expect((await destination().deliver([item], ctx)).get(item.id)).toEqual({ status: 'delivered' });
    expect(stored()).toHaveLength(1);
  });

  it('counts a duplicate reported as 422 "already exists" as delivered', async () => {
    const item = sub();
    fake.failNext({ status: 422, body: { error: 'Record with this external_id already exists' }, match: { path: RECORDS } });
    expect((await destination().deliver([item], ctx)).get(item.id)).toEqual({ status: 'delivered' });
  });
});

describe('buildbetter: sharing the window between clients', () => {
  const from = (client: string): DeliveryContext => ({ ...ctx, client });
  const count = (outcomes: Map<string, DeliveryOutcome>, status: DeliveryOutcome['status']) => [...outcomes.values()].filter((o) => o.status === status).length;

  it('lets a client alone use the whole window, then gives each waiting client its share, and wastes none', async () => {
    const bb = destination({ requestsPerMinute: 20 });
    const heavy = (n: number) => Array.from({ length: n }, () => sub());
    // Alone, the heavy client may use it all.
    expect(count(await bb.deliver(heavy(30), from('heavy')), 'delivered')).toBe(20);
    clock += 1_000;
    const light = heavy(5);
    const refused = await bb.deliver(light, from('light'));
    expect(count(refused, 'retry')).toBe(5);
    expect((refused.get(light[0]!.id) as { retryAfterMs: number }).retryAfterMs).toBe(SLOT_MS - 1_000);
    // The window has turned over; the heavy client comes back first, and gets half while the light one waits.
    clock += 60_000;
    const heavyAgain = await bb.deliver(heavy(30), from('heavy'));
    expect(count(heavyAgain, 'delivered')).toBe(10);
    expect([...heavyAgain.values()].find((o) => o.status === 'retry')).toMatchObject({ retryAfterMs: expect.any(Number) });
    expect(count(await bb.deliver(light, from('light')), 'delivered')).toBe(5);
    // With no one else waiting, the rest of the window is the heavy client's again.
    expect(count(await bb.deliver(heavy(30), from('heavy')), 'delivered')).toBe(5);
    expect(fake.maxRequestsInAnyWindow(MINUTE)).toBeLessThanOrEqual(20);
  });
});

describe('buildbetter: pacing', () => {
  it('sends 150 items over several minutes without ever exceeding 100 requests in a 60 s window', async () => {
    const bb = destination();
    const items = Array.from({ length: 150 }, (_, i) => sub({ user: { email: `user${i % 40}@example.com` } }));
    let pending = items;
    let rounds = 0;
    while (pending.length && rounds++ < 100) {
      const outcomes = await bb.deliver(pending, ctx);
      const retries = pending.filter((i) => outcomes.get(i.id)?.status === 'retry');
      for (const i of retries)
        expect(outcomes.get(i.id)).toMatchObject({
          retryAfterMs: expect.any(Number),
        });
      const waits = retries.map((i) => (outcomes.get(i.id) as { retryAfterMs: number }).retryAfterMs);
      expect(waits.every((w) => w > 0 && w <= SLOT_MS)).toBe(true);
      pending = retries;
      clock += Math.min(...waits, 7_000);
    }
    expect(pending).toEqual([]);
    expect(fake.maxRequestsInAnyWindow(MINUTE)).toBeLessThanOrEqual(90);
    expect(fake.calls.filter((c) => c.status === 429)).toEqual([]);
    expect(new Set(stored().map((r) => r.external_id)).size).toBe(150);
    expect(stored()).toHaveLength(150);
  });

  it('shares one window between concurrent deliveries', async () => {
    const bb = destination({ requestsPerMinute: 20 });
    const [a, b] = await Promise.all([
      bb.deliver(
        Array.from({ length: 15 }, () => sub()),
        ctx,
      ),
      bb.deliver(
        Array.from({ length: 15 }, () => sub()),
        ctx,
      ),
    ]);
    const delivered = [...a.values(), ...b.values()].filter((o) => o.status === 'delivered');
    expect(delivered).toHaveLength(20);
    expect(fake.calls).toHaveLength(20);
  });

  it('takes the person and record slots together, so pacing never half-sends an item', async () => {
    const bb = destination({ requestsPerMinute: 3 });
    const first = sub({ user: { email: 'a@example.com' } });
    const second = sub({ user: { email: 'b@example.com' } });
    const outcomes = await bb.deliver([first, second], ctx);
    expect(outcomes.get(second.id)).toMatchObject({
      status: 'retry',
      retryAfterMs: SLOT_MS,
    });
    expect(fake.calls.map((c) => c.method)).toEqual(['PUT', 'POST']);
  });

  it('sends an item with more records than a window holds over several windows, each record once', async () => {
    const bb = destination({ requestsPerMinute: 5 });
    const item = sub({ parts: Array.from({ length: 6 }, (_, i) => ({ id: `part-${i}`, body: `reply ${i}` })) });
    expect((await bb.deliver([item], ctx)).get(item.id)).toMatchObject({ status: 'retry', retryAfterMs: SLOT_MS });
    expect(stored()).toHaveLength(5);
    clock += SLOT_MS;
    expect((await bb.deliver([item], ctx)).get(item.id)).toEqual({ status: 'delivered' });
    expect(stored()).toHaveLength(7);
    expect(requests('POST', RECORDS)).toHaveLength(7);
  });

  it('honours an upstream 429 and sends nothing until its Retry-After has passed', async () => {
    const bb = destination();
    const [a, b] = [sub(), sub()];
    fake.failNext({ status: 429, retryAfter: '7', match: { path: RECORDS } });
    expect((await bb.deliver([a], ctx)).get(a.id)).toMatchObject({
      status: 'retry',
      retryAfterMs: 7_000,
    });
    clock += 6_000;
    expect((await bb.deliver([a, b], ctx)).get(b.id)).toMatchObject({
      status: 'retry',
      retryAfterMs: 1_000,
    });
    expect(fake.calls).toHaveLength(1);
    clock += 1_000;
    const later = await bb.deliver([a, b], ctx);
    expect([...later.values()]).toEqual([{ status: 'delivered' }, { status: 'delivered' }]);
  });
});

describe('buildbetter: Retry-After', () => {
  it('holds an upstream 429 of 99999999 s for an hour at most, and says so', async () => {
    const bb = destination();
    const [a, b] = [sub(), sub()];
    fake.failNext({ status: 429, retryAfter: '99999999', match: { path: RECORDS } });
    expect((await bb.deliver([a], ctx)).get(a.id)).toMatchObject({ status: 'retry', retryAfterMs: 3_600_000 });
    clock += 3_600_000;
    expect([...(await bb.deliver([a, b], ctx)).values()]).toEqual([{ status: 'delivered' }, { status: 'delivered' }]);
  });
});

describe('buildbetter: upstream failures', () => {
  it('answers retry to a 401, logs the cause loudly and never the key', async () => {
    const secret = 'bb-secret-DO-NOT-LOG';
    const bb = destination({ apiKey: secret });
    const items = Array.from({ length: 10 }, (_, i) => sub({ user: { email: `u${i}@example.com` } }));
    const outcomes = await bb.deliver(items, ctx);
    expect([...outcomes.values()].every((o) => o.status === 'retry')).toBe(true);
    expect(logs).toContainEqual(expect.stringMatching(/^error BuildBetter answered 401: check BUILDBETTER_API_KEY/));
    expect(bb.health()).toMatchObject({
      status: 'failing',
      reason: expect.stringContaining('401'),
    });
    const everything = JSON.stringify([...logs, [...outcomes.values()], bb.health()]);
    expect(everything).not.toContain(secret);
    // Only the items already in flight (4 at a time) reach BuildBetter: the rest wait for a fix.
    expect(fake.calls.length).toBeLessThanOrEqual(4);
  });

  it('answers retry to a 404 and upserts the person again next time', async () => {
    const bb = destination();
    const user = { email: 'jane@example.com' };
    await bb.deliver([sub({ user })], ctx);
    fake.failNext({ status: 404, match: { path: RECORDS } });
    const item = sub({ user });
    expect((await bb.deliver([item], ctx)).get(item.id)).toMatchObject({
      status: 'retry',
    });
    expect(logs).toContainEqual('error BuildBetter answered 404: source 123 or person not found');
    expect(bb.health().status).toBe('failing');
    expect((await bb.deliver([item], ctx)).get(item.id)).toEqual({
      status: 'delivered',
    });
    expect(requests('PUT')).toHaveLength(2);
    expect(bb.health().status).toBe('ok');
  });

  it('delivers after a single 500', async () => {
    const bb = destination();
    const item = sub();
    fake.failNext({ status: 500, match: { path: RECORDS } });
    expect((await bb.deliver([item], ctx)).get(item.id)).toMatchObject({
      status: 'retry',
      retryAfterMs: 10_000,
    });
    expect(bb.health()).toMatchObject({
      status: 'failing',
      reason: 'BuildBetter answered 500: Internal Server Error',
    });
    expect((await bb.deliver([item], ctx)).get(item.id)).toEqual({
      status: 'delivered',
    });
    expect(stored()).toHaveLength(1);
  });

  it('answers retry when the connection is reset', async () => {
    const bb = destination();
    const item = sub();
    fake.failNext({ reset: true });
    const outcome = (await bb.deliver([item], ctx)).get(item.id);
    expect(outcome).toMatchObject({
      status: 'retry',
      error: expect.stringContaining('unreachable'),
    });
    expect(bb.health().status).toBe('failing');
  });

  it('answers retry on a timeout, and delivered once when the slow write had landed', async () => {
    const bb = destination({ timeoutMs: 100 });
    const item = sub();
    fake.failNext({ delayMs: 400, match: { path: RECORDS } });
    const outcome = (await bb.deliver([item], ctx)).get(item.id);
    expect(outcome).toMatchObject({
      status: 'retry',
      error: 'BuildBetter did not answer within 100 ms',
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await bb.deliver([item], ctx)).get(item.id)).toEqual({
      status: 'delivered',
    });
    expect(stored()).toHaveLength(1);
  });

  it('answers retry for the one item whose person upsert failed, and delivers the others', async () => {
    const bb = destination();
    const [a, b, c] = [sub({ user: { email: 'a@example.com' } }), sub(), sub()];
    fake.failNext({ status: 500, match: { method: 'PUT' } });
    const outcomes = await bb.deliver([a, b, c], ctx);
    expect(outcomes.get(a.id)).toMatchObject({ status: 'retry' });
    expect([outcomes.get(b.id), outcomes.get(c.id)]).toEqual([{ status: 'delivered' }, { status: 'delivered' }]);
    expect((await bb.deliver([a], ctx)).get(a.id)).toEqual({
      status: 'delivered',
    });
  });

  it('keeps the feedback when the person is refused, with the email as a field', async () => {
    const item = sub({ user: { email: 'odd@example.com', name: 'Odd One' } });
    fake.failNext({
      status: 400,
      body: { error: 'Invalid person' },
      match: { method: 'PUT' },
    });
    expect((await destination().deliver([item], ctx)).get(item.id)).toEqual({
      status: 'delivered',
    });
    expect(stored()[0]!.person_id).toBeNull();
    expect(fieldsOf(item.id)).toMatchObject({
      email: 'odd@example.com',
      user_name: 'Odd One',
    });
  });

  it('rejects a record BuildBetter refuses with 400, with its message', async () => {
    const item = sub();
    fake.failNext({
      status: 400,
      body: { error: 'Invalid field "kind"', detail: 'raw' },
      match: { path: RECORDS },
    });
    const outcome = (await destination().deliver([item], ctx)).get(item.id);
    expect(outcome).toEqual({
      status: 'rejected',
      error: 'buildbetter rejected the record: Invalid field "kind"',
    });
  });

  it.each([400, 422] as const)(
    'treats a %i naming nothing of the record, before any record was stored, as a configuration fault: retry, failing, one loud line',
    async (status) => {
      const bb = destination();
      const items = [sub(), sub(), sub(), sub(), sub(), sub()];
      fake.failNext({ status, body: { error: 'Unknown key: source_kind' }, match: { path: RECORDS }, times: 100 });
      const outcomes = await bb.deliver(items, ctx);
      for (const item of items) expect(outcomes.get(item.id)).toMatchObject({ status: 'retry', error: `buildbetter is misconfigured (${status})` });
      expect(bb.health().status).toBe('failing');
      expect(logs.filter((line) => line.startsWith('error'))).toEqual([
        expect.stringMatching(new RegExp(`BuildBetter refused a record \\(${status}\\).*configuration fault.*BUILDBETTER_SOURCE_ID.*Unknown key: source_kind`)),
      ]);
      // The delivery stops at the fault: at most the records already under way were sent.
      expect(requests('POST', RECORDS).length).toBeLessThanOrEqual(4);
      expect(stored()).toEqual([]);
    },
  );

  it('rejects a record refused naming nothing of it once BuildBetter has stored a record from this proxy', async () => {
    const bb = destination();
    const first = sub();
    expect((await bb.deliver([first], ctx)).get(first.id)).toEqual({ status: 'delivered' });
    const item = sub();
    fake.failNext({ status: 422, body: { error: 'Unprocessable record' }, match: { path: RECORDS } });
    expect((await bb.deliver([item], ctx)).get(item.id)).toEqual({
      status: 'rejected',
      error: 'buildbetter rejected the record: Unprocessable record',
    });
  });

  it('cuts a long upstream message to 200 characters', async () => {
    const bb = destination();
    await bb.deliver([sub()], ctx);
    const item = sub();
    fake.failNext({
      status: 400,
      body: { message: 'x'.repeat(5_000) },
      match: { path: RECORDS },
    });
    const outcome = (await bb.deliver([item], ctx)).get(item.id) as Extract<DeliveryOutcome, { status: 'rejected' }>;
    expect(outcome.error).toBe(`buildbetter rejected the record: ${'x'.repeat(200)}`);
  });

  it('answers retry for every item when fetch itself throws', async () => {
    const bb = destination({
      fetch: () => Promise.reject(new TypeError('boom')),
    });
    const items = [sub(), sub()];
    const outcomes = await bb.deliver(items, ctx);
    expect([...outcomes.keys()]).toEqual(items.map((i) => i.id));
    expect([...outcomes.values()].every((o) => o.status === 'retry')).toBe(true);
  });
});

describe('buildbetter: feedback source', () => {
  it('refuses to start without a source id, or without a key', () => {
    expect(() => buildbetter({ apiKey: KEY } as BuildBetterOptions)).toThrow(ConfigError);
    expect(() => buildbetter({ apiKey: '', sourceId: 1 })).toThrow(/BUILDBETTER_API_KEY/);
  });
});

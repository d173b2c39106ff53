// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INGEST_PATH, MAX_BODY_BYTES, startFakeAmplitude } from './amplitude.js';
import type { FakeAmplitude, FakeAmplitudeOptions } from './amplitude.js';

type Obj = Record<string, unknown>;
const basic = (user: string, pass: string) =>
  `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
const AUTH = basic('amp-key', 'amp-secret');
const JSON_TYPE = 'application/json';

let clock = 1_000;
let fake: FakeAmplitude;

async function start(options: FakeAmplitudeOptions = {}) {
  await fake?.close();
  const sources = { 'src-1': 'webhook', 'src-2': 'webhook', 'src-zen': 'other' } as const;
  fake = await startFakeAmplitude({ sources, now: () => clock, ...options });
}
beforeEach(async () => {
  clock = 1_000;
  await start();
});
afterEach(() => fake.close());

/** POST to the fake with exactly these headers. */
const send = (body: unknown, headers: Record<string, string>, path = INGEST_PATH) =>
  fetch(fake.url + path, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const post = (body: unknown, headers: Record<string, string> = {}, path = INGEST_PATH) =>
  send(body, { authorization: AUTH, 'content-type': JSON_TYPE, ...headers }, path);
const ingest = (items: unknown[], source_id = 'src-1') => post({ source_id, items });
const statusOf = async (res: Promise<Response>) => (await res).status;
const bodyOf = async (res: Promise<Response>) => (await res).json() as Promise<Obj>;

const many = <T>(n: number, make: (i: number) => T) => Array.from({ length: n }, (_, i) => make(i));
const long = (n: number) => 'x'.repeat(n);
const item = (unique_id: string, extra: Obj = {}) => ({ unique_id, body: 'text', ...extra });
const part = (unique_id: string, extra: Obj = {}) => ({ unique_id, body: 'reply', ...extra });
const parts = (...list: unknown[]) => ({ conversation_parts: list });
const ONE = { source_id: 'src-1', items: [item('a')] };
const OK = (ingested = 1) => ({ ingested, failed: 0, errors: [] });

describe('routing and auth', () => {
  it('answers 200 with counts and stores a valid item', async () => {
    const res = ingest([item('a', { author: 'Jane', created_at: '2026-03-15T10:30:00Z' })]);
    expect(await bodyOf(res)).toEqual(OK());
    expect(fake.stored()).toEqual([
      { ...item('a'), author: 'Jane', created_at: '2026-03-15T10:30:00Z', conversation_parts: [] },
    ]);
  });

  it('answers 404 to any other path', async () => {
    expect(await statusOf(post(ONE, {}, '/api/1/ai-feedback'))).toBe(404);
    expect(await statusOf(post(ONE, {}, `${INGEST_PATH}/`))).toBe(404);
  });

  it('answers 405 with Allow: POST to other methods on the ingest path', async () => {
    const res = await fetch(fake.url + INGEST_PATH, { headers: { authorization: AUTH } });
    expect([res.status, res.headers.get('allow')]).toEqual([405, 'POST']);
  });

  it.each([
    ['a missing Authorization header', { 'content-type': JSON_TYPE }],
    ['a scheme other than Basic', { 'content-type': JSON_TYPE, authorization: 'Bearer amp-key' }],
    ['an empty Basic token', { 'content-type': JSON_TYPE, authorization: 'Basic ' }],
  ])('answers 401 to %s', async (_, headers) => {
    expect(await statusOf(send(ONE, headers))).toBe(401);
    expect(fake.writes).toBe(0);
  });

  it.each([
    ['a wrong secret key', basic('amp-key', 'nope')],
    ['a wrong API key', basic('nope', 'amp-secret')],
    ['credentials without a colon', `Basic ${Buffer.from('amp-key').toString('base64')}`],
  ])('answers 403 to %s', async (_, authorization) => {
    expect(await statusOf(post(ONE, { authorization }))).toBe(403);
    expect(fake.writes).toBe(0);
  });
});

describe('body format and size', () => {
  it('answers 400 when Content-Type is not application/json', async () => {
    expect(await statusOf(post(ONE, { 'content-type': 'text/plain' }))).toBe(400);
    expect(fake.writes).toBe(0);
  });

  it('accepts Content-Type application/json with a charset', async () => {
    expect(await statusOf(post(ONE, { 'content-type': `${JSON_TYPE}; charset=utf-8` }))).toBe(200);
  });

  it('answers 400 to malformed JSON', async () => {
    expect(await statusOf(post('{"source_id": "src-1", "items": ['))).toBe(400);
  });

  it('accepts a body of exactly 5,000,000 bytes and answers 413 to one byte more', async () => {
    const text = JSON.stringify(ONE);
    const padded = (bytes: number) => text + ' '.repeat(bytes - text.length);
    expect(await statusOf(post(padded(MAX_BODY_BYTES)))).toBe(200);
    expect(await statusOf(post(padded(MAX_BODY_BYTES + 1)))).toBe(413);
    expect(fake.writes).toBe(1);
  });
});

describe('envelope', () => {
  it.each([
    ['source_id is missing', { items: [item('a')] }, 'source_id'],
    ['source_id is empty', { ...ONE, source_id: '' }, 'source_id'],
    ['source_id is over 128 characters', { ...ONE, source_id: long(129) }, 'source_id'],
    ['items is missing', { source_id: 'src-1' }, 'items'],
    ['items is empty', { ...ONE, items: [] }, 'items'],
    ['items has 101 entries', { ...ONE, items: many(101, (i) => item(`i${i}`)) }, 'items'],
    ['a top-level field is unknown', { ...ONE, extra: 1 }, 'extra'],
    ['an item is not an object', { ...ONE, items: ['a'] }, 'items[0]'],
    ['an item has no unique_id', { ...ONE, items: [{ body: 'x' }] }, 'items[0].unique_id'],
    ['the body is an array', [ONE], ''],
  ])('answers 400 with issues when %s', async (_, body, path) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { error: string; issues: Array<{ path: string }> };
    expect(answer.error).toBe('Invalid request body');
    expect(answer.issues.map((i) => i.path)).toContain(path);
    expect(fake.writes).toBe(0);
  });

  it('accepts 100 items and a 128-character source_id', async () => {
    await start({ sources: { [long(128)]: 'webhook' } });
    expect(
      await bodyOf(
        ingest(
          many(100, (i) => item(`i${i}`)),
          long(128),
        ),
      ),
    ).toEqual(OK(100));
  });

  it('answers 404 to an unknown source_id', async () => {
    expect(await statusOf(ingest([item('a')], 'nope'))).toBe(404);
    expect(await statusOf(ingest([item('a')], 'toString'))).toBe(404);
  });

  it('answers 403 to a source that is not a webhook source', async () => {
    expect(await statusOf(ingest([item('a')], 'src-zen'))).toBe(403);
    expect(fake.writes).toBe(0);
  });
});

const invalidItems: Array<[string, Obj]> = [
  ['an empty unique_id', { unique_id: '' }],
  ['a unique_id over 1024 characters', { unique_id: long(1025) }],
  ['a body over 20,000 characters', { body: long(20_001) }],
  ['a non-string body', { body: 42 }],
  ['an author over 512 characters', { author: long(513) }],
  ['a null author', { author: null }],
  ['an invalid email', { email: 'not-an-email' }],
  // Amplitude's rule (zod's), which the proxy's schema now shares: stricter than "a@b.c".
  ['an email with two dots in a row', { email: 'a..b@x.co' }],
  ['an email starting with a dot', { email: '.a@x.co' }],
  ['an email with a numeric top-level domain', { email: 'a@1.2' }],
  ['a created_at without seconds', { created_at: '2026-03-15T10:30Z' }],
  ['an email over 512 characters', { email: `${long(506)}@ex.com` }],
  ['a user_id over 1024 characters', { user_id: long(1025) }],
  ['an invalid url', { url: 'not a url' }],
  ['a non-http url', { url: 'ftp://example.com/x' }],
  ['a url over 2048 characters', { url: `https://example.com/${long(2029)}` }],
  ['a created_at that is not a datetime', { created_at: 'yesterday' }],
  ['a created_at without a time zone', { created_at: '2026-03-15T10:30:00' }],
  ['a created_at that is only a date', { created_at: '2026-03-15' }],
  ['a created_at on a day that does not exist', { created_at: '2026-02-30T10:30:00Z' }],
  ['an unknown field', { score: 9 }],
  ['conversation_parts that is not an array', { conversation_parts: {} }],
  ['101 conversation parts', parts(...many(101, (i) => part(`p${i}`)))],
  ['a part without body', parts({ unique_id: 'p1' })],
  ['a part with an empty body', parts(part('p1', { body: '' }))],
  ['a part body over 20,000 characters', parts(part('p1', { body: long(20_001) }))],
  ['a part without unique_id', parts({ body: 'reply' })],
  ['a part with an invalid email', parts(part('p1', { email: 'x@' }))],
  ['a part with an unknown field', parts(part('p1', { kind: 'nps' }))],
  ['nested conversation parts', parts(part('p1', parts(part('p2'))))],
  ['two parts with the same unique_id', parts(part('p1'), part('p1'))],
  ['a new item with neither body nor parts', { body: undefined }],
  ['a new item with an empty body and no parts', { body: '' }],
];

describe("per-item validation (mode 'per-item')", () => {
  it.each(invalidItems)('fails an item with %s and stores its valid sibling', async (_, extra) => {
    const bad = { ...item('bad'), ...extra };
    const answer = await bodyOf(ingest([item('good'), bad]));
    expect(answer).toEqual({
      ingested: 1,
      failed: 1,
      errors: [{ unique_id: bad.unique_id, error: expect.any(String) }],
    });
    expect(fake.stored().map((i) => i.unique_id)).toEqual(['good']);
  });

  it('fails the later copy of a unique_id sent twice in one request', async () => {
    const answer = await bodyOf(ingest([item('a'), item('a', { body: 'again' })]));
    expect(answer).toMatchObject({ ingested: 1, failed: 1, errors: [{ unique_id: 'a' }] });
    expect(fake.stored()).toMatchObject([{ unique_id: 'a', body: 'text' }]);
  });

  it('accepts every field at its maximum length', async () => {
    const full = {
      unique_id: long(1024),
      body: long(20_000),
      author: long(512),
      email: `${long(500)}@example.com`,
      user_id: long(1024),
      url: `https://example.com/${long(2028)}`,
      created_at: '2026-03-15T10:30:00.123+02:00',
      ...parts(...many(100, (i) => part(`p${i}`, { body: long(20_000) }))),
    };
    expect(await bodyOf(ingest([full]))).toEqual(OK());
  });

  it('accepts a new item carried only by its conversation parts (call transcript)', async () => {
    const call = { unique_id: 'call-1', author: 'Rep', ...parts(part('t1'), part('t2')) };
    expect(await bodyOf(ingest([call]))).toEqual(OK());
  });
});

describe("whole-request validation (mode 'whole-request')", () => {
  beforeEach(() => start({ validation: 'whole-request' }));

  it.each(invalidItems)('answers 400 and stores nothing for an item with %s', async (_, extra) => {
    const bad = { ...item('bad'), ...extra };
    const res = await ingest([item('good'), bad]);
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { error: string; issues: Obj[] };
    expect(answer.error).toBe('Invalid request body');
    expect(answer.issues[0]).toEqual({
      unique_id: bad.unique_id,
      path: expect.stringMatching(/^items\[1\]\./),
      message: expect.any(String),
    });
    expect([fake.stored().length, fake.writes]).toEqual([0, 0]);
  });

  it('names every bad item of the request in its issues, by index and unique_id', async () => {
    const items = Array.from({ length: 100 }, (_, i) => item(`i${i}`, i === 10 || i === 80 ? { email: 'not-an-email' } : {}));
    const res = await ingest(items);
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { issues: Obj[] };
    expect(answer.issues).toEqual([
      { unique_id: 'i10', path: 'items[10].email', message: 'Invalid email' },
      { unique_id: 'i80', path: 'items[80].email', message: 'Invalid email' },
    ]);
  });

  it('answers 200 when every item is valid', async () => {
    expect(await bodyOf(ingest([item('a'), item('b')]))).toEqual(OK(2));
  });
});

describe('dedup store', () => {
  it('upserts an item by unique_id: later fields overwrite, absent fields are kept', async () => {
    await ingest([item('a', { author: 'Jane', url: 'https://ex.com/1' })]);
    await ingest([{ unique_id: 'a', body: 'edited', author: 'Janet' }]);
    const expected = { unique_id: 'a', body: 'edited', author: 'Janet', url: 'https://ex.com/1' };
    expect(fake.stored()).toEqual([{ ...expected, conversation_parts: [] }]);
    expect(fake.writes).toBe(2);
  });

  it('keeps items in insertion order across upserts', async () => {
    await ingest([item('a'), item('b')]);
    await ingest([item('a', { body: 'again' }), item('c')]);
    expect(fake.stored().map((i) => i.unique_id)).toEqual(['a', 'b', 'c']);
  });

  it('appends new parts to a stored item sent without body, updating known parts in place', async () => {
    await ingest([item('t', parts(part('t-1'), part('t-2')))]);
    const update = { unique_id: 't', ...parts(part('t-3'), part('t-1', { body: 'edited' })) };
    expect(await bodyOf(ingest([update]))).toEqual(OK());
    const [stored] = fake.stored();
    expect(stored?.body).toBe('text');
    expect(stored?.conversation_parts).toEqual([
      part('t-1', { body: 'edited' }),
      part('t-2'),
      part('t-3'),
    ]);
  });

  it('accepts a stored item re-sent with only its unique_id', async () => {
    await ingest([item('a')]);
    expect(await bodyOf(ingest([{ unique_id: 'a' }]))).toEqual(OK());
    expect(fake.stored()).toEqual([{ ...item('a'), conversation_parts: [] }]);
  });

  it('keeps a separate store per source', async () => {
    await ingest([item('a')], 'src-1');
    await ingest([item('a', { body: 'other' })], 'src-2');
    expect(fake.stored('src-1')).toMatchObject([{ body: 'text' }]);
    expect(fake.stored('src-2')).toMatchObject([{ body: 'other' }]);
  });
});

describe('recording, faults and reset', () => {
  it('records every call with the injected clock, headers, raw and parsed body and status', async () => {
    clock = 42_000;
    await post(ONE);
    await post('nope');
    expect(fake.calls).toEqual([
      expect.objectContaining({ at: 42_000, method: 'POST', path: INGEST_PATH, body: ONE }),
      expect.objectContaining({ rawBody: 'nope', body: undefined, status: 400, fault: false }),
    ]);
    expect(fake.calls[0]).toMatchObject({ status: 200, headers: { authorization: AUTH } });
  });

  it('answers an injected status with Retry-After and body, then processes normally', async () => {
    fake.failNext({ status: 429, retryAfter: '7', body: { error: 'slow down' } });
    const first = await post(ONE);
    expect([first.status, first.headers.get('retry-after')]).toEqual([429, '7']);
    expect(await first.json()).toEqual({ error: 'slow down' });
    expect(fake.stored()).toEqual([]);
    expect(await statusOf(post(ONE))).toBe(200);
    expect(fake.calls.map((c) => [c.status, c.fault])).toEqual([
      [429, true],
      [200, false],
    ]);
  });

  it('answers a default JSON error body and applies a fault `times` times', async () => {
    fake.failNext({ status: 503, times: 2 });
    expect(await bodyOf(post(ONE))).toEqual({ error: 'Service Unavailable' });
    expect([await statusOf(post(ONE)), await statusOf(post(ONE))]).toEqual([503, 200]);
  });

  it('applies a fault only to matching requests', async () => {
    fake.failNext({ status: 500, match: { method: 'GET', path: /ingest$/ } });
    expect(await statusOf(post(ONE))).toBe(200);
    expect(await statusOf(fetch(`${fake.url}/other`))).toBe(404);
    expect(await statusOf(fetch(fake.url + INGEST_PATH))).toBe(500);
  });

  it('consumes queued faults in order', async () => {
    fake.failNext({ status: 500 });
    fake.failNext({ status: 502 });
    expect([await statusOf(post(ONE)), await statusOf(post(ONE))]).toEqual([500, 502]);
  });

  it('resets the socket without answering and records status 0', async () => {
    fake.failNext({ reset: true });
    await expect(post(ONE)).rejects.toThrow();
    expect(fake.calls).toMatchObject([{ status: 0, fault: true, body: ONE }]);
    expect(fake.stored()).toEqual([]);
  });

  it('delays the answer by delayMs and still stores the item', async () => {
    fake.failNext({ delayMs: 150 });
    const started = Date.now();
    expect(await statusOf(post(ONE))).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(fake.stored()).toHaveLength(1);
  });

  it('lets a client time out during a delay', async () => {
    fake.failNext({ delayMs: 5_000, status: 200 });
    const res = fetch(fake.url + INGEST_PATH, { method: 'POST', signal: AbortSignal.timeout(50) });
    await expect(res).rejects.toThrow();
  });

  it('clears calls, stored items, writes and faults on reset', async () => {
    await post(ONE);
    fake.failNext({ status: 500 });
    fake.reset();
    expect([fake.calls.length, fake.stored().length, fake.writes]).toEqual([0, 0, 0]);
    expect(await statusOf(post(ONE))).toBe(200);
  });
});

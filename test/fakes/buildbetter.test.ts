// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DUPLICATE_MESSAGE, startFakeBuildBetter } from './buildbetter.js';
import type { FakeBuildBetter, FakeBuildBetterOptions } from './buildbetter.js';
import { maxInWindow } from './http.js';

type Obj<T = unknown> = Record<string, T>;
const RECORDS = '/v3/rest/feedback-sources/123/records';
const SOURCES = '/v3/rest/feedback-sources';
const PEOPLE = '/v3/rest/people';

let clock = 0;
let fake: FakeBuildBetter;

async function start(options: FakeBuildBetterOptions = {}) {
  await fake?.close();
  fake = await startFakeBuildBetter({ now: () => clock, ...options });
}
beforeEach(async () => {
  clock = 0;
  await start();
});
afterEach(() => fake.close());

const call = (method: string, path: string, body?: unknown, headers: Obj<string> = {}) =>
  fetch(fake.url + path, {
    method,
    headers: { 'x-buildbetter-api-key': 'bb-key', 'content-type': 'application/json', ...headers },
    body: body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body),
  });
const postRecord = (body: unknown, path = RECORDS) => call('POST', path, body);
const person = (body: Obj) => call('PUT', PEOPLE, body);
const hit = (i: number | string) => person({ email: `p${i}@ex.com` });
const statusOf = async (res: Promise<Response>) => (await res).status;
const bodyOf = async (res: Promise<Response>) => (await res).json() as Promise<Obj>;
const errorOf = async (res: Promise<Response>) => (await bodyOf(res)).error;

const feedback = (value: unknown = 'text') => ({
  category: 'content',
  type: 'string',
  name: 'feedback',
  value,
});
const record = (extra: Obj = {}) => ({ external_id: 'ext-1', fields: [feedback()], ...extra });
const field = (type: string, value: unknown, extra: Obj = {}) => ({
  category: 'metadata',
  type,
  name: 'bad_field',
  value,
  ...extra,
});
const withField = (type: string, value: unknown, extra: Obj = {}) =>
  record({ fields: [field(type, value, extra)] });

describe('auth and routing', () => {
  it.each<[string, Obj<string>]>([
    ['a missing API key', {}],
    ['a wrong API key', { 'x-buildbetter-api-key': 'nope' }],
  ])('answers 401 to %s before looking at the route', async (_, headers) => {
    for (const path of [RECORDS, '/nowhere']) {
      const res = await fetch(fake.url + path, { method: 'POST', headers });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: 'Invalid or missing API key' });
    }
    expect(fake.records(123)).toEqual([]);
  });

  it('answers 404 to an unknown route', async () => {
    expect(await statusOf(postRecord(record(), '/v3/rest/records'))).toBe(404);
    expect(await statusOf(postRecord(record(), `${RECORDS}/`))).toBe(404);
  });

  it.each([
    ['GET', RECORDS, 'POST'],
    ['PUT', SOURCES, 'POST'],
    ['POST', PEOPLE, 'PUT'],
  ])('answers 405 to %s %s', async (method, path, allow) => {
    const res = await call(method, path, method === 'GET' ? undefined : {});
    expect([res.status, res.headers.get('allow')]).toEqual([405, allow]);
  });

  it('answers 400 when Content-Type is not application/json', async () => {
    expect(await statusOf(call('POST', RECORDS, record(), { 'content-type': 'text/plain' }))).toBe(
      400,
    );
    expect(fake.records(123)).toEqual([]);
  });

  it('answers 400 to malformed JSON', async () => {
    expect(await statusOf(call('PUT', PEOPLE, '{"email":'))).toBe(400);
  });
});

describe('feedback sources', () => {
  it('creates a source with a new id', async () => {
    clock = Date.UTC(2025, 0, 1, 12);
    expect(await bodyOf(call('POST', SOURCES, { name: 'Earful', type: 'api' }))).toEqual({
      id: 124,
      name: 'Earful',
      type: 'api',
      created_at: '2025-01-01T12:00:00.000Z',
    });
    expect(fake.sources().map((s) => s.id)).toEqual([123, 124]);
  });

  it.each([
    ['name is missing', { type: 'api' }],
    ['name is blank', { name: ' ', type: 'api' }],
    ['type is not api', { name: 'X', type: 'csv' }],
    ['a field is unknown', { name: 'X', type: 'api', color: 'red' }],
    ['the body is not an object', ['X']],
  ])('answers 400 when %s', async (_, body) => {
    expect(await statusOf(call('POST', SOURCES, body))).toBe(400);
    expect(fake.sources()).toHaveLength(1);
  });
});

describe('people', () => {
  const john = { first_name: 'John', last_name: 'Doe', email: 'john@example.com' };

  it('creates a person and returns the documented fields', async () => {
    const company = { name: 'Example Corp', domain: 'example.com' };
    expect(await bodyOf(person({ ...john, boundary: 'external', company }))).toEqual({
      ...john,
      id: expect.any(Number),
      company_id: expect.any(Number),
      created_at: expect.any(String),
    });
  });

  it('upserts by email case-insensitively and keeps the same id', async () => {
    const first = await bodyOf(person(john));
    const second = await bodyOf(person({ email: 'JOHN@example.com', first_name: 'Johnny' }));
    expect(second).toMatchObject({ id: first.id, first_name: 'Johnny', last_name: 'Doe' });
    expect(fake.people()).toHaveLength(1);
  });

  it.each([
    ['email is missing', { first_name: 'John' }],
    ['email is invalid', { email: 'john@' }],
    ['first_name is not a string', { email: 'j@ex.com', first_name: 1 }],
    ['boundary is unknown', { email: 'j@ex.com', boundary: 'partner' }],
    ['company has an unknown field', { email: 'j@ex.com', company: { name: 'X', size: 3 } }],
    ['company has neither name nor domain', { email: 'j@ex.com', company: {} }],
    ['a field is unknown', { email: 'j@ex.com', phone: '1' }],
  ])('answers 400 when %s', async (_, body) => {
    expect(await statusOf(person(body))).toBe(400);
    expect(fake.people()).toEqual([]);
  });
});

describe('records', () => {
  it('stores a record and answers the documented fields', async () => {
    clock = Date.UTC(2025, 0, 1, 10, 30);
    const { id } = await bodyOf(person({ email: 'a@ex.com' }));
    const body = record({ person_id: id, display_ts: '2025-01-01T10:30:00Z' });
    const answer = await bodyOf(postRecord(body));
    expect(answer).toEqual({
      id: expect.any(Number),
      person_id: id,
      feedback_source_id: 123,
      display_ts: '2025-01-01T10:30:00Z',
      external_id: 'ext-1',
      created_at: '2025-01-01T10:30:00.000Z',
    });
    expect(fake.records(123)).toEqual([{ ...answer, fields: body.fields }]);
  });

  it('stores a record without the optional person_id, display_ts and external_id', async () => {
    const answer = await bodyOf(postRecord({ fields: [feedback()] }));
    expect(answer).toMatchObject({ person_id: null, display_ts: null, external_id: null });
  });

  it('answers 404 to an unknown feedback source', async () => {
    const res = postRecord(record(), '/v3/rest/feedback-sources/999/records');
    expect(await errorOf(res)).toBe('Feedback source not found');
    expect(await statusOf(postRecord(record(), '/v3/rest/feedback-sources/abc/records'))).toBe(404);
  });

  it('answers 404 to an unknown person_id', async () => {
    const res = await postRecord(record({ person_id: 456 }));
    expect([res.status, await res.json()]).toEqual([404, { error: 'Person not found' }]);
    expect(fake.records(123)).toEqual([]);
  });

  it('answers 400 to an array of records: one record per request', async () => {
    const res = await postRecord([record()]);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: expect.stringContaining('One record per request') });
  });

  it('answers 409 to a duplicate external_id in the same source', async () => {
    await postRecord(record());
    const res = await postRecord(record({ fields: [feedback('again')] }));
    expect([res.status, await res.json()]).toEqual([409, { error: DUPLICATE_MESSAGE }]);
    expect(fake.records(123)).toHaveLength(1);
  });

  it('answers 400 with the same message to a duplicate when configured so', async () => {
    await start({ duplicate: 400 });
    await postRecord(record());
    const res = await postRecord(record());
    expect([res.status, await res.json()]).toEqual([
      400,
      { error: 'Duplicate external_id detected' },
    ]);
  });

  it('accepts the same external_id in another source', async () => {
    const sources = [123, 124].map((id) => ({ id, name: `S${id}`, type: 'api' }));
    await start({ sources });
    expect(await statusOf(postRecord(record()))).toBe(200);
    expect(await statusOf(postRecord(record(), '/v3/rest/feedback-sources/124/records'))).toBe(200);
  });

  it('accepts a value of every documented type and category', async () => {
    const fields = [
      { category: 'content', type: 'string', name: 's', value: 'x' },
      { category: 'content', type: 'integer', name: 'i', value: 9 },
      { category: 'metadata', type: 'float', name: 'f', value: 1.5 },
      { category: 'metadata', type: 'boolean', name: 'b', value: false },
      { category: 'created_at', type: 'date', name: 'd', value: '2025-01-01' },
      {
        category: 'created_at',
        type: 'datetime',
        name: 'dt',
        value: '2025-01-01T10:30:00.5+01:00',
      },
      { category: 'identifier', type: 'json', name: 'j', value: { a: [1, null] } },
      { category: 'identity', type: 'json', name: 'n', value: null },
    ];
    expect(await statusOf(postRecord(record({ fields })))).toBe(200);
  });

  it.each([
    ['fields is missing', { external_id: 'x' }],
    ['fields is empty', record({ fields: [] })],
    ['a field is not an object', record({ fields: ['x'] })],
    ['a field has no name', withField('string', 'x', { name: '' })],
    ['a field has an unknown category', withField('string', 'x', { category: 'body' })],
    ['a field has an unknown type', withField('text', 'x')],
    ['a field type is an Object.prototype key', withField('toString', 'x')],
    [
      'a field has no value',
      record({ fields: [{ category: 'content', type: 'json', name: 'n' }] }),
    ],
    ['a field has an unknown key', withField('string', 'x', { label: 'y' })],
    ['a string field holds a number', withField('string', 1)],
    ['an integer field holds a float', withField('integer', 9.5)],
    ['an integer field holds a string', withField('integer', '9')],
    ['an integer field is unsafe', withField('integer', 2 ** 53)],
    ['a float field holds a string', withField('float', '1.5')],
    ['a boolean field holds a string', withField('boolean', 'true')],
    ['a date field holds a datetime', withField('date', '2025-01-01T00:00:00Z')],
    ['a date field holds an impossible day', withField('date', '2025-02-30')],
    ['a datetime field has no zone', withField('datetime', '2025-01-01T10:30:00')],
    ['two fields share a name', record({ fields: [feedback(), feedback('again')] })],
    ['display_ts is not a datetime', record({ display_ts: '01/01/2025' })],
    ['external_id is not a string', record({ external_id: 7 })],
    ['person_id is not an integer', record({ person_id: '456' })],
    ['a top-level field is unknown', record({ source: 'widget' })],
  ])('answers 400 when %s', async (_, body) => {
    expect(await statusOf(postRecord(body))).toBe(400);
    expect(fake.records(123)).toEqual([]);
  });

  it('names the offending field in a type error', async () => {
    expect(await errorOf(postRecord(withField('integer', 'x')))).toContain('bad_field');
  });

  it('accepts a 10 KB field value and answers 400 naming a field one byte larger', async () => {
    expect(await statusOf(postRecord(record({ fields: [feedback('x'.repeat(10240))] })))).toBe(200);
    const over = feedback(`${'x'.repeat(10239)}é`); // 10,241 UTF-8 bytes
    const res = await postRecord(record({ external_id: 'ext-2', fields: [over] }));
    expect([res.status, await res.json()]).toEqual([
      400,
      { error: 'Field value exceeds 10KB: feedback' },
    ]);
  });

  it('measures non-string values by their JSON size', async () => {
    await start({ fieldLimitBytes: 10 });
    const blob = (id: string, value: unknown) =>
      postRecord(record({ external_id: id, fields: [{ ...field('json', value), name: 'blob' }] }));
    expect(await statusOf(blob('a', [1, 2, 3, 45]))).toBe(200); // 10 bytes
    expect(await errorOf(blob('b', [1, 2, 3, 456]))).toBe('Field value exceeds 10 bytes: blob');
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After to the 101st request in 60 s and lets it through 60 s later', async () => {
    for (let i = 0; i < 100; i++) expect(await statusOf(hit(i))).toBe(200);
    const limited = await postRecord(record());
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '60']);
    expect(await limited.json()).toEqual({ error: 'Rate limit exceeded' });
    expect(fake.records(123)).toEqual([]);
    clock += 59_999;
    expect(await statusOf(postRecord(record()))).toBe(429);
    clock += 1;
    expect(await statusOf(postRecord(record()))).toBe(200);
  });

  it('counts a rolling window, not fixed minutes, and Retry-After waits for the oldest request', async () => {
    await hit('first');
    clock = 30_000;
    for (let i = 0; i < 99; i++) await hit(i);
    clock = 45_500;
    const limited = await hit('late');
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '15']);
    clock = 60_000;
    expect([await statusOf(hit('late')), await statusOf(hit('later'))]).toEqual([200, 429]);
  });

  it('counts every authenticated request, including ones answered 400 or 404', async () => {
    await start({ rateLimitPerMinute: 3 });
    expect(await statusOf(call('GET', '/nowhere'))).toBe(404);
    expect(await statusOf(postRecord({}))).toBe(400);
    expect(await statusOf(call('POST', SOURCES, { name: 'X', type: 'api' }))).toBe(200);
    expect(await statusOf(hit('a'))).toBe(429);
  });

  it('does not count requests answered 401 or 429', async () => {
    await start({ rateLimitPerMinute: 2 });
    await fetch(fake.url + RECORDS, { method: 'POST' });
    await hit('a');
    await hit('b');
    expect([await statusOf(hit('c')), await statusOf(hit('c'))]).toEqual([429, 429]);
    clock = 60_000;
    expect([await statusOf(hit('c')), await statusOf(hit('d'))]).toEqual([200, 200]);
  });

  it('reports the most requests seen in any window, fault answers excluded', async () => {
    for (const t of [0, 10_000, 59_999, 60_000, 61_000]) {
      clock = t;
      await hit(t);
    }
    fake.failNext({ status: 500 });
    await hit('fault');
    expect([fake.maxRequestsInAnyWindow(), fake.maxRequestsInAnyWindow(1_000)]).toEqual([4, 2]);
  });

  it('computes windows as half-open intervals', () => {
    expect(maxInWindow([], 60_000)).toBe(0);
    expect(maxInWindow([0, 60_000], 60_000)).toBe(1);
    expect(maxInWindow([5, 0, 59_999], 60_000)).toBe(3);
  });
});

describe('faults and reset', () => {
  it('answers an injected 429 with Retry-After without counting or storing', async () => {
    await start({ rateLimitPerMinute: 1 });
    fake.failNext({ status: 429, retryAfter: '7', match: { path: /\/records$/ } });
    const faulted = await postRecord(record());
    expect([faulted.status, faulted.headers.get('retry-after')]).toEqual([429, '7']);
    expect(await statusOf(postRecord(record()))).toBe(200);
    expect(fake.calls.map((c) => [c.status, c.fault])).toEqual([
      [429, true],
      [200, false],
    ]);
  });

  it('applies a path-matched fault only to matching requests, `times` times', async () => {
    fake.failNext({ status: 500, times: 2, match: { method: 'PUT', path: /people/ } });
    expect(await statusOf(postRecord(record()))).toBe(200);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push(await statusOf(hit(i)));
    expect(statuses).toEqual([500, 500, 200]);
  });

  it('resets the socket without storing the record', async () => {
    fake.failNext({ reset: true });
    await expect(postRecord(record())).rejects.toThrow();
    expect(fake.calls).toMatchObject([{ status: 0, fault: true, body: record() }]);
    expect(fake.records(123)).toEqual([]);
  });

  it('delays the answer by delayMs', async () => {
    fake.failNext({ delayMs: 120, status: 502 });
    const started = Date.now();
    expect(await statusOf(postRecord(record()))).toBe(502);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('clears calls, data, the rate window and faults on reset', async () => {
    await start({ rateLimitPerMinute: 1 });
    await call('POST', SOURCES, { name: 'X', type: 'api' });
    await postRecord(record());
    fake.failNext({ status: 500 });
    fake.reset();
    expect([fake.calls.length, fake.sources().length, fake.people().length]).toEqual([0, 1, 0]);
    expect(await statusOf(postRecord(record()))).toBe(200);
  });
});

// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { amplitude, type AmplitudeOptions } from '../../src/proxy/amplitude.js';
import { chunkItems } from '../../src/proxy/amplitude-chunks.js';
import { defaultFormatBody, toAmplitudeItem } from '../../src/proxy/amplitude-map.js';
import { createProxy } from '../../src/proxy/create-proxy.js';
import type { Submission } from '../../src/schema/submission.js';
import { startFakeAmplitude } from '../fakes/amplitude.js';
import { ORIGIN, amplitudeItemOf, captureLogs, fakeAmplitudeForFile, feedback, post } from './helpers.js';

const fake = await fakeAmplitudeForFile({ sources: { 'src-1': 'webhook', 'src-zendesk': 'other' } });

const logs = captureLogs();
const ctx = { now: () => Date.now(), log: logs };
const destination = (options: Partial<AmplitudeOptions> = {}) =>
  amplitude({ apiKey: 'amp-key', secretKey: 'amp-secret', sourceId: 'src-1', baseUrl: fake.url, ...options });
const proxy = (options: Partial<AmplitudeOptions> = {}) =>
  createProxy({ destinations: [destination(options)], allowedOrigins: [ORIGIN], logger: logs, rateLimit: false });

describe('mapping', () => {
  it('maps every field by name, with user_id linking to Amplitude Analytics', async () => {
    const item = feedback({
      parts: [
        {
          id: 'p1',
          body: 'Still broken',
          author: 'Jane',
          email: 'jane@example.com',
          userId: 'user-123',
          url: 'https://app.example.com/x',
          createdAt: '2026-03-15T11:00:00Z',
        },
      ],
      metadata: { plan: 'pro' },
    });
    const { body } = await post(proxy(), [item]);
    expect(body.results[0].status).toBe('delivered');
    expect(fake.calls[0]!.headers.authorization).toBe(`Basic ${btoa('amp-key:amp-secret')}`);
    expect(fake.stored()).toEqual([
      {
        ...amplitudeItemOf(item),
        conversation_parts: [
          {
            unique_id: 'p1',
            body: 'Still broken',
            author: 'Jane',
            email: 'jane@example.com',
            user_id: 'user-123',
            url: 'https://app.example.com/x',
            created_at: '2026-03-15T11:00:00.000Z',
          },
        ],
      },
    ]);
  });

  it('formats NPS and CSAT bodies with and without a comment', () => {
    const base = { id: 'x', createdAt: '2026-01-01T00:00:00Z' } as const;
    expect(defaultFormatBody({ ...base, kind: 'nps', score: 9 })).toBe('NPS 9/10');
    expect(defaultFormatBody({ ...base, kind: 'nps', score: 0, body: 'Too slow' })).toBe('NPS 0/10: Too slow');
    expect(defaultFormatBody({ ...base, kind: 'csat', score: 4, body: 'Nice' })).toBe('CSAT 4/5: Nice');
    expect(defaultFormatBody({ ...base, kind: 'csat', score: 1, body: '   ' })).toBe('CSAT 1/5');
  });

  it('moves a comment that the prefix would push past 20,000 characters into a part, uncut', () => {
    const comment = 'é'.repeat(20_000);
    const mapped = toAmplitudeItem({
      id: 'n1',
      kind: 'nps',
      score: 3,
      body: comment,
      user: { id: 'u1' },
    } as Submission);
    expect(mapped.body).toBe('NPS 3/10');
    expect(mapped.conversation_parts).toEqual([{ unique_id: 'n1:comment', body: comment, user_id: 'u1' }]);
  });

  it("sends every createdAt, a part's included, in the one form Amplitude takes", async () => {
    const item = feedback({
      createdAt: '2026-03-15T11:30+01:00',
      parts: [{ id: 'p1', body: 'later', createdAt: '2026-03-15T12:00+0100' }],
    });
    const { body } = await post(proxy(), [item]);
    expect(body.results[0]).toEqual({ id: item.id, status: 'delivered' });
    expect(fake.stored()[0]).toMatchObject({
      created_at: '2026-03-15T10:30:00.000Z',
      conversation_parts: [{ unique_id: 'p1', created_at: '2026-03-15T11:00:00.000Z' }],
    });
  });

  it("names the comment part of a 1,024-character id within Amplitude's limit, the same on every send", async () => {
    const id = 'i'.repeat(1024);
    const item = feedback({ id, kind: 'nps', score: 3, body: 'é'.repeat(20_000) });
    for (let send = 0; send < 2; send++) {
      const { body } = await post(proxy(), [item]);
      expect(body.results[0]).toEqual({ id, status: 'delivered' });
    }
    const [stored] = fake.stored();
    expect(stored!.conversation_parts).toHaveLength(1);
    expect(stored!.conversation_parts[0]!.unique_id.length).toBeLessThanOrEqual(1024);
    expect(stored!.conversation_parts[0]!.body).toBe(item.body);
  });

  it('uses a custom formatBody', async () => {
    const handle = proxy({ formatBody: (s) => `[${s.kind}] ${s.body ?? ''}`.trim() });
    await post(handle, [feedback({ body: 'hello' })]);
    expect(fake.stored()[0]!.body).toBe('[feedback] hello');
  });
});

describe('batching', () => {
  it('sends 100 items in one upstream request', async () => {
    const items = Array.from({ length: 100 }, () => feedback());
    const { body } = await post(proxy(), items);
    expect(body.results.every((r: { status: string }) => r.status === 'delivered')).toBe(true);
    expect(fake.calls).toHaveLength(1);
    expect(fake.stored()).toHaveLength(100);
  });

  it('splits 250 items into requests of at most 100', async () => {
    const items = Array.from({ length: 250 }, () => feedback()) as Submission[];
    const outcomes = await destination().deliver(items, ctx);
    expect([...outcomes.values()].every((o) => o.status === 'delivered')).toBe(true);
    expect(fake.calls.map((c) => (c.body as { items: unknown[] }).items.length)).toEqual([100, 100, 50]);
  });

  it('keeps every request under 5 MB by splitting on size as well', async () => {
    const big = 'ü'.repeat(19_000); // 38 KB of UTF-8; with 100 parts an item is ~3.9 MB
    const items = Array.from({ length: 3 }, (_, n) =>
      feedback({ body: big, parts: Array.from({ length: 100 }, (_, i) => ({ id: `p${n}-${i}`, body: big })) }),
    ) as Submission[];
    const outcomes = await destination().deliver(items, ctx);
    expect([...outcomes.values()].every((o) => o.status === 'delivered')).toBe(true);
    expect(fake.calls.length).toBe(3);
    for (const call of fake.calls) expect(Buffer.byteLength(call.rawBody)).toBeLessThanOrEqual(5_000_000);
  });

  it('sends the usual batch as one request of exactly JSON.stringify({ source_id, items }), and nothing for none', () => {
    const items = Array.from({ length: 10 }, (_, i) => ({ unique_id: `i${i}`, body: `ü "${i}"\n`, user_id: `u${i}` }));
    const { chunks, tooLarge } = chunkItems(items, 's"q', 100, 3 * JSON.stringify({ source_id: 's"q', items }).length);
    expect(chunks).toEqual([{ items, body: JSON.stringify({ source_id: 's"q', items }) }]);
    expect(chunks[0]!.items).not.toBe(items); // a copy: the caller's array may change
    expect(tooLarge).toEqual([]);
    expect(chunkItems([], 's')).toEqual({ chunks: [], tooLarge: [] });
  });

  it('chunks by the exact byte size of the JSON it will send, and sends exactly that JSON', () => {
    const items = Array.from({ length: 10 }, (_, i) => ({ unique_id: `i${i}`, body: 'x'.repeat(100) }));
    const one = Buffer.byteLength(JSON.stringify({ source_id: 's', items: items.slice(0, 3) }));
    const { chunks } = chunkItems(items, 's', 100, one);
    expect(chunks.map((c) => c.items.length)).toEqual([3, 3, 3, 1]);
    for (const c of chunks) {
      expect(c.body).toBe(JSON.stringify({ source_id: 's', items: c.items }));
      expect(Buffer.byteLength(c.body)).toBeLessThanOrEqual(one);
    }
  });

  it('sizes multi-byte text as UTF-8: a chunk that fits by characters but not by bytes is split', () => {
    const bodies = ['é'.repeat(50), '😀'.repeat(50), 'x'.repeat(50), '\ud800'.repeat(20)];
    const items = bodies.map((body, i) => ({ unique_id: `u${i}`, body }));
    const limit = Buffer.byteLength(JSON.stringify({ source_id: 's"q', items: items.slice(0, 2) }));
    const { chunks } = chunkItems(items, 's"q', 100, limit);
    expect(chunks.map((c) => c.items.length)).toEqual([2, 2]);
    for (const c of chunks) {
      expect(c.body).toBe(JSON.stringify({ source_id: 's"q', items: c.items }));
      expect(Buffer.byteLength(c.body)).toBeLessThanOrEqual(limit);
    }
    // One byte less and the first two no longer fit together.
    expect(chunkItems(items, 's"q', 100, limit - 1).chunks[0]!.items).toHaveLength(1);
  });
});

describe('upstream answers', () => {
  it('never shows a part of a key that an upstream echoes in a per-item error, at any offset', async () => {
    const apiKey = 'AKey7Qm2Zt9Lw4Xp8Rv3Nc6Hb1Jd5Fg0Sy';
    const secretKey = 'SKey3Vb8Nm1Qw6Er4Ty9Ui2Op7As5Df0Gh';
    const echoing = await startFakeAmplitude({ apiKey, secretKey });
    try {
      logs.lines.length = 0;
      const handle = createProxy({
        destinations: [amplitude({ apiKey, secretKey, sourceId: 'src-1', baseUrl: echoing.url })],
        allowedOrigins: [ORIGIN],
        logger: logs,
        rateLimit: false,
      });
      const forms = [apiKey, secretKey, `${apiKey}:${secretKey}`, btoa(`${apiKey}:${secretKey}`)];
      const seen: string[] = [];
      for (const form of forms) {
        // One item per offset, the key's form starting anywhere from well before to past a 300-character cut.
        const items = Array.from({ length: 100 }, () => feedback());
        const errors = items.map((item, offset) => ({ unique_id: item.id, error: `${'e'.repeat(220 + offset)}${form} tail` }));
        echoing.failNext({ status: 200, body: { ingested: 0, failed: items.length, errors } });
        const { body } = await post(handle, items);
        expect(body.results.every((r: { status: string }) => r.status === 'rejected')).toBe(true);
        seen.push(JSON.stringify(body));
      }
      const everything = [...seen, ...logs.lines].join('\n');
      for (const secret of forms)
        for (let i = 0; i + 6 <= secret.length; i++) expect(everything).not.toContain(secret.slice(i, i + 6));
    } finally {
      await echoing.close();
    }
  });

  it('re-sending the same items is an upsert: one stored copy each', async () => {
    const items = [feedback(), feedback()];
    await post(proxy(), items);
    const again = await post(proxy(), items);
    expect(again.body.results.map((r: { status: string }) => r.status)).toEqual(['delivered', 'delivered']);
    expect(fake.stored()).toHaveLength(2);
  });

  it('turns per-item errors of a 200 into rejected and the rest into delivered', async () => {
    const good = feedback();
    const bad = feedback();
    fake.failNext({
      status: 200,
      body: { ingested: 1, failed: 1, errors: [{ unique_id: bad.id, error: 'Body text exceeds maximum length' }] },
    });
    const { body } = await post(proxy(), [good, bad]);
    expect(body.results).toEqual([
      { id: good.id, status: 'delivered' },
      { id: bad.id, status: 'rejected', error: 'amplitude: Body text exceeds maximum length' },
    ]);
  });

  it('answers retry, not delivered, when an error names no item of the request', async () => {
    const items = [feedback(), feedback()];
    fake.failNext({ status: 200, body: { ingested: 1, failed: 1, errors: [{ unique_id: 'some-part-id', error: 'Body text exceeds maximum length' }] } });
    const { body } = await post(proxy(), items);
    expect(body.results.map((r: { status: string }) => r.status)).toEqual(['retry', 'retry']);
  });

  it('answers retry for items a 200 does not account for', async () => {
    const items = [feedback(), feedback()];
    fake.failNext({ status: 200, body: { ingested: 1, failed: 0, errors: [] } });
    const { body } = await post(proxy(), items);
    expect(body.results.map((r: { status: string }) => r.status)).toEqual(['retry', 'retry']);
  });

  it.each([
    ['ingested 0, failed 1 for one item', 1, { ingested: 0, failed: 1, errors: [] }],
    ['ingested 1, failed 1 for two items', 2, { ingested: 1, failed: 1, errors: [] }],
    ['ingested 2, failed 1 for two items', 2, { ingested: 2, failed: 1, errors: [] }],
    ['no failed count, one item not ingested', 2, { ingested: 1, errors: [] }],
  ])('answers retry, never delivered, when a failure is left unexplained (%s)', async (_, count, answer) => {
    const items = Array.from({ length: count }, () => feedback());
    fake.failNext({ status: 200, body: answer });
    const { body } = await post(proxy(), items);
    expect(body.results.map((r: { status: string }) => r.status)).toEqual(items.map(() => 'retry'));
  });

  it('rejects the item whose part an error names, and delivers its siblings', async () => {
    const good = feedback();
    const withPart = feedback({ parts: [{ id: 'part-7', body: 'a reply' }] });
    fake.failNext({ status: 200, body: { ingested: 1, failed: 1, errors: [{ unique_id: 'part-7', error: 'Body text exceeds maximum length' }] } });
    const { body } = await post(proxy(), [good, withPart]);
    expect(body.results).toEqual([
      { id: good.id, status: 'delivered' },
      { id: withPart.id, status: 'rejected', error: 'amplitude: part part-7: Body text exceeds maximum length' },
    ]);
  });

  it('treats a 400 that every part of the request gets as a configuration fault: a few calls, retry, failing, one loud line', async () => {
    logs.lines.length = 0;
    const handle = proxy();
    fake.failNext({ status: 400, body: { error: 'Invalid request body' }, times: 1000 });
    const items = Array.from({ length: 100 }, () => feedback());
    const { status, res, body } = await post(handle, items);
    expect(status).toBe(503);
    expect(new Set(body.results.map((r: { status: string }) => r.status))).toEqual(new Set(['retry']));
    expect(res.headers.get('retry-after')).toBe('300');
    expect(fake.calls.length).toBeLessThanOrEqual(3);
    const health = await (await handle(new Request('https://proxy.example.com/healthz'))).json();
    expect(health.status).toBe('failing');
    expect(logs.lines.filter((l) => l.startsWith('error'))).toEqual([
      expect.stringMatching(/Amplitude refused a whole request \(400\).*configuration.*AMPLITUDE_SOURCE_ID.*Invalid request body/),
    ]);
  });

  it('treats a 400 about the request itself as a configuration fault at once, even for one item', async () => {
    fake.failNext({ status: 400, body: { error: 'Invalid request body', issues: [{ path: 'source_id', message: 'Unknown field format' }] }, times: 1000 });
    const { body } = await post(proxy(), [feedback()]);
    expect(body.results[0]).toMatchObject({ status: 'retry', error: 'amplitude is misconfigured (400)' });
    expect(fake.calls).toHaveLength(1);
  });

  /** A proxy on a fake that refuses a whole request for any bad item, naming each one; `empty` items get no body. */
  async function strictProxy() {
    const strict = await startFakeAmplitude({ validation: 'whole-request' });
    const handle = createProxy({
      destinations: [
        amplitude({
          apiKey: 'amp-key',
          secretKey: 'amp-secret',
          sourceId: 'src-1',
          baseUrl: strict.url,
          formatBody: (s) => (s.metadata?.empty ? undefined : defaultFormatBody(s)),
        }),
      ],
      allowedOrigins: [ORIGIN],
      logger: logs,
    });
    return { strict, handle };
  }

  it('rejects the items a whole-request 400 names and delivers the rest in one more call', async () => {
    const { strict, handle } = await strictProxy();
    try {
      const bad = new Set([10, 80]);
      const items = Array.from({ length: 100 }, (_, i) => feedback(bad.has(i) ? { metadata: { empty: true } } : {}));
      const { status, body } = await post(handle, items);
      expect(status).toBe(200);
      for (const [i, result] of body.results.entries()) {
        if (!bad.has(i)) expect(result).toEqual({ id: items[i]!.id, status: 'delivered' });
        else expect(result).toEqual({ id: items[i]!.id, status: 'rejected', error: expect.stringMatching(/^amplitude rejected the item \(400\): body: Required/) });
      }
      expect(strict.stored().map((item) => item.unique_id).sort()).toEqual(items.filter((_, i) => !bad.has(i)).map((item) => item.id).sort());
      expect(strict.calls).toHaveLength(2);
    } finally {
      await strict.close();
    }
  });

  it('isolates the item behind a whole-request 400 that names no item by halving, and delivers the rest', async () => {
    const { strict, handle } = await strictProxy();
    try {
      // The fake's issues, with every path and id taken out: the proxy must find the item itself.
      const items = Array.from({ length: 100 }, (_, i) => feedback(i === 37 ? { metadata: { empty: true } } : {}));
      const unnamed = { status: 400, body: { error: 'Invalid request body' } };
      strict.failNext(unnamed);
      const { body } = await post(handle, items);
      const statuses = body.results.map((r: { status: string }) => r.status);
      expect(statuses.filter((s: string) => s === 'delivered')).toHaveLength(99);
      expect(body.results[37]).toMatchObject({ id: items[37]!.id, status: 'rejected' });
      expect(body.results[37].error).toMatch(/^amplitude rejected the item \(400\)/);
      expect(strict.stored()).toHaveLength(99);
      expect(strict.calls.length).toBeLessThanOrEqual(1 + 2 * 7);
    } finally {
      await strict.close();
    }
  });

  it.each([
    [401, /401.*AMPLITUDE_API_KEY/],
    [403, /403/],
  ])('keeps items for retry on %i, logs loudly and recovers once fixed', async (status, reason) => {
    logs.lines.length = 0;
    const handle = proxy();
    const items = [feedback(), feedback()];
    fake.failNext({ status });
    const first = await post(handle, items);
    expect(first.status).toBe(503);
    expect(first.body.results.map((r: { status: string }) => r.status)).toEqual(['retry', 'retry']);
    expect(Number(first.res.headers.get('retry-after'))).toBe(300);
    expect(logs.lines.some((l) => l.startsWith('error') && reason.test(l))).toBe(true);
    const second = await post(handle, items);
    expect(second.body.results.map((r: { status: string }) => r.status)).toEqual(['delivered', 'delivered']);
    expect(fake.stored()).toHaveLength(2);
  });

  it('treats a wrong secret, an unknown source and a non-webhook source as misconfiguration', async () => {
    for (const [options, status] of [
      [{ secretKey: 'wrong' }, 403],
      [{ sourceId: 'nope' }, 404],
      [{ sourceId: 'src-zendesk' }, 403],
    ] as const) {
      const { body } = await post(proxy(options), [feedback()]);
      expect(body.results[0]).toMatchObject({ status: 'retry', error: `amplitude is misconfigured (${status})` });
    }
    expect(fake.stored()).toHaveLength(0);
  });

  it('passes the upstream Retry-After of a 429 on to the client', async () => {
    fake.failNext({ status: 429, retryAfter: '7' });
    const { status, res, body } = await post(proxy(), [feedback()]);
    expect(status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(body.results[0].status).toBe('retry');
  });

  it.each([
    ['99999999', '3600'],
    ['0', '1'],
    ['Wed, 21 Oct 2015 07:28:00 GMT', '1'],
  ])('clamps an upstream Retry-After of %s to [1 s, 1 h] before answering (%s)', async (upstream, answered) => {
    fake.failNext({ status: 429, retryAfter: upstream });
    const { res, body } = await post(proxy(), [feedback()]);
    expect(res.headers.get('retry-after')).toBe(answered);
    expect(body.results[0].status).toBe('retry');
  });

  it('loses nothing and doubles nothing through an outage: 5xx, reset, timeout, then recovery', async () => {
    const handle = proxy({ timeoutMs: 200 });
    const items = Array.from({ length: 5 }, () => feedback());
    fake.failNext({ status: 502 });
    fake.failNext({ reset: true });
    fake.failNext({ delayMs: 1000, status: 200 });
    const errors: string[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const { status, body } = await post(handle, items);
      expect(status).toBe(503);
      expect(body.results.every((r: { status: string }) => r.status === 'retry')).toBe(true);
      errors.push(body.results[0].error);
    }
    // Each failure says what happened: the status, the network error's code, the deadline.
    expect(errors).toEqual(['Amplitude answered 502', expect.stringMatching(/^Amplitude unreachable \([A-Z_]+\)$/), 'Amplitude did not answer within 200 ms']);
    const health = await (await handle(new Request('https://proxy.example.com/healthz'))).json();
    expect(health.destinations[0].status).toBe('failing');
    const { body } = await post(handle, items);
    expect(body.results.every((r: { status: string }) => r.status === 'delivered')).toBe(true);
    expect(fake.stored().map((i) => i.unique_id)).toEqual(items.map((i) => i.id));
  });
});

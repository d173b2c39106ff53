// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { amplitude } from '../../src/proxy/amplitude.js';
import { createProxy, type ProxyConfig } from '../../src/proxy/create-proxy.js';
import { signIdentity, signUserId } from '../../src/proxy/identity.js';
import { type SharedState, SharedStateError } from '../../src/proxy/shared-state.js';
import { ORIGIN, captureLogs, fakeAmplitudeForFile, feedback, post, postRequest, streamedRequest } from './helpers.js';

const fake = await fakeAmplitudeForFile();

const logs = captureLogs();
function proxy(config: Partial<ProxyConfig> = {}) {
  return createProxy({
    destinations: [amplitude({ apiKey: 'amp-key', secretKey: 'amp-secret', sourceId: 'src-1', baseUrl: fake.url })],
    allowedOrigins: [ORIGIN],
    logger: logs,
    ...config,
  });
}

describe('envelope', () => {
  it('answers 400 naming the problem when the body is not JSON', async () => {
    const { status, body } = await post(proxy(), null, { body: '{"items": [' });
    expect(status).toBe(400);
    expect(body.error).toMatch(/not valid JSON/);
    expect(fake.calls).toHaveLength(0);
  });

  it('answers 400 with issues when items is missing, empty or over 100', async () => {
    for (const [payload, pattern] of [
      [{}, /items: required/],
      [{ items: [] }, /at least one/],
      [{ items: 'x' }, /items: must be an array/],
      [{ items: Array.from({ length: 101 }, () => feedback()) }, /too many items/],
      [[1, 2], /JSON object/],
    ] as const) {
      const { status, body } = await post(proxy(), null, { body: JSON.stringify(payload) });
      expect(status).toBe(400);
      expect(body.error).toMatch(pattern);
      expect(Array.isArray(body.issues)).toBe(true);
    }
    expect(fake.calls).toHaveLength(0);
  });

  it('accepts text/plain JSON, as a page-hide beacon sends it', async () => {
    const item = feedback();
    const { status, body } = await post(proxy(), [item], { contentType: 'text/plain;charset=UTF-8' });
    expect(status).toBe(200);
    expect(body.results).toEqual([{ id: item.id, status: 'delivered' }]);
  });

  it('answers 415 to a form post', async () => {
    const { status } = await post(proxy(), [feedback()], { contentType: 'application/x-www-form-urlencoded' });
    expect(status).toBe(415);
  });

  it('answers 413 to a body over 5 MB whose length is declared', async () => {
    const big = 'x'.repeat(5_000_001);
    const { status, body } = await post(proxy(), null, { body: big, headers: { 'content-length': String(big.length) } });
    expect(status).toBe(413);
    expect(body.error).toMatch(/too large/);
  });

  it('answers 413 to a streamed body over the limit, draining at most four times the limit', async () => {
    const chunk = 1024 * 1024;
    let pulled = 0;
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(chunk).fill(32));
        if (pulled > 100) controller.close();
      },
      cancel() {
        cancelled = true;
      },
    });
    const res = await proxy()(streamedRequest(stream));
    expect(res.status).toBe(413);
    // Read on past the limit (so workerd lets the client read the 413), up to the cap, then let go.
    expect(pulled).toBeGreaterThan(5_000_000 / chunk);
    expect(pulled).toBeLessThanOrEqual(Math.ceil(20_000_000 / chunk) + 2);
    expect(cancelled).toBe(true);
  });

  it('answers 408 to a body still arriving when the answer is due', { timeout: 5_000 }, async () => {
    const never = new ReadableStream<Uint8Array>({ start: (controller) => controller.enqueue(new TextEncoder().encode('{"items":[')) });
    const res = await proxy({ answerWithinMs: 300 })(streamedRequest(never));
    expect(res.status).toBe(408);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  });

  it('answers a refused origin, a 405 and a 415 within about a second when the body never ends, and lets the body go', { timeout: 10_000 }, async () => {
    const handle = proxy();
    for (const [status, init] of [
      [403, { origin: 'https://elsewhere.example' }],
      [405, { method: 'PUT' }],
      [415, { contentType: 'application/x-www-form-urlencoded' }],
    ] as const) {
      let cancelled = false;
      const endless = new ReadableStream<Uint8Array>({
        start: (controller) => controller.enqueue(new TextEncoder().encode('{"items":[')),
        cancel: () => {
          cancelled = true;
        },
      });
      const request = new Request('https://proxy.example.com/v1/feedback', {
        method: 'method' in init ? init.method : 'POST',
        headers: {
          'content-type': 'contentType' in init ? init.contentType : 'application/json',
          origin: 'origin' in init ? init.origin : ORIGIN,
        },
        body: endless,
        duplex: 'half',
      } as RequestInit);
      const started = performance.now();
      const res = await handle(request);
      expect(res.status).toBe(status);
      expect(performance.now() - started).toBeLessThan(3_000);
      expect(cancelled).toBe(true);
    }
  });

  it('answers 400 to a body that is not UTF-8', async () => {
    const { status } = await post(proxy(), null, { body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) });
    expect(status).toBe(400);
  });

  it('answers 405 to other methods on the feedback path and 404 elsewhere', async () => {
    const handle = proxy();
    expect((await handle(new Request('https://proxy.example.com/v1/feedback'))).status).toBe(405);
    expect((await handle(new Request('https://proxy.example.com/nope'))).status).toBe(404);
  });
});

describe('items', () => {
  it('rejects an invalid item naming the field while its valid siblings are delivered', async () => {
    const good = feedback();
    const bad = feedback({ user: { email: 'not-an-email' } });
    const { status, body } = await post(proxy(), [good, bad]);
    expect(status).toBe(200);
    expect(body.results).toEqual([
      { id: good.id, status: 'delivered' },
      { id: bad.id, status: 'rejected', error: 'user.email: invalid email', path: 'user.email' },
    ]);
    expect(fake.stored().map((i) => i.unique_id)).toEqual([good.id]);
  });

  it('answers an item without a usable id with id "" and rejected', async () => {
    const { body } = await post(proxy(), [
      { kind: 'feedback', body: 'hi' },
      { id: 7, kind: 'feedback', body: 'x' },
    ]);
    expect(body.results).toEqual([
      { id: '', status: 'rejected', error: 'id: required', path: 'id' },
      { id: '', status: 'rejected', error: 'id: must be a string', path: 'id' },
    ]);
  });

  it('treats NPS score 0 as an answer and rejects -1, 11, 7.5 and "7"', async () => {
    const scores = [0, -1, 11, 7.5, '7', null];
    const items = scores.map((score) => feedback({ kind: 'nps', score, body: undefined }));
    const { body } = await post(proxy(), items);
    expect(body.results.map((r: { status: string }) => r.status)).toEqual([
      'delivered',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
    ]);
    expect(body.results[1].error).toBe('score: must be between 0 and 10 for nps');
    expect(body.results[3].error).toBe('score: must be an integer');
    expect(fake.stored()[0]!.body).toBe('NPS 0/10');
  });

  it('forwards no unknown field, and never the client-chosen destination or url', async () => {
    const item = feedback({ destination: 'https://evil.example', apiKey: 'x', sourceId: 'other', extra: 1 });
    const { body } = await post(proxy(), [item]);
    expect(body.results[0].status).toBe('delivered');
    const sent = fake.calls[0]!.body as { source_id: string; items: Record<string, unknown>[] };
    expect(sent.source_id).toBe('src-1');
    expect(Object.keys(sent.items[0]!).sort()).toEqual([
      'author',
      'body',
      'created_at',
      'email',
      'unique_id',
      'url',
      'user_id',
    ]);
  });

  it('clamps a createdAt more than five minutes ahead to now and keeps an honest one', async () => {
    const now = Date.parse('2026-11-23T12:00:00Z');
    const ahead = feedback({ createdAt: '2026-11-24T12:00:00Z' });
    const skewed = feedback({ createdAt: '2026-11-23T12:04:00+00:00' });
    await post(proxy({ now: () => now }), [ahead, skewed]);
    const byId = new Map(fake.stored().map((i) => [i.unique_id, i.created_at]));
    expect(byId.get(ahead.id as string)).toBe('2026-11-23T12:00:00.000Z');
    expect(byId.get(skewed.id as string)).toBe('2026-11-23T12:04:00.000Z');
  });

  it('sends one copy when the same id appears twice in a request, the last one', async () => {
    const first = feedback({ kind: 'nps', score: 9, body: undefined });
    const second = { ...first, body: 'Love it' };
    const { body } = await post(proxy(), [first, second]);
    expect(body.results).toEqual([
      { id: first.id, status: 'delivered' },
      { id: first.id, status: 'delivered' },
    ]);
    expect(fake.writes).toBe(1);
    expect(fake.stored()[0]!.body).toBe('NPS 9/10: Love it');
  });
});

describe('origin and CORS', () => {
  // The body is drained and thrown away before the answer (so that no platform resets the
  // connection under an early answer: test/runtimes), never parsed or passed on.
  it('refuses an origin not on the list with a 403 its page can read, and passes nothing of its body on', async () => {
    const res = await proxy()(streamedRequest(new Response(JSON.stringify({ items: [feedback()] })).body!, 'https://shop.example'));
    expect(res.status).toBe(403);
    expect(await res.text()).toBe('{"error":"origin not allowed","code":"origin_not_allowed"}');
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(res.headers.get('vary')).toBe('Origin');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(fake.calls).toHaveLength(0);
  });

  it('logs a refused origin once per 10 minutes, naming it and EARFUL_ALLOWED_ORIGINS', async () => {
    let now = Date.parse('2026-05-01T12:00:00Z');
    const handle = proxy({ now: () => now });
    logs.lines.length = 0;
    const refusals = () => logs.lines.filter((l) => l.includes('EARFUL_ALLOWED_ORIGINS'));
    for (let i = 0; i < 5; i++) await post(handle, [feedback()], { origin: 'https://shop.example' });
    expect(refusals()).toEqual([
      'warn [earful] refused a request from origin https://shop.example: add it to EARFUL_ALLOWED_ORIGINS (allowedOrigins) if it should post feedback',
    ]);
    await post(handle, [feedback()], { origin: 'https://blog.example' });
    expect(refusals()).toHaveLength(2);
    now += 9 * 60_000;
    await post(handle, [feedback()], { origin: 'https://shop.example' });
    expect(refusals()).toHaveLength(2);
    now += 60_000;
    await post(handle, [feedback()], { origin: 'https://shop.example' });
    expect(refusals()).toHaveLength(3);
  });

  it('puts CORS headers on every answer to an allowed origin, errors included', async () => {
    const ok = await post(proxy(), [feedback()]);
    const bad = await post(proxy(), null, { body: 'nope' });
    for (const { res } of [ok, bad]) {
      expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(res.headers.get('vary')).toMatch(/Origin/);
    }
    expect(bad.status).toBe(400);
  });

  it('answers a preflight from an allowed origin and refuses one from another', async () => {
    const preflight = (origin: string) =>
      proxy()(
        new Request('https://proxy.example.com/v1/feedback', {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type',
          },
        }),
      );
    const ok = await preflight(ORIGIN);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-methods')).toContain('POST');
    expect(ok.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
    // A refused origin gets a preflight its browser accepts, so the POST goes out and its
    // refusal can be read; the POST itself is refused (above).
    const refused = await preflight('https://evil.example');
    expect(refused.status).toBe(204);
    expect(Object.fromEntries(refused.headers)).toMatchObject({
      'access-control-allow-origin': 'https://evil.example',
      'access-control-allow-methods': 'POST',
      'access-control-allow-headers': 'Content-Type',
      vary: 'Origin',
    });
    expect(refused.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('allows only its own origin by default, and any origin with "*"', async () => {
    const own = proxy({ allowedOrigins: undefined });
    expect((await post(own, [feedback()], { origin: 'https://proxy.example.com' })).status).toBe(200);
    expect((await post(own, [feedback()], { origin: ORIGIN })).status).toBe(403);
    const any = proxy({ allowedOrigins: '*' });
    expect((await post(any, [feedback()], { origin: 'https://elsewhere.example' })).status).toBe(200);
  });
});

describe('identity', () => {
  const secret = 'identity-secret-for-tests';

  it('delivers a user id signed with the secret and rejects a wrong or missing hash, siblings unharmed', async () => {
    const handle = proxy({ identitySecret: secret });
    const signed = feedback({ user: { id: 'user-123', hash: await signUserId(secret, 'user-123') } });
    const forged = feedback({ user: { id: 'user-123', hash: await signUserId('guess', 'user-123') } });
    const unsigned = feedback({ user: { id: 'user-123' } });
    const anonymous = feedback({ user: { email: 'anon@example.com' } });
    const { body } = await post(handle, [signed, forged, unsigned, anonymous]);
    expect(body.results).toEqual([
      { id: signed.id, status: 'delivered' },
      { id: forged.id, status: 'rejected', error: 'user.hash: does not match user.id', path: 'user.hash' },
      {
        id: unsigned.id,
        status: 'rejected',
        error: 'user.hash: required with user.id when identity verification is on',
        path: 'user.hash',
      },
      { id: anonymous.id, status: 'delivered' },
    ]);
    expect(JSON.stringify(fake.calls.map((c) => c.body))).not.toContain('hash');
  });

  it('rejects a user id with a lone surrogate, which would otherwise verify through its replacement character', async () => {
    const handle = proxy({ identitySecret: secret });
    const item = feedback({ user: { id: 'u\uD800', hash: await signUserId(secret, 'u\uFFFD') } });
    const { body } = await post(handle, [item]);
    expect(body.results[0]).toMatchObject({ status: 'rejected', error: 'user.id: must be well-formed text (no lone surrogate)' });
    expect(fake.calls).toHaveLength(0);
  });

  it('lets no unsigned email or name through as identity: the words go on without them', async () => {
    const handle = proxy({ identitySecret: secret });
    logs.lines.length = 0;
    const idOnly = await signUserId(secret, 'user-123');
    const items = [
      feedback({ user: { email: 'victim@example.com', name: 'Mallory' } }),
      feedback({ user: { id: 'user-123', hash: idOnly, email: 'victim@example.com', name: 'Mallory' } }),
      feedback({ user: { id: 'user-123', hash: idOnly }, parts: [{ id: 'p-1', body: 'me too', email: 'victim@example.com', author: 'Victim' }] }),
    ];
    const { body } = await post(handle, items);
    expect(body.results.map((r: { status: string }) => r.status)).toEqual(['delivered', 'delivered', 'delivered']);
    const stored = new Map(fake.stored().map((i) => [i.unique_id, i]));
    expect(stored.get(items[0]!.id as string)).not.toHaveProperty('email');
    expect(stored.get(items[0]!.id as string)).not.toHaveProperty('author');
    expect(stored.get(items[1]!.id as string)).toMatchObject({ user_id: 'user-123' });
    expect(stored.get(items[1]!.id as string)).not.toHaveProperty('email');
    expect(stored.get(items[1]!.id as string)).not.toHaveProperty('author');
    expect(stored.get(items[2]!.id as string)!.conversation_parts).toEqual([{ unique_id: 'p-1', body: 'me too' }]);
    await post(handle, [feedback({ user: { email: 'another@example.com' } })]);
    expect(logs.lines.filter((l) => l.includes('not signed'))).toEqual([
      expect.stringMatching(/^warn .*user\.email or user\.name that user\.hash has not signed/),
    ]);
  });

  it('delivers the claims a hash signs: id, email and name; id and email; or only an email', async () => {
    const handle = proxy({ identitySecret: secret });
    const all = { id: 'user-9', email: 'nine@example.com', name: 'Nine Nines' };
    const items = [
      feedback({ user: { ...all, hash: await signIdentity(secret, all) } }),
      feedback({ user: { ...all, hash: await signIdentity(secret, { id: all.id, email: all.email }) } }),
      feedback({ user: { email: all.email, hash: await signIdentity(secret, { email: all.email }) } }),
      feedback({
        user: { ...all, hash: await signIdentity(secret, all) },
        parts: [{ id: 'p-2', body: 'more', email: all.email, author: all.name, userId: all.id }],
      }),
    ];
    const { body } = await post(handle, items);
    expect(body.results.map((r: { status: string }) => r.status)).toEqual(['delivered', 'delivered', 'delivered', 'delivered']);
    const stored = new Map(fake.stored().map((i) => [i.unique_id, i]));
    expect(stored.get(items[0]!.id as string)).toMatchObject({ user_id: 'user-9', email: all.email, author: all.name });
    expect(stored.get(items[1]!.id as string)).toMatchObject({ user_id: 'user-9', email: all.email });
    expect(stored.get(items[1]!.id as string)).not.toHaveProperty('author');
    expect(stored.get(items[2]!.id as string)).toMatchObject({ email: all.email });
    expect(stored.get(items[3]!.id as string)!.conversation_parts[0]).toMatchObject({ email: all.email, author: all.name, user_id: 'user-9' });
  });

  it('still rejects an invalid email naming the field, and a hash that signs another id', async () => {
    const handle = proxy({ identitySecret: secret });
    const bad = feedback({ user: { email: 'jane@' } });
    const other = feedback({ user: { id: 'user-2', email: 'two@example.com', hash: await signIdentity(secret, { id: 'user-1', email: 'two@example.com' }) } });
    const { body } = await post(handle, [bad, other]);
    expect(body.results).toEqual([
      { id: bad.id, status: 'rejected', error: 'user.email: invalid email', path: 'user.email' },
      { id: other.id, status: 'rejected', error: 'user.hash: does not match user.id', path: 'user.hash' },
    ]);
  });

  it('rejects a part that claims another user id', async () => {
    const handle = proxy({ identitySecret: secret });
    const item = feedback({
      user: { id: 'user-1', hash: await signUserId(secret, 'user-1') },
      parts: [{ id: 'p1', body: 'me too', userId: 'user-2' }],
    });
    const { body } = await post(handle, [item]);
    expect(body.results[0]).toEqual({
      id: item.id,
      status: 'rejected',
      error: 'parts.0.userId: must be the verified user.id',
      path: 'parts.0.userId',
    });
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After once a client spends its burst, and serves other clients', async () => {
    let now = 1_000_000;
    const handle = proxy({ rateLimit: { requestsPerMinute: 60, burst: 2 }, now: () => now });
    const a = { clientAddress: '203.0.113.1' };
    expect((await post(handle, [feedback()], {}, a)).status).toBe(200);
    expect((await post(handle, [feedback()], {}, a)).status).toBe(200);
    const limited = await post(handle, [feedback()], {}, a);
    expect(limited.status).toBe(429);
    expect(limited.res.headers.get('retry-after')).toBe('1');
    expect(limited.res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect((await post(handle, [feedback()], {}, { clientAddress: '203.0.113.2' })).status).toBe(200);
    now += 1000;
    expect((await post(handle, [feedback()], {}, a)).status).toBe(200);
  });

  it('ignores X-Forwarded-For unless told to trust a proxy', async () => {
    const spoof = (handle: ReturnType<typeof proxy>, i: number) =>
      post(handle, [feedback()], { headers: { 'x-forwarded-for': `198.51.100.${i}` } }, { clientAddress: '10.0.0.1' });
    const untrusting = proxy({ rateLimit: { requestsPerMinute: 1, burst: 1 } });
    expect((await spoof(untrusting, 1)).status).toBe(200);
    expect((await spoof(untrusting, 2)).status).toBe(429);
    const trusting = proxy({ rateLimit: { requestsPerMinute: 1, burst: 1 }, trustProxy: 1 });
    expect((await spoof(trusting, 1)).status).toBe(200);
    expect((await spoof(trusting, 2)).status).toBe(200);
    expect((await spoof(trusting, 1)).status).toBe(429);
  });

  it("keeps a shared store's limit: its wait is a 429, and a store that cannot answer is a 503 with Retry-After", async () => {
    let answer: () => Promise<number> = async () => 2_500;
    const unused = () => {
      throw new Error('not used by the rate limit');
    };
    const shared: SharedState = {
      rateLimiter: () => () => answer(),
      budget: unused,
      recall: unused,
      remember: unused,
      rememberFirst: unused,
      forget: unused,
    };
    const handle = proxy({ shared });
    const client = { clientAddress: '203.0.113.7' };
    const limited = await post(handle, [feedback()], {}, client);
    expect([limited.status, limited.res.headers.get('retry-after')]).toEqual([429, '3']);
    answer = async () => {
      throw new SharedStateError('redis is not answering');
    };
    const down = await post(handle, [feedback()], {}, client);
    expect([down.status, down.res.headers.get('retry-after')]).toEqual([503, '5']);
    expect(down.body.error).toMatch(/shared state/);
    expect(down.res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(fake.calls).toHaveLength(0);
  });
});

describe('health and secrets', () => {
  it('reports a destination failing after a 401, with the reason in the log, and ok after recovery', async () => {
    const handle = proxy();
    logs.lines.length = 0;
    fake.failNext({ status: 401 });
    const failed = await post(handle, [feedback()]);
    expect(failed.status).toBe(503);
    expect(Number(failed.res.headers.get('retry-after'))).toBeGreaterThan(0);
    let health = await (await handle(new Request('https://proxy.example.com/healthz'))).json();
    expect(health).toEqual({ status: 'failing', destinations: [{ name: 'amplitude', status: 'failing' }] });
    expect(logs.lines).toContainEqual(expect.stringMatching(/^error .*401.*AMPLITUDE_API_KEY/));
    await post(handle, [feedback()]);
    health = await (await handle(new Request('https://proxy.example.com/healthz'))).json();
    expect(health).toMatchObject({ status: 'ok', destinations: [{ name: 'amplitude', status: 'ok' }] });
  });

  it('names no source id and repeats no upstream words at the public /healthz', async () => {
    const handle = proxy({ destinations: [amplitude({ apiKey: 'amp-key', secretKey: 'amp-secret', sourceId: 'src-private-42', baseUrl: fake.url })] });
    logs.lines.length = 0;
    for (const fault of [{ status: 500, body: { error: 'shard 7 of tenant acme is down' } }, {}]) {
      if ('status' in fault) fake.failNext(fault);
      await post(handle, [feedback()]);
      const text = await (await handle(new Request('https://proxy.example.com/healthz'))).text();
      expect(text).not.toMatch(/src-private-42|shard|acme|answered/);
    }
    // The details went to the log instead.
    expect(logs.lines.join('\n')).toContain('shard 7 of tenant acme is down');
  });

  it('never puts a key in a response or a log line, whatever happens upstream, even when it echoes one', async () => {
    const handle = createProxy({
      destinations: [amplitude({ apiKey: 'amp-key', secretKey: 'amp-secret', sourceId: 'src-1', baseUrl: fake.url })],
      allowedOrigins: [ORIGIN],
      logger: logs,
    });
    logs.lines.length = 0;
    const seen: string[] = [];
    const echo = { error: 'bad key amp-key / amp-secret' };
    for (const fault of [{ status: 401 }, { status: 403, body: echo }, { status: 404 }, { status: 500, body: echo }, { status: 400, body: echo }, { reset: true }, {}]) {
      if ('status' in fault || 'reset' in fault) fake.failNext(fault);
      const res = await handle(postRequest([feedback()]));
      seen.push([...res.headers].join(' '), await res.text());
      seen.push(await (await handle(new Request('https://proxy.example.com/healthz'))).text());
    }
    const everything = [...seen, ...logs.lines].join('\n');
    expect(logs.lines.length).toBeGreaterThan(3);
    for (const secret of ['amp-key', 'amp-secret', btoa('amp-key:amp-secret')])
      expect(everything).not.toContain(secret);
  });
});

describe('the script tag file', () => {
  const script = `!function(){/* the widget */${'window.x=1;'.repeat(500)}}();`;
  const get = (acceptEncoding?: string) =>
    proxy({ embedScript: async () => script })(
      new Request('https://proxy.example.com/earful.js', { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }),
    );

  it('sends it gzipped to a browser that takes gzip, and as it is otherwise', async () => {
    const zipped = await get('gzip, deflate, br');
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toBe('accept-encoding');
    const bytes = new Uint8Array(await zipped.arrayBuffer());
    expect(bytes.length).toBeLessThan(script.length / 4);
    const unzipped = await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text();
    expect(unzipped).toBe(script);
    for (const plain of [undefined, 'br', 'gzip;q=0, identity']) {
      const res = await get(plain);
      expect([plain, res.headers.get('content-encoding'), await res.text()]).toEqual([plain, null, script]);
    }
    expect((await get('gzip')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('serves each of its two files by name, to pages on any origin (the second is a module, fetched with CORS)', async () => {
    const files: Record<string, string> = { 'earful.js': 'window.a=1', 'earful-ui.js': 'export const b=2' };
    const handle = proxy({ embedScript: async (file) => files[file] });
    for (const [file, text] of Object.entries(files)) {
      const res = await handle(new Request(`https://proxy.example.com/${file}`, { headers: { origin: 'https://shop.example' } }));
      expect([res.status, await res.text()]).toEqual([200, text]);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    }
  });

  it('answers 404 when there is no build to serve', async () => {
    const res = await proxy({ embedScript: async () => undefined })(new Request('https://proxy.example.com/earful.js'));
    expect(res.status).toBe(404);
  });
});

// @vitest-environment node
// `serve()` as a browser or a script reaches it: real HTTP on 127.0.0.1. The feedback path takes
// the Node server's direct route (no WHATWG Request/Response); every answer must be the one the
// web handler gives for the same request.
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { amplitude } from '../../src/proxy/amplitude.js';
import { type ProxyConfig, createProxy } from '../../src/proxy/create-proxy.js';
import { local, memorySink } from '../../src/proxy/local.js';
import { localModeWarning } from '../../src/proxy/local-mode.js';
import { type RunningProxy, serve } from '../../src/proxy/node/index.js';
import { freePort } from '../redis/redis-server.js';
import { ORIGIN, captureLogs, fakeAmplitudeForFile, feedback } from './helpers.js';

const fake = await fakeAmplitudeForFile();

const logs = captureLogs();
const config = (more: Partial<ProxyConfig> = {}): ProxyConfig => ({
  destinations: [amplitude({ apiKey: 'amp-key', secretKey: 'amp-secret', sourceId: 'src-1', baseUrl: fake.url })],
  allowedOrigins: [ORIGIN],
  logger: logs,
  ...more,
});

const servers: RunningProxy[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function start(more: Partial<ProxyConfig> = {}): Promise<RunningProxy> {
  const running = await serve({ ...config(more), port: 0 });
  servers.push(running);
  return running;
}

interface Sent {
  method?: string;
  path?: string;
  /** @default the server's own */
  host?: string;
  /** Header pairs, sent as given (repeats included). */
  headers?: [string, string][];
  body?: string | Uint8Array<ArrayBuffer>;
}
interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** One request over node:http, so repeated headers and bodies without a length go out as written. */
function send(url: string, { method = 'POST', path = '/v1/feedback', host = new URL(url).host, headers = [], body }: Sent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // Raw header pairs go out exactly as given, so Host must be among them.
    const raw = [['host', host], ...headers].flat();
    const req = httpRequest(`${url}${path}`, { method, headers: raw }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A POST that declares `declared` bytes, sends `sent` of them and then stalls until answered. */
function stalled(url: string, declared: number, sent: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${url}/v1/feedback`,
      { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/json', 'content-length': String(declared) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => {
          resolve({ status: res.statusCode!, headers: res.headers, text });
          req.destroy();
        });
      },
    );
    req.on('error', reject);
    req.write(Buffer.alloc(sent, 32));
  });
}

const JSON_TYPE: [string, string][] = [['content-type', 'application/json']];
const fromOrigin = (origin = ORIGIN): [string, string][] => [['origin', origin], ...JSON_TYPE];

describe('serve() on the feedback path', () => {
  it('delivers a batch with CORS and no-store, and refuses another origin readably', async () => {
    const { url } = await start();
    const item = feedback();
    const ok = await send(url, { headers: fromOrigin(), body: JSON.stringify({ items: [item] }) });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.text)).toEqual({ results: [{ id: item.id, status: 'delivered' }] });
    expect(ok.headers).toMatchObject({
      'access-control-allow-origin': ORIGIN,
      'access-control-expose-headers': 'Retry-After',
      vary: 'Origin',
      'cache-control': 'no-store',
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(ok.text)),
    });
    const refused = await send(url, { headers: fromOrigin('https://evil.example'), body: JSON.stringify({ items: [feedback()] }) });
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.text)).toEqual({ error: 'origin not allowed', code: 'origin_not_allowed' });
    expect(refused.headers['access-control-allow-origin']).toBe('https://evil.example');
    expect(fake.stored().map((i) => i.unique_id)).toEqual([item.id]);
  });

  it('answers a preflight 204 with the allowed method and header, and other methods 405 with CORS', async () => {
    const { url } = await start();
    const preflight = await send(url, { method: 'OPTIONS', headers: [['origin', ORIGIN], ['access-control-request-method', 'POST']] });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-methods']).toContain('POST');
    expect(preflight.headers['access-control-allow-headers']).toMatch(/content-type/i);
    const get = await send(url, { method: 'GET', headers: [['origin', ORIGIN]] });
    expect(get.status).toBe(405);
    expect(get.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(JSON.parse(get.text).error).toMatch(/use POST/);
  });

  it('takes text/plain JSON, answers 415 to a form and 400 with issues to a bad envelope', async () => {
    const { url } = await start();
    const item = feedback();
    const beacon = await send(url, { headers: [['content-type', 'text/plain;charset=UTF-8']], body: JSON.stringify({ items: [item] }) });
    expect(JSON.parse(beacon.text).results).toEqual([{ id: item.id, status: 'delivered' }]);
    const form = await send(url, { headers: [['content-type', 'application/x-www-form-urlencoded']], body: 'a=1' });
    expect(form.status).toBe(415);
    const empty = await send(url, { headers: JSON_TYPE, body: '{"items":[]}' });
    expect(empty.status).toBe(400);
    expect(JSON.parse(empty.text)).toMatchObject({ error: expect.stringMatching(/at least one/), issues: [expect.any(Object)] });
  });

  it('answers 413 to a declared length over the limit without reading the body', async () => {
    const { url } = await start({ maxBodyBytes: 1000 });
    const answer = await send(url, { headers: [...JSON_TYPE, ['content-length', '5000']], body: 'x'.repeat(5000) });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text).error).toMatch(/too large \(max 1000 bytes\)/);
  });

  it('answers 413 to a streamed body with no length as soon as it passes the limit', async () => {
    const { url } = await start({ maxBodyBytes: 64 * 1024 });
    const chunk = Buffer.alloc(16 * 1024, 32);
    let written = 0;
    const answered = await new Promise<{ status: number; writtenThen: number }>((resolve, reject) => {
      const req = httpRequest(`${url}/v1/feedback`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        res.resume();
        resolve({ status: res.statusCode!, writtenThen: written });
        req.end();
      });
      req.on('error', reject);
      // One chunk at a time, each after the last was flushed, until the answer comes (or 4 MB).
      const pump = () => {
        if (written >= 4 * 1024 * 1024 || req.writableEnded) return;
        written += chunk.length;
        req.write(chunk, () => setImmediate(pump));
      };
      pump();
    });
    expect(answered.status).toBe(413);
    expect(answered.writtenThen).toBeLessThan(1024 * 1024);
    expect(answered.writtenThen).toBeGreaterThan(64 * 1024);
  });

  it('answers 408 to a body that stalls, when the answer is due, and serves the same client next', { timeout: 5_000 }, async () => {
    const { url } = await start({ answerWithinMs: 500 });
    const started = performance.now();
    const answer = await stalled(url, 100_000, 1_000);
    expect(answer.status).toBe(408);
    expect(JSON.parse(answer.text)).toEqual({ error: 'the request body did not arrive in time' });
    expect(performance.now() - started).toBeLessThan(1_500);
    const next = await send(url, { headers: fromOrigin(), body: JSON.stringify({ items: [feedback()] }) });
    expect(next.status).toBe(200);
  });

  it('reads at most 16 bodies at once from one address: a 17th is answered 429 at once, and 16 in flight are served', { timeout: 12_000 }, async () => {
    const { url } = await start({ answerWithinMs: 4_000, rateLimit: false });
    const stalls = Array.from({ length: 16 }, () => stalled(url, 1_000_000, 1_000));
    // Time for the 16 to arrive and stall, even on a busy machine; each is read for 4 s.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const started = performance.now();
    const seventeenth = await stalled(url, 1_000_000, 1_000);
    expect(seventeenth.status).toBe(429);
    expect(seventeenth.headers['retry-after']).toBe('1');
    expect(performance.now() - started).toBeLessThan(500);
    expect((await Promise.all(stalls)).map((a) => a.status)).toEqual(Array(16).fill(408));
    const ordinary = await Promise.all(
      Array.from({ length: 16 }, () => send(url, { headers: fromOrigin(), body: JSON.stringify({ items: [feedback()] }) })),
    );
    expect(ordinary.map((a) => a.status)).toEqual(Array(16).fill(200));
  });

  it('rate-limits by the socket address, and by X-Forwarded-For only behind a trusted proxy', async () => {
    const limited = await start({ rateLimit: { requestsPerMinute: 1, burst: 1 } });
    const post = (url: string, forwardedFor: string) =>
      send(url, { headers: [...fromOrigin(), ['x-forwarded-for', forwardedFor]], body: JSON.stringify({ items: [feedback()] }) });
    expect((await post(limited.url, '198.51.100.1')).status).toBe(200);
    const second = await post(limited.url, '198.51.100.2');
    expect(second.status).toBe(429);
    expect(Number(second.headers['retry-after'])).toBeGreaterThan(0);
    expect(second.headers['access-control-allow-origin']).toBe(ORIGIN);
    const trusting = await start({ rateLimit: { requestsPerMinute: 1, burst: 1 }, trustProxy: 1 });
    expect((await post(trusting.url, '198.51.100.1')).status).toBe(200);
    expect((await post(trusting.url, '198.51.100.2')).status).toBe(200);
    expect((await post(trusting.url, '198.51.100.1')).status).toBe(429);
  });

  it('hands clientIp a Request with the headers, and limits by what it returns', async () => {
    const seen: string[] = [];
    const { url } = await start({
      rateLimit: { requestsPerMinute: 1, burst: 1 },
      clientIp: (request) => {
        seen.push(`${request.method} ${new URL(request.url).pathname}`);
        return request.headers.get('x-client') ?? undefined;
      },
    });
    const post = (client: string) =>
      send(url, { headers: [...JSON_TYPE, ['x-client', client]], body: JSON.stringify({ items: [feedback()] }) });
    expect((await post('a')).status).toBe(200);
    expect((await post('b')).status).toBe(200);
    expect((await post('a')).status).toBe(429);
    expect(seen).toEqual(['POST /v1/feedback', 'POST /v1/feedback', 'POST /v1/feedback']);
  });

  it.each(['a b', 'x:99999'])('answers 400, never 500, to a Host that makes no URL (%s), with or without clientIp', async (host) => {
    const plain = await start();
    const withClientIp = await start({ clientIp: (request) => request.headers.get('x-client') ?? undefined });
    for (const { url } of [plain, withClientIp]) {
      const answer = await send(url, { host, headers: fromOrigin(), body: JSON.stringify({ items: [feedback()] }) });
      expect([answer.status, JSON.parse(answer.text)]).toEqual([400, { error: 'invalid Host header' }]);
    }
    expect(logs.lines.filter((l) => l.startsWith('error'))).toEqual([]);
  });

  it('keeps the other routes: /healthz, 404, and local mode’s pages', async () => {
    const { url } = await start({ destinations: [local()] });
    const health = await send(url, { method: 'GET', path: '/healthz' });
    expect(JSON.parse(health.text)).toMatchObject({ status: 'ok', destinations: [{ name: 'local' }] });
    expect((await send(url, { method: 'GET', path: '/nope' })).status).toBe(404);
    expect((await send(url, { method: 'GET', path: '/' })).text).toContain('/v1/feedback');
    const item = feedback();
    await send(url, { headers: JSON_TYPE, body: JSON.stringify({ items: [item] }) });
    expect((await send(url, { method: 'GET', path: '/inbox' })).text).toContain(item.id as string);
    expect((await send(url, { method: 'GET', path: '/demo/../package.json' })).status).toBe(404);
  });

  it('serves the script-tag files of its own build, each as the build wrote it', async () => {
    // The built package, as `npx earful-proxy` runs it: dist/proxy/node.js, two folders below them.
    const built = await import('earful/proxy/node');
    const running = await built.serve({ ...config(), port: 0 });
    servers.push(running);
    for (const file of ['earful.js', 'earful-ui.js']) {
      const response = await fetch(`${running.url}/${file}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe(readFileSync(new URL(`../../dist/${file}`, import.meta.url), 'utf8'));
    }
  });
});

describe('serve() refusing its configuration', () => {
  it.each([
    ['answerWithinMs: 0', { answerWithinMs: 0 }, /answerWithinMs must be a positive number/],
    ['a queue without Redis', { queue: { destination: 'buildbetter' as const } }, /needs Redis/],
  ])('says why (%s) and gives the port back', async (_, more, message) => {
    const port = await freePort();
    await expect(serve({ ...config(more), port })).rejects.toThrow(message);
    // Nothing is left listening: the same port serves a proxy at once.
    const running = await serve({ ...config(), port });
    servers.push(running);
    expect(running.port).toBe(port);
  });
});

describe('serve() in local mode', () => {
  it('answers only its own hosts, localhost and IP addresses, never a name that could be rebound to it', async () => {
    const { url, port } = await start({ destinations: [local()] });
    for (const host of [`attacker.example:${port}`, `127.0.0.1.nip.io:${port}`, 'attacker.example'])
      for (const path of ['/inbox.json', '/inbox', '/'])
        expect([host, path, (await send(url, { method: 'GET', path, host })).status]).toEqual([host, path, 403]);
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `192.168.1.20:${port}`])
      expect([host, (await send(url, { method: 'GET', path: '/inbox.json', host })).status]).toEqual([host, 200]);
  });

  it('refuses feedback posted under another host name too, on its direct path, and captures nothing', async () => {
    const sink = memorySink();
    const { url, port } = await start({ destinations: [local({ sink })] });
    const body = JSON.stringify({ items: [feedback()] });
    const refused = await send(url, { host: `attacker.example:${port}`, headers: JSON_TYPE, body });
    expect([refused.status, JSON.parse(refused.text).error]).toEqual([403, 'local mode answers only localhost, IP addresses and the host it listens on']);
    expect(await sink.recent(10)).toEqual([]);
    expect((await send(url, { host: `localhost:${port}`, headers: JSON_TYPE, body })).status).toBe(200);
    expect((await sink.recent(10)).length).toBeGreaterThan(0);
  });

  it('sends /inbox with a policy that runs no script and lets no page frame it', async () => {
    const { url } = await start({ destinations: [local()] });
    const inbox = await send(url, { method: 'GET', path: '/inbox' });
    const policy = String(inbox.headers['content-security-policy']);
    expect(policy).toMatch(/default-src 'none'/);
    expect(policy).toMatch(/frame-ancestors 'none'/);
    expect(inbox.headers['x-content-type-options']).toBe('nosniff');
  });

  it('warns when local mode listens beyond this machine', () => {
    expect(localModeWarning('127.0.0.1', 8787)).toBeUndefined();
    expect(localModeWarning('localhost', 8787)).toBeUndefined();
    expect(localModeWarning('::1', 8787)).toBeUndefined();
    expect(localModeWarning('0.0.0.0', 8787)).toMatch(/local mode listens on 0\.0\.0\.0.*\/inbox.*HOST=127\.0\.0\.1/);
  });
});

describe('serve() and the web handler', () => {
  const valid = () => JSON.stringify({ items: [feedback(), feedback({ kind: 'nps', score: 9, body: undefined })] });
  const cases: [string, Sent][] = [
    ['a valid batch', { headers: fromOrigin(), body: valid() }],
    ['a batch with invalid items', { headers: fromOrigin(), body: JSON.stringify({ items: [feedback({ user: { email: 'x' } }), { id: 7 }, feedback({ kind: 'nps', score: 11 })] }) }],
    ['text/plain', { headers: [['content-type', 'text/plain']], body: valid() }],
    ['not JSON', { headers: fromOrigin(), body: '{"items": [' }],
    ['not UTF-8', { headers: fromOrigin(), body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) }],
    ['no items', { headers: fromOrigin(), body: '{}' }],
    ['101 items', { headers: fromOrigin(), body: JSON.stringify({ items: Array.from({ length: 101 }, () => feedback()) }) }],
    ['an array', { headers: fromOrigin(), body: '[1,2]' }],
    ['a form', { headers: [['origin', ORIGIN], ['content-type', 'application/x-www-form-urlencoded']], body: 'a=1' }],
    ['two content types', { headers: [['content-type', 'application/json'], ['content-type', 'text/html']], body: valid() }],
    ['no content type', { headers: [], body: valid() }],
    ['a content type in capitals, with a charset', { headers: [['origin', ORIGIN], ['content-type', 'Application/JSON; charset=UTF-8']], body: valid() }],
    ['an empty body', { headers: fromOrigin() }],
    ['a HEAD', { method: 'HEAD', headers: [['origin', ORIGIN]] }],
    ['another origin', { headers: fromOrigin('https://evil.example'), body: valid() }],
    ['a preflight', { method: 'OPTIONS', headers: [['origin', ORIGIN]] }],
    ['a refused preflight', { method: 'OPTIONS', headers: [['origin', 'https://evil.example']] }],
    ['a GET', { method: 'GET', headers: [['origin', ORIGIN]] }],
    ['a PUT', { method: 'PUT', headers: fromOrigin(), body: valid() }],
    ['a query string', { path: '/v1/feedback?x=1', headers: fromOrigin(), body: valid() }],
  ];
  const compared = ['access-control-allow-origin', 'access-control-allow-methods', 'access-control-allow-headers', 'access-control-expose-headers', 'access-control-max-age', 'vary', 'cache-control', 'content-type', 'retry-after'];

  it.each(cases)('answer the same to %s', async (_, sent) => {
    const { url } = await start();
    const handle = createProxy(config());
    const overHttp = await send(url, sent);
    const headers = new Headers();
    for (const [name, value] of sent.headers ?? []) headers.append(name, value);
    // As bytes: a string body would give the Request a text/plain content type of its own.
    const body = typeof sent.body === 'string' ? new TextEncoder().encode(sent.body) : sent.body;
    const res = await handle(new Request(`https://proxy.example.com${sent.path ?? '/v1/feedback'}`, { method: sent.method ?? 'POST', headers, body }));
    const web: Answer = { status: res.status, headers: Object.fromEntries(res.headers), text: await res.text() };
    expect(overHttp.status).toBe(web.status);
    expect(overHttp.text).toBe(web.text);
    for (const name of compared) expect([name, overHttp.headers[name]]).toEqual([name, web.headers[name]]);
  });
});

// @vitest-environment node
// The Node server's upstream transport, against a real local server.
import { createServer } from 'node:http';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUpstreamFetch } from '../../src/proxy/node/upstream.js';

let url: string;
let sockets = 0;
/** When the last `/slow` request's connection closed, relative to its arrival (ms). */
let slowClosedAfter: number | undefined;
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    if (req.url === '/slow') {
      const arrived = Date.now();
      slowClosedAfter = undefined;
      res.on('close', () => (slowClosedAfter = Date.now() - arrived));
      return void setTimeout(() => res.end('{}'), 2_000).unref();
    }
    if (req.url === '/reset') return void req.socket.destroy();
    if (req.url === '/huge') return void res.end('x'.repeat(1024 * 1024 + 1));
    if (req.url === '/half') {
      res.writeHead(200, { 'content-length': '100' }).write('{"partial":');
      return void setTimeout(() => req.socket.destroy(), 20);
    }
    if (req.url === '/twice') return void res.writeHead(200, [['x-twice', 'a'], ['x-twice', 'b']]).end('{}');
    res.setHeader('retry-after', '7');
    res.setHeader('content-type', 'application/json');
    res.statusCode = req.url === '/429' ? 429 : 200;
    res.end(JSON.stringify({ method: req.method, auth: req.headers.authorization, body: JSON.parse(body) }));
  });
});
server.on('connection', () => sockets++);
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const upstream = createUpstreamFetch();
afterAll(() => upstream.close());
const post = (path: string, signal?: AbortSignal) =>
  upstream(`${url}${path}`, { method: 'POST', headers: { authorization: 'Basic x', 'content-type': 'application/json' }, body: '{"é":1}', signal });

describe('the Node server\'s upstream transport (undici)', () => {
  it('sends method, headers and a UTF-8 body, and reads status, headers and JSON', async () => {
    const res = await post('/429');
    expect(res.status).toBe(429);
    expect(res.ok).toBe(false);
    expect(res.headers.get('Retry-After')).toBe('7');
    expect(await res.json()).toEqual({ method: 'POST', auth: 'Basic x', body: { é: 1 } });
  });

  it('reuses one kept-alive connection for calls in sequence', async () => {
    const before = sockets;
    for (let i = 0; i < 5; i++) expect((await post('/ok')).ok).toBe(true);
    expect(sockets - before).toBeLessThanOrEqual(1);
  });

  it('rejects with the signal’s TimeoutError when the upstream is too slow', async () => {
    await expect(post('/slow', AbortSignal.timeout(100))).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('keeps the deadline of timeoutMs itself, never asking for the signal', async () => {
    const init = {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
      timeoutMs: 100,
      get signal(): AbortSignal {
        throw new Error('the signal was read');
      },
    };
    const started = Date.now();
    await expect(upstream(`${url}/slow`, init)).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('gives up on the connection at the deadline, not just on the answer', async () => {
    await expect(post('/slow', AbortSignal.timeout(100))).rejects.toMatchObject({ name: 'TimeoutError' });
    await expect.poll(() => slowClosedAfter, { timeout: 1_500 }).toBeLessThan(1_000);
  });

  it('rejects at once with a signal that has already fired, and opens no connection', async () => {
    const reason = new Error('gave up');
    const controller = new AbortController();
    controller.abort(reason);
    const seen = { connections: 0, requests: 0 };
    const quiet = createServer((_req, res) => void (seen.requests++, res.end('{}'))).on('connection', () => seen.connections++);
    await new Promise<void>((r) => quiet.listen(0, '127.0.0.1', r));
    const own = createUpstreamFetch();
    const at = `http://127.0.0.1:${(quiet.address() as AddressInfo).port}/`;
    await expect(own(at, { method: 'POST', headers: {}, body: '{}', signal: controller.signal })).rejects.toBe(reason);
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toEqual({ connections: 0, requests: 0 });
    own.close();
    quiet.close();
  });

  it('stops a connection still being set up when it is closed (a TLS handshake that never ends)', async () => {
    const closedAfter: number[] = [];
    const mute = createNetServer((socket) => {
      const accepted = Date.now();
      socket.resume(); // reads the ClientHello, answers nothing
      socket.on('close', () => closedAfter.push(Date.now() - accepted));
    });
    await new Promise<void>((r) => mute.listen(0, '127.0.0.1', r));
    const own = createUpstreamFetch();
    const init = { method: 'POST', headers: {}, body: '{}', timeoutMs: 100 };
    await expect(own(`https://127.0.0.1:${(mute.address() as AddressInfo).port}/`, init)).rejects.toMatchObject({ name: 'TimeoutError' });
    own.close();
    await expect.poll(() => closedAfter, { timeout: 2_000 }).toHaveLength(1);
    expect(closedAfter[0]).toBeLessThan(1_000); // undici alone held it to its 10 s connect timeout
    mute.close();
  });

  it('joins a repeated header as Headers.get does', async () => {
    expect((await post('/twice')).headers.get('X-Twice')).toBe('a, b');
  });

  it('rejects as fetch does when the upstream drops the connection, before or during the answer', async () => {
    for (const path of ['/reset', '/half'])
      await expect(post(path)).rejects.toMatchObject({ name: 'TypeError', message: 'fetch failed', cause: expect.any(Error) });
  });

  it('rejects an answer over 1 MB instead of holding it', async () => {
    await expect(post('/huge')).rejects.toMatchObject({ name: 'TypeError', cause: { message: 'upstream answer too large' } });
  });

  it('names the network error in the cause, as fetch does (what BuildBetter logs)', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const init = { method: 'POST', headers: {}, body: '{}', timeoutMs: 2_000 };
    await expect(upstream(`http://127.0.0.1:${port}/`, init)).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
  });
});

// @vitest-environment node
// The Node server's upstream transport, against a real local server.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUpstreamFetch } from '../../src/proxy/node/upstream.js';

let url: string;
let sockets = 0;
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    if (req.url === '/slow') return void setTimeout(() => res.end('{}'), 2_000);
    if (req.url === '/reset') return void req.socket.destroy();
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

describe('the node:http upstream transport', () => {
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

  it('rejects when the upstream drops the connection', async () => {
    await expect(post('/reset')).rejects.toThrow();
  });
});

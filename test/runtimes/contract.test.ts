// @vitest-environment node
/**
 * One contract, every runtime: the README's deployment form for each platform, run as written
 * on its runtime (Node, workerd through Miniflare, Deno, Bun, a Next.js app), answers the same requests the
 * same way over real HTTP, delivering to the fake Amplitude on 127.0.0.1. Each request comes
 * from its own loopback address, so the per-client rate limit sees distinct clients (and
 * proves the form hands the platform's client address to the proxy).
 */
import { Agent, fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN, amplitudeItemOf, fakeAmplitudeForFile, feedback } from '../proxy/helpers.js';
import { layApp } from './apps.js';
import { BIN, run } from './run.js';
import { type RunningApp, formVariables, startProcess, startWorker } from './servers.js';

const fake = await fakeAmplitudeForFile();

const variables = (rateLimit: number) => formVariables(fake.url, rateLimit);

/** `next build` (with no keys, as on a build machine), then `next start` with them. */
async function buildAndStartNext(): Promise<RunningApp> {
  const dir = layApp('next', 'contract');
  const built = await run(BIN.node, [BIN.next, 'build'], { cwd: dir, env: { EARFUL_DESTINATION: 'amplitude' }, timeoutMs: 240_000 });
  if (built.code !== 0) throw new Error(`next build failed:\n${built.output}`);
  return startProcess('next', dir, '', variables(4));
}

const RUNTIMES: { name: string; start(): Promise<RunningApp>; addressHeader?: string }[] = [
  { name: 'Node (server.ts)', start: () => startProcess('node', layApp('node', 'contract'), 'server.ts', variables(4)) },
  { name: 'workerd (src/index.ts in Miniflare)', start: () => startWorker(layApp('worker', 'contract'), variables(4)) },
  { name: 'Deno (main.ts)', start: () => startProcess('deno', layApp('deno', 'contract'), 'main.ts', variables(4)) },
  { name: 'Bun (index.ts)', start: () => startProcess('bun', layApp('bun', 'contract'), 'index.ts', variables(4)) },
  // On Vercel the platform puts the client's address in x-real-ip, which the form reads: here
  // the test sets it to the address each client sends from, as Vercel's edge would.
  { name: 'Next.js (app/…/route.ts, built and started)', start: buildAndStartNext, addressHeader: 'x-real-ip' },
];

/** A client on its own loopback address (127.0.1.1, 127.0.1.2, …). */
let clients = 0;
const agents: Agent[] = [];
/** Each client's address, for a platform that hands it over in a header. */
const addresses = new Map<Agent, string>();
function newClient(): Agent {
  clients++;
  const address = `127.0.${1 + Math.floor(clients / 250)}.${1 + (clients % 250)}`;
  const agent = new Agent({ localAddress: address });
  agents.push(agent);
  addresses.set(agent, address);
  return agent;
}
afterAll(() => Promise.all(agents.map((agent) => agent.close())));

interface Sent {
  origin?: string | null;
  body?: string | Uint8Array | ReadableStream<Uint8Array>;
  headers?: Record<string, string>;
  method?: string;
  from?: Agent;
}

/** An app as started, with the header its platform gives the client's address in, if any. */
interface AppUnderTest extends RunningApp {
  addressHeader?: string;
}

/** A request to the app, from a client of its own unless one is given. */
async function send(app: AppUnderTest, path: string, sent: Sent = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...sent.headers };
  const origin = sent.origin === undefined ? ORIGIN : sent.origin;
  if (origin !== null) headers.origin = origin;
  const client = sent.from ?? newClient();
  if (app.addressHeader) headers[app.addressHeader] = addresses.get(client)!;
  const res = await undiciFetch(`${app.url}${path}`, {
    method: sent.method ?? (sent.body === undefined ? 'GET' : 'POST'),
    headers,
    body: sent.body,
    duplex: 'half',
    dispatcher: client,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
}

const post = (app: AppUnderTest, items: unknown[], sent: Sent = {}) => send(app, '/v1/feedback', { ...sent, body: JSON.stringify({ items }) });

/** A body of `bytes` bytes of spaces, sent in 64 KB chunks without a declared length. */
function streamOf(bytes: number): ReadableStream<Uint8Array> {
  let left = bytes;
  return new ReadableStream({
    pull(controller) {
      const size = Math.min(left, 64 * 1024);
      controller.enqueue(new Uint8Array(size).fill(32));
      left -= size;
      if (left === 0) controller.close();
    },
  });
}

describe.each(RUNTIMES)('$name', (runtime) => {
  let app: AppUnderTest;
  beforeAll(async () => {
    app = Object.assign(await runtime.start(), { addressHeader: runtime.addressHeader });
  }, 300_000);
  afterAll(() => app?.stop());

  it('delivers a valid item, mapped, to the upstream', async () => {
    const item = feedback();
    const answer = await post(app, [item]);
    expect([answer.status, answer.json()]).toEqual([200, { results: [{ id: item.id, status: 'delivered' }] }]);
    expect(answer.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]!.body).toEqual({ source_id: 'src-1', items: [amplitudeItemOf(item)] });
  });

  it('rejects an invalid item naming the field, and delivers only its valid sibling', async () => {
    const good = feedback();
    const bad = feedback({ user: { email: 'not-an-email' } });
    const answer = await post(app, [good, bad]);
    expect([answer.status, answer.json().results]).toEqual([
      200,
      [
        { id: good.id, status: 'delivered' },
        { id: bad.id, status: 'rejected', error: 'user.email: invalid email', path: 'user.email' },
      ],
    ]);
    expect(fake.stored().map((stored) => stored.unique_id)).toEqual([good.id]);
    expect((await post(app, [], { body: '{"items": [' })).status).toBe(400);
  });

  it('answers 403 to an origin not allowed, and delivers nothing', async () => {
    const answer = await post(app, [feedback()], { origin: 'https://elsewhere.example' });
    expect(answer.status).toBe(403);
    expect(fake.calls).toHaveLength(0);
  });

  it('answers a preflight from an allowed origin', async () => {
    const answer = await send(app, '/v1/feedback', {
      method: 'OPTIONS',
      headers: { 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(answer.headers.get('access-control-allow-methods')).toContain('POST');
    expect(answer.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
  });

  it('answers 413 to 6 MB every time, with its length declared or streamed, and the client reads it', async () => {
    const sixMegabytes = new Uint8Array(6_000_000).fill(32);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await send(app, '/v1/feedback', { body: sixMegabytes })).status);
    for (let i = 0; i < 5; i++) statuses.push((await send(app, '/v1/feedback', { body: streamOf(6_000_000) })).status);
    expect(statuses).toEqual(Array(15).fill(413));
    expect(fake.calls).toHaveLength(0);
  });

  it('answers /healthz with the destination as the delivery above left it', async () => {
    const answer = await send(app, '/healthz', { origin: null });
    expect(answer.status).toBe(200);
    expect(answer.json()).toMatchObject({ status: 'ok', destinations: [{ name: 'amplitude', status: 'ok' }] });
  });

  it('limits a client by its address (burst 2) and serves another meanwhile', async () => {
    const client = newClient();
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(app, [feedback()], { from: client })).status);
    expect(statuses).toEqual([200, 200, 429]);
    expect((await post(app, [feedback()])).status).toBe(200);
    expect(app.output()).not.toMatch(/rate limit is off/);
  });
});

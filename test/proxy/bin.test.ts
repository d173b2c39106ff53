// @vitest-environment node
// The `earful-proxy` bin as a user runs it: a real process, configured from the environment.
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeAmplitude, startFakeAmplitude } from '../fakes/amplitude.js';
import { startFakeBuildBetter } from '../fakes/buildbetter.js';
import { type ProxyProcess, runBin, startProxy } from '../redis/processes.js';
import { feedback } from './helpers.js';

const running: ProxyProcess[] = [];

afterEach(async () => {
  for (const proxy of running.splice(0)) await proxy.kill();
});

/** Starts the bin on a free port and resolves once it says it listens; it is killed after the test. */
async function startBin(env: Record<string, string>): Promise<ProxyProcess> {
  const proxy = await startProxy(env);
  running.push(proxy);
  return proxy;
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

const postJson = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}/v1/feedback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('earful-proxy on the local default', () => {
  it('captures exactly what Amplitude and BuildBetter would receive and shows it at /inbox', async () => {
    const { url, output } = await startBin({});
    const item = feedback({ kind: 'nps', score: 9, body: 'Love the new search' });
    const res = await postJson(url, { items: [item] });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ results: [{ id: item.id, status: 'delivered' }] });

    const entries = (await (await fetch(`${url}/inbox.json`)).json()) as {
      destination: string;
      url: string;
      body: any;
    }[];
    const amp = entries.find((e) => e.destination === 'amplitude')!;
    expect(amp.url).toBe('https://amplitude.com/api/1/ai-feedback/ingest');
    expect(amp.body.items[0]).toMatchObject({
      unique_id: item.id,
      body: 'NPS 9/10: Love the new search',
      user_id: 'user-123',
    });
    const record = entries.find((e) => e.destination === 'buildbetter' && e.url.endsWith('/records'))!;
    expect(record.body.external_id).toBe(item.id);

    const page = await (await fetch(`${url}/inbox`)).text();
    expect(page).toContain(item.id as string);
    expect(page).toContain('NPS 9/10: Love the new search');
    const file = /captured requests go to (\S+)/.exec(output())![1]!;
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(entries.length);
    expect(await (await fetch(`${url}/`)).text()).toContain('/inbox');
  });

  it('allows its own origins by default and refuses others', async () => {
    const { url } = await startBin({});
    const port = new URL(url).port;
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`])
      expect((await postJson(url, { items: [feedback()] }, { origin })).status).toBe(200);
    expect((await postJson(url, { items: [feedback()] }, { origin: 'https://evil.example' })).status).toBe(403);
  });

  it('answers a 6 MB upload with a real 413, declared or streamed, never a reset', async () => {
    const { url } = await startBin({});
    const declared = await fetch(`${url}/v1/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(6_000_000),
    });
    expect(declared.status).toBe(413);
    const streamed = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        `${url}/v1/feedback`,
        { method: 'POST', headers: { 'content-type': 'application/json' } },
        (res) => {
          res.resume();
          resolve(res.statusCode!);
        },
      );
      req.on('error', reject);
      const chunk = Buffer.alloc(256 * 1024, 32);
      let sent = 0;
      const pump = () => {
        while (sent < 6_000_000) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    expect(streamed).toBe(413);
  });

  it('stops cleanly on SIGTERM', async () => {
    const { child } = await startBin({});
    const exit = exitOf(child);
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });
});

describe('earful-proxy with real destinations', () => {
  let fake: FakeAmplitude;
  beforeAll(async () => {
    fake = await startFakeAmplitude();
  });
  afterAll(() => fake.close());

  it('delivers to Amplitude with the keys from the environment', async () => {
    const { url } = await startBin({
      EARFUL_DESTINATION: 'amplitude',
      AMPLITUDE_API_KEY: 'amp-key',
      AMPLITUDE_SECRET_KEY: 'amp-secret',
      AMPLITUDE_SOURCE_ID: 'src-1',
      AMPLITUDE_BASE_URL: fake.url,
    });
    const item = feedback();
    const res = await postJson(url, { items: [item] });
    expect(await res.json()).toEqual({ results: [{ id: item.id, status: 'delivered' }] });
    expect(fake.stored().map((i) => i.unique_id)).toContain(item.id);
    const health = await (await fetch(`${url}/healthz`)).json();
    expect(health).toMatchObject({ status: 'ok', destinations: [{ name: 'amplitude', status: 'ok' }] });
    expect((await fetch(`${url}/inbox`)).status).toBe(404);
  });

  it('delivers to BuildBetter with the source id from the environment', async () => {
    const bb = await startFakeBuildBetter();
    try {
      const { url } = await startBin({ EARFUL_DESTINATION: 'buildbetter', BUILDBETTER_API_KEY: 'bb-key', BUILDBETTER_SOURCE_ID: '123', BUILDBETTER_BASE_URL: bb.url });
      const item = feedback();
      const res = await postJson(url, { items: [item] });
      expect(await res.json()).toEqual({ results: [{ id: item.id, status: 'delivered' }] });
      expect(bb.records(123).map((r) => r.external_id)).toEqual([item.id]);
      expect(bb.sources()).toHaveLength(1);
    } finally {
      await bb.close();
    }
  });

  it('refuses to start with a source name and no id, printing the one-off command instead of creating a source', async () => {
    const bb = await startFakeBuildBetter();
    try {
      const { code, out } = await runBin([], { EARFUL_DESTINATION: 'buildbetter', BUILDBETTER_API_KEY: 'bb-key', BUILDBETTER_SOURCE_NAME: 'NPS', BUILDBETTER_BASE_URL: bb.url });
      expect(code).toBe(1);
      expect(out).toContain('earful-proxy buildbetter create-source');
      expect(out).toContain('BUILDBETTER_SOURCE_ID');
      expect(bb.calls).toEqual([]);
    } finally {
      await bb.close();
    }
  });

  it('creates a BuildBetter source once with `buildbetter create-source NAME` and prints the id to set', async () => {
    const bb = await startFakeBuildBetter();
    try {
      const env = { BUILDBETTER_API_KEY: 'bb-key', BUILDBETTER_BASE_URL: bb.url };
      const named = await runBin(['buildbetter', 'create-source', 'NPS survey'], env);
      const created = bb.sources().find((s) => s.name === 'NPS survey')!;
      expect(named).toEqual({ code: 0, out: expect.stringContaining(`BUILDBETTER_SOURCE_ID=${created.id}`) });
      const fromEnv = await runBin(['buildbetter', 'create-source'], { ...env, BUILDBETTER_SOURCE_NAME: 'Website' });
      expect(fromEnv.code).toBe(0);
      expect(bb.sources().map((s) => s.name)).toEqual(['Existing', 'NPS survey', 'Website']);
      expect(`${named.out}${fromEnv.out}`).not.toContain('bb-key');
    } finally {
      await bb.close();
    }
  });

  it('says what is wrong when create-source cannot create a source', async () => {
    const bb = await startFakeBuildBetter();
    try {
      expect(await runBin(['buildbetter', 'create-source', 'NPS'], { BUILDBETTER_BASE_URL: bb.url })).toEqual({
        code: 1,
        out: expect.stringContaining('BUILDBETTER_API_KEY'),
      });
      const unnamed = await runBin(['buildbetter', 'create-source'], { BUILDBETTER_API_KEY: 'bb-key', BUILDBETTER_BASE_URL: bb.url });
      expect(unnamed).toEqual({ code: 1, out: expect.stringContaining('BUILDBETTER_SOURCE_NAME') });
      const refused = await runBin(['buildbetter', 'create-source', 'NPS'], { BUILDBETTER_API_KEY: 'wrong-key', BUILDBETTER_BASE_URL: bb.url });
      expect(refused).toEqual({ code: 1, out: expect.stringContaining('BuildBetter answered 401: check BUILDBETTER_API_KEY') });
      expect((await runBin(['serve-me'], {})).code).toBe(2);
      expect(bb.sources()).toHaveLength(1);
    } finally {
      await bb.close();
    }
  });

  it.each(['70000', '-1', 'http'])('refuses PORT=%s at start-up with a sentence, not a stack', async (port) => {
    const { code, out } = await runBin([], { PORT: port });
    expect(code).toBe(1);
    expect(out.trim()).toBe('earful-proxy: PORT must be a whole number from 0 to 65535');
  });

  it('refuses to start without the keys it needs, naming them and printing no secret', async () => {
    const { code, out } = await runBin([], { EARFUL_DESTINATION: 'amplitude', AMPLITUDE_SECRET_KEY: 'super-secret-value' });
    expect(code).toBe(1);
    expect(out).toContain('AMPLITUDE_API_KEY');
    expect(out).toContain('AMPLITUDE_SOURCE_ID');
    expect(out).not.toContain('super-secret-value');
  });
});

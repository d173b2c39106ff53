// @vitest-environment node
// BuildBetter through the durable queue (EARFUL_QUEUE=buildbetter) on a real Redis: items are
// answered `accepted` once queued, drained by the worker at the fake BuildBetter, re-sends stay
// single, a full queue answers retry, a refused record becomes a dead letter with its reason.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { amplitude } from '../../src/proxy/amplitude.js';
import { buildbetter } from '../../src/proxy/buildbetter.js';
import type { ProxyConfig } from '../../src/proxy/create-proxy.js';
import { type RunningProxy, type ServeOptions, serve } from '../../src/proxy/node/index.js';
import { startFakeAmplitude, type FakeAmplitude } from '../fakes/amplitude.js';
import { captureLogs, feedback } from '../proxy/helpers.js';
import { post, redisAndBuildBetterForFile } from './redis-and-buildbetter.js';
import { freePort } from './redis-server.js';

const { redis, fake, running } = await redisAndBuildBetterForFile({ appendonly: true });
const logs = captureLogs();

async function proxy(config: Partial<ProxyConfig & ServeOptions> = {}): Promise<RunningProxy> {
  const destinations = [buildbetter({ apiKey: 'bb-key', sourceId: 123, baseUrl: fake.url })];
  const started = await serve({ destinations, allowedOrigins: '*', port: 0, redisUrl: redis.url, queue: { destination: 'buildbetter' }, logger: logs, ...config });
  running.push(started);
  return started;
}

const health = async (to: RunningProxy) => (await (await fetch(`${to.url}/healthz`)).json()) as any;
const externalIds = () => fake.records(123).map((r) => r.external_id);

/** Waits until `done()` holds, for at most `timeout` ms. */
const until = (done: () => boolean | Promise<boolean>, timeout = 10_000) => vi.waitUntil(done, { timeout, interval: 25 });

describe('the BuildBetter queue', () => {
  it('answers accepted once queued, and the worker delivers each item once', async () => {
    const server = await proxy();
    const items = [feedback(), feedback(), feedback()];
    const answer = await post(server, items);
    expect(answer.statuses).toEqual(['accepted', 'accepted', 'accepted']);
    await until(() => fake.records(123).length === 3);
    expect(externalIds().sort()).toEqual(items.map((i) => i.id).sort());
    await until(async () => (await health(server)).destinations[0].queue.queued === 0);
    expect((await health(server)).destinations[0]).toEqual({ name: 'buildbetter', status: 'ok', queue: { queued: 0, deadLetters: 0, drainsInSeconds: 0 } });
  });

  it('keeps a re-send single, and queues the comment that follows a score under the same id', async () => {
    const server = await proxy({ queueWorker: false });
    const score = feedback({ kind: 'nps', score: 9, body: undefined });
    await post(server, [score]);
    await post(server, [score]);
    await post(server, [{ ...score, body: 'Love the new search' }]);
    expect((await health(server)).destinations[0].queue.queued).toBe(2);

    const worker = await proxy();
    await until(async () => (await health(worker)).destinations[0].queue.queued === 0);
    expect(fake.records(123)).toHaveLength(2);
    const [record, followUp] = fake.records(123);
    expect(record!.external_id).toBe(score.id);
    expect(followUp!.fields.find((f) => f.name === 'feedback')?.value).toBe('Love the new search');
  });

  it('shows the backlog and when it drains at /healthz, and says retry past the cap, dropping nothing', async () => {
    const server = await proxy({ queueWorker: false, queue: { destination: 'buildbetter', maxItems: 3 } });
    expect((await post(server, [feedback(), feedback(), feedback()])).statuses).toEqual(['accepted', 'accepted', 'accepted']);
    const full = await post(server, [feedback()]);
    expect(full.status).toBe(503);
    expect(full.statuses).toEqual(['retry']);
    expect(Number(full.retryAfter)).toBeGreaterThan(0);
    const text = await (await fetch(`${server.url}/healthz`)).text();
    expect(JSON.parse(text).destinations[0].queue).toEqual({ queued: 3, deadLetters: 0, drainsInSeconds: 2 });
    expect(text).not.toMatch(/123|bb-key/);
  });

  it('turns a record BuildBetter refuses into a dead letter with its reason', async () => {
    const server = await proxy();
    fake.failNext({ status: 400, body: { error: 'field feedback is too long' }, match: { method: 'POST' } });
    const item = feedback();
    expect((await post(server, [item])).statuses).toEqual(['accepted']);
    await until(async () => (await health(server)).destinations[0].queue.deadLetters === 1);
    expect(logs.lines.some((line) => line.includes(`item ${item.id} is a dead letter: buildbetter rejected the record: field feedback is too long`))).toBe(true);
  });

  it('keeps a record refused naming nothing of it, before BuildBetter stored any, queued: a configuration fault, never a dead letter', async () => {
    const server = await proxy();
    fake.failNext({ status: 400, body: { error: 'Unknown key: source_kind' }, match: { method: 'POST' } });
    const item = feedback();
    expect((await post(server, [item])).statuses).toEqual(['accepted']);
    await until(async () => (await health(server)).status === 'failing');
    expect(fake.calls.filter((call) => call.status === 400)).toHaveLength(1);
    expect((await health(server)).destinations[0].queue).toMatchObject({ queued: 1, deadLetters: 0 });
    expect(logs.lines.filter((line) => line.includes(String(item.id)) && line.includes('dead letter'))).toEqual([]);
    expect(logs.lines.filter((line) => line.startsWith('error') && line.includes('configuration fault'))).toHaveLength(1);
  });

  it('tries again after a failure, with backoff, and delivers', async () => {
    const server = await proxy();
    fake.failNext({ status: 503, match: { method: 'POST' } });
    const item = feedback();
    await post(server, [item]);
    await until(() => fake.calls.some((call) => call.status === 503));
    const failedAt = Date.now();
    await until(() => fake.records(123).length === 1, 15_000);
    // The first backoff is 10 s (doubling to 30 min between attempts).
    expect(Date.now() - failedAt).toBeGreaterThan(9_000);
    expect(externalIds()).toEqual([item.id]);
  }, 30_000);

  it('answers retry within a second when Redis is down', async () => {
    // No rate limit: the queue's own answer is what is tested here.
    const server = await proxy({ queueWorker: false, rateLimit: false });
    await redis.stop('SIGKILL');
    try {
      const started = performance.now();
      const answer = await post(server, [feedback()]);
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(answer.status).toBe(503);
      expect(answer.statuses).toEqual(['retry']);
      expect((await health(server)).status).toBe('failing');
    } finally {
      await redis.restart();
    }
  });
});

describe('the BuildBetter queue, Redis away at start-up', () => {
  it('starts, answers retry within a second, then accepts and delivers once Redis comes', async () => {
    await redis.stop();
    const server = await proxy({ rateLimit: false });
    const started = performance.now();
    expect((await post(server, [feedback()])).statuses).toEqual(['retry']);
    expect(performance.now() - started).toBeLessThan(1_000);
    await redis.restart();
    const item = feedback();
    await until(async () => (await post(server, [item])).statuses?.[0] === 'accepted');
    await until(() => externalIds().includes(item.id as string), 15_000);
  });
});

describe('the BuildBetter queue, Redis never there', () => {
  it('closes within a few seconds when Redis cannot be reached (the bin stops on SIGTERM)', async () => {
    const nobody = `redis://127.0.0.1:${await freePort()}`;
    const server = await serve({
      destinations: [buildbetter({ apiKey: 'bb-key', sourceId: 123, baseUrl: fake.url })],
      allowedOrigins: '*',
      port: 0,
      redisUrl: nobody,
      queue: { destination: 'buildbetter' },
      logger: logs,
      rateLimit: false,
    });
    // The worker is up and waiting for Redis; a submission is answered retry meanwhile.
    expect((await post(server, [feedback()])).statuses).toEqual(['retry']);
    const started = performance.now();
    await server.close();
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('the BuildBetter queue, misconfigured', () => {
  it('refuses a queue without the buildbetter destination before it connects to Redis', async () => {
    const observer = new Redis(redis.url);
    try {
      const clients = async () => String(await observer.call('CLIENT', 'LIST')).trim().split('\n').length;
      const before = await clients();
      const amplitudeOnly = [amplitude({ apiKey: 'amp-key', secretKey: 'amp-secret', sourceId: 'src-1', baseUrl: fake.url })];
      await expect(proxy({ destinations: amplitudeOnly })).rejects.toThrow(/needs the buildbetter destination/);
      expect(await clients()).toBe(before);
    } finally {
      observer.disconnect();
    }
  });
});

describe('Amplitude beside the BuildBetter queue', () => {
  let amp: FakeAmplitude;
  beforeAll(async () => {
    amp = await startFakeAmplitude();
  });
  afterAll(() => amp.close());

  const both = () => [
    amplitude({ apiKey: 'amp-key', secretKey: 'amp-secret', sourceId: 'src-1', baseUrl: amp.url }),
    buildbetter({ apiKey: 'bb-key', sourceId: 123, baseUrl: fake.url }),
  ];

  it('answers accepted when Amplitude has the item and the queue holds it, retry when Amplitude does not', async () => {
    const server = await proxy({ destinations: both(), queueWorker: false });
    expect((await post(server, [feedback()])).statuses).toEqual(['accepted']);
    amp.failNext({ status: 503 });
    expect((await post(server, [feedback()])).statuses).toEqual(['retry']);
  });
});

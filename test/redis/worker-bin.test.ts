// @vitest-environment node
// `earful-proxy worker`: the queue drained by a process of its own, beside a proxy told not to
// drain it (EARFUL_QUEUE_WORKER=off); and the sentence it says when there is no queue to drain.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type FakeBuildBetter, startFakeBuildBetter } from '../fakes/buildbetter.js';
import { feedback } from '../proxy/helpers.js';
import { type ProxyProcess, fleetEnv, runBin, startProxy } from './processes.js';
import { type RedisServer, startRedis } from './redis-server.js';

let redis: RedisServer;
let fake: FakeBuildBetter;
const started: ProxyProcess[] = [];

beforeAll(async () => {
  redis = await startRedis({ appendonly: true });
  fake = await startFakeBuildBetter();
});
afterAll(async () => {
  for (const proxy of started) await proxy.kill();
  await fake?.close();
  await redis?.close();
});

const queued = async (proxy: ProxyProcess) => ((await (await fetch(`${proxy.url}/healthz`)).json()) as any).destinations[0].queue.queued;

describe('earful-proxy worker', () => {
  it('drains the queue that a proxy with EARFUL_QUEUE_WORKER=off only fills, and stops cleanly on SIGTERM', async () => {
    const env = fleetEnv(redis.url, fake.url, { EARFUL_QUEUE: 'buildbetter' });
    const proxy = await startProxy({ ...env, EARFUL_QUEUE_WORKER: 'off' });
    started.push(proxy);
    // The line after `listening on …`, naming Redis as an operator reads it.
    await vi.waitUntil(() => proxy.output().includes(`shared state in Redis at ${redis.url}; buildbetter's records queued there`));
    const items = [feedback(), feedback(), feedback()];
    const res = await fetch(`${proxy.url}/v1/feedback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ items }) });
    expect(((await res.json()) as { results: { status: string }[] }).results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(fake.calls).toHaveLength(0);
    expect(await queued(proxy)).toBe(3);

    const worker = await startProxy(env, ['worker']);
    started.push(worker);
    expect(worker.output()).toMatch(/^earful worker draining buildbetter's queue on redis:\/\/127\.0\.0\.1:\d+$/m);
    await vi.waitUntil(() => fake.records(123).length >= 3, { timeout: 10_000 });
    expect(fake.records(123).map((r) => r.external_id).sort()).toEqual(items.map((i) => i.id).sort());
    // A job leaves the backlog only once BuildBetter's answer is back at the worker, a moment after the record is stored.
    await vi.waitUntil(async () => (await queued(proxy)) === 0, { timeout: 5_000 });
    expect(await queued(proxy)).toBe(0);

    const exited = new Promise<number | null>((resolve) => worker.child.once('exit', resolve));
    worker.child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('says what to set when there is no queue to drain', async () => {
    const { code, out } = await runBin(['worker'], { EARFUL_DESTINATION: 'buildbetter', BUILDBETTER_API_KEY: 'bb-key', BUILDBETTER_SOURCE_ID: '123' });
    expect(code).toBe(1);
    expect(out).toContain('earful-proxy worker drains a queue: set EARFUL_QUEUE=buildbetter and EARFUL_REDIS_URL');
  });
});

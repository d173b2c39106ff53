// @vitest-environment node
// The BuildBetter queue under three `earful-proxy` processes on one Redis (AOF on): a burst of
// 150 NPS answers is accepted at once, and drained at the shared pace; one proxy is killed with
// SIGKILL while it holds jobs mid-request, and started again. In the end every item is at the
// fake BuildBetter exactly once, nothing is pending or dead, and no rolling 60 s saw 100
// requests (the burst needs two windows: 90, then the rest as the first slots free).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeBuildBetter, startFakeBuildBetter } from '../fakes/buildbetter.js';
import { feedback } from '../proxy/helpers.js';
import { type ProxyProcess, fleetEnv, startProxy } from './processes.js';
import { type RedisServer, startRedis } from './redis-server.js';

const BURST = 150;
/** Each BuildBetter answer comes this late, so that a proxy killed early is mid-request. */
const UPSTREAM_DELAY_MS = 300;

let redis: RedisServer;
let fake: FakeBuildBetter;
const proxies: ProxyProcess[] = [];
let env: Record<string, string>;

beforeAll(async () => {
  redis = await startRedis({ appendonly: true });
  fake = await startFakeBuildBetter();
  env = fleetEnv(redis.url, fake.url, { EARFUL_QUEUE: 'buildbetter', EARFUL_RATE_LIMIT: '0' });
  proxies.push(...(await Promise.all([startProxy(env), startProxy(env), startProxy(env)])));
});
afterAll(async () => {
  for (const proxy of proxies) await proxy.kill();
  await fake?.close();
  await redis?.close();
});

const healthOf = async (proxy: ProxyProcess) => ((await (await fetch(`${proxy.url}/healthz`)).json()) as any).destinations[0].queue;

describe('the queue under three proxies', () => {
  it('delivers a burst exactly once at the shared pace, a proxy killed mid-drain and restarted', async () => {
    fake.failNext({ delayMs: UPSTREAM_DELAY_MS, times: 10_000 });
    const items = Array.from({ length: BURST }, (_, i) => feedback({ kind: 'nps', score: i % 11, body: `answer ${i}`, user: { id: `user-${i}` } }));
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: BURST / 50 }, async (_, i) => {
        const res = await fetch(`${proxies[i]!.url}/v1/feedback`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ items: items.slice(i * 50, (i + 1) * 50) }),
        });
        return ((await res.json()) as { results: { status: string }[] }).results.map((r) => r.status);
      }),
    );
    const acceptedInMs = Date.now() - started;
    expect(answers.flat()).toEqual(Array(BURST).fill('accepted'));

    // Killed while requests of its jobs are on their way: those jobs' locks lapse, another worker takes them.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(fake.calls.length).toBeGreaterThan(0);
    expect(fake.records(123).length).toBeLessThan(BURST);
    await proxies[0]!.kill();
    proxies[0] = await startProxy(env);

    const deadline = started + 120_000;
    while (fake.records(123).length < BURST && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    const drainedInMs = Date.now() - started;
    let backlog = await healthOf(proxies[1]!);
    while (backlog.queued > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      backlog = await healthOf(proxies[1]!);
    }

    const ids = fake.records(123).map((r) => r.external_id);
    const created = fake.calls.filter((c) => c.method === 'POST' && c.status === 200).length;
    const duplicates = fake.calls.filter((c) => c.status === 409).length;
    const maxInWindow = fake.maxRequestsInAnyWindow();
    const limited = fake.calls.filter((c) => c.status === 429).length;
    console.info(
      `fleet-queue: ${BURST} accepted in ${acceptedInMs} ms; at BuildBetter in ${(drainedInMs / 1000).toFixed(1)} s, ` +
        `${fake.calls.length} requests (${duplicates} answered as duplicates after the kill), at most ${maxInWindow} in any 60 s, ${limited} answered 429`,
    );
    expect(ids.sort()).toEqual(items.map((item) => item.id).sort());
    expect(created).toBe(BURST);
    expect(backlog).toEqual({ queued: 0, deadLetters: 0, drainsInSeconds: 0 });
    expect(maxInWindow).toBeLessThan(100);
    expect(limited).toBe(0);
    // 90 in the first window, the rest only as its first slots free.
    expect(drainedInMs).toBeGreaterThan(59_000);
  }, 150_000);
});

// @vitest-environment node
// Three `earful-proxy` processes on one Redis, six clients posting to all three for 65 s, a
// recording fake BuildBetter that enforces its 100 requests in any rolling 60 s: one budget
// between the three (never three), zero 429s, and the window shared fairly between clients.
// 65 s because the rolling window is 60 s: a fixed window would let a second 90 through at
// its boundary, a budget per process three times 90.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeBuildBetter, startFakeBuildBetter } from '../fakes/buildbetter.js';
import { feedback } from '../proxy/helpers.js';
import { type ProxyProcess, fleetEnv, startProxy } from './processes.js';
import { type RedisServer, startRedis } from './redis-server.js';

const RUN_MS = 65_000;
const CLIENTS = 6;
const POST_EVERY_MS = 500;

let redis: RedisServer;
let fake: FakeBuildBetter;
let proxies: ProxyProcess[] = [];

beforeAll(async () => {
  redis = await startRedis();
  fake = await startFakeBuildBetter();
  // Each simulated client names itself in X-Forwarded-For, as a load balancer would.
  const env = fleetEnv(redis.url, fake.url, { EARFUL_TRUST_PROXY: '1' });
  proxies = await Promise.all([startProxy(env), startProxy(env), startProxy(env)]);
});
afterAll(async () => {
  for (const proxy of proxies) await proxy.kill();
  await fake?.close();
  await redis?.close();
});

/** One client: a new item every tick, its queue posted (at most 5 at a time) to the next proxy, retries kept. */
async function runClient(index: number, until: number) {
  const pending: Record<string, unknown>[] = [];
  let delivered = 0;
  let told = 0;
  for (let tick = 0; Date.now() < until; tick++) {
    pending.push(feedback({ user: { id: `client-${index}` } }));
    const batch = pending.slice(0, 5);
    const proxy = proxies[(index + tick) % proxies.length]!;
    const res = await fetch(`${proxy.url}/v1/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${index + 1}` },
      body: JSON.stringify({ items: batch }),
    });
    expect([200, 503]).toContain(res.status);
    const { results } = (await res.json()) as { results: { id: string; status: string }[] };
    for (const result of results) {
      if (result.status !== 'delivered') continue;
      delivered++;
      pending.splice(pending.findIndex((item) => item.id === result.id), 1);
    }
    if (results.some((r) => r.status === 'retry') && res.headers.get('retry-after')) told++;
    await new Promise((resolve) => setTimeout(resolve, POST_EVERY_MS));
  }
  return { delivered, told };
}

describe('three proxies on one Redis', () => {
  it('never exceed BuildBetter’s budget between them, meet no 429, and share it between clients', async () => {
    const until = Date.now() + RUN_MS;
    const clients = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => runClient(i, until)));

    const maxInWindow = fake.maxRequestsInAnyWindow();
    const limited = fake.calls.filter((call) => call.status === 429).length;
    const delivered = clients.map((c) => c.delivered);
    console.info(
      `fleet-budget: ${fake.calls.length} requests at BuildBetter in ${RUN_MS / 1000} s from 3 proxies, ` +
        `at most ${maxInWindow} in any 60 s, ${limited} answered 429; delivered per client ${delivered.join(', ')}`,
    );
    expect(maxInWindow).toBeLessThan(100);
    expect(maxInWindow).toBeGreaterThanOrEqual(88);
    expect(limited).toBe(0);
    // Every client was told when to come back, and each got a fair part: 90 / 6 = 15 at first.
    expect(clients.every((c) => c.told > 0)).toBe(true);
    expect(Math.min(...delivered)).toBeGreaterThanOrEqual(8);
  }, RUN_MS + 30_000);
});

// @vitest-environment node
// Three `earful-proxy` processes on one Redis, against a recording fake BuildBetter that
// enforces its 100 requests in any rolling 60 s. The two scenarios run side by side (each
// needs more than a 60 s window, and vitest runs files one after another on 2 cores):
// - six clients post to all three for 65 s: one budget between the three (never three), no
//   429, the window shared fairly between clients. A fixed window would let a second 90
//   through at its boundary, a budget per process three times 90;
// - a burst of 150 NPS answers is queued (EARFUL_QUEUE) and drained at the shared pace, one
//   proxy killed with SIGKILL while it holds jobs mid-request and started again: every item at
//   BuildBetter exactly once, nothing pending or dead (the burst needs two windows: 90, then the
//   rest as the first slots free).
import { type ExpectStatic, describe, it } from 'vitest';
import { type FakeBuildBetter, startFakeBuildBetter } from '../fakes/buildbetter.js';
import { feedback } from '../proxy/helpers.js';
import { type ProxyProcess, fleetEnv, startProxy } from './processes.js';
import { type RedisServer, startRedis } from './redis-server.js';

const MINUTE_AND_A_HALF = 90_000;

/** A fleet of three proxies on a fresh Redis and fake BuildBetter, for `run`, stopped after it. */
async function withFleet(extraEnv: Record<string, string>, run: (fleet: Fleet) => Promise<void>, { appendonly = false } = {}) {
  let redis: RedisServer | undefined;
  let fake: FakeBuildBetter | undefined;
  const proxies: ProxyProcess[] = [];
  try {
    redis = await startRedis({ appendonly });
    fake = await startFakeBuildBetter();
    const env = fleetEnv(redis.url, fake.url, extraEnv);
    proxies.push(...(await Promise.all([startProxy(env), startProxy(env), startProxy(env)])));
    await run({ fake, proxies, env });
  } finally {
    for (const proxy of proxies) await proxy.kill();
    await fake?.close();
    await redis?.close();
  }
}

interface Fleet {
  fake: FakeBuildBetter;
  proxies: ProxyProcess[];
  env: Record<string, string>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One client for `until`: a new item every half second, up to 5 of its queue posted to the next proxy, retries kept. */
async function runClient(expect: ExpectStatic, proxies: ProxyProcess[], index: number, until: number) {
  const pending: Record<string, unknown>[] = [];
  let delivered = 0;
  let told = 0;
  for (let tick = 0; Date.now() < until; tick++) {
    pending.push(feedback({ user: { id: `client-${index}` } }));
    const proxy = proxies[(index + tick) % proxies.length]!;
    const res = await fetch(`${proxy.url}/v1/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${index + 1}` },
      body: JSON.stringify({ items: pending.slice(0, 5) }),
    });
    expect([200, 503]).toContain(res.status);
    const { results } = (await res.json()) as { results: { id: string; status: string }[] };
    for (const result of results) {
      if (result.status !== 'delivered') continue;
      delivered++;
      pending.splice(pending.findIndex((item) => item.id === result.id), 1);
    }
    if (results.some((r) => r.status === 'retry') && res.headers.get('retry-after')) told++;
    await sleep(500);
  }
  return { delivered, told };
}

const healthOf = async (proxy: ProxyProcess) => ((await (await fetch(`${proxy.url}/healthz`)).json()) as any).destinations[0].queue;

describe.concurrent('three proxies on one Redis', () => {
  it('never exceed BuildBetter’s budget between them, meet no 429, and share it between clients', ({ expect }) =>
    // Each simulated client names itself in X-Forwarded-For, as a load balancer would.
    withFleet({ EARFUL_TRUST_PROXY: '1' }, async ({ fake, proxies }) => {
      const runMs = 65_000;
      const until = Date.now() + runMs;
      const clients = await Promise.all(Array.from({ length: 6 }, (_, i) => runClient(expect, proxies, i, until)));

      const maxInWindow = fake.maxRequestsInAnyWindow();
      const limited = fake.calls.filter((call) => call.status === 429).length;
      const delivered = clients.map((c) => c.delivered);
      console.info(
        `fleet-budget: ${fake.calls.length} requests at BuildBetter in ${runMs / 1000} s from 3 proxies, ` +
          `at most ${maxInWindow} in any 60 s, ${limited} answered 429; delivered per client ${delivered.join(', ')}`,
      );
      expect(maxInWindow).toBeLessThan(100);
      expect(maxInWindow).toBeGreaterThanOrEqual(88);
      expect(limited).toBe(0);
      // Every client was told when to come back, and each got a fair part: 90 / 6 = 15 at first.
      expect(clients.every((c) => c.told > 0)).toBe(true);
      expect(Math.min(...delivered)).toBeGreaterThanOrEqual(8);
    }), MINUTE_AND_A_HALF);

  it('deliver a queued burst exactly once at the shared pace, a proxy killed mid-drain and restarted', ({ expect }) =>
    withFleet(
      { EARFUL_QUEUE: 'buildbetter', EARFUL_RATE_LIMIT: '0' },
      async ({ fake, proxies, env }) => {
        const burst = 150;
        // Each answer comes 300 ms late, so that a proxy killed early is mid-request.
        fake.failNext({ delayMs: 300, times: 10_000 });
        const items = Array.from({ length: burst }, (_, i) => feedback({ kind: 'nps', score: i % 11, body: `answer ${i}`, user: { id: `user-${i}` } }));
        const started = Date.now();
        const answers = await Promise.all(
          proxies.map(async (proxy, i) => {
            const res = await fetch(`${proxy.url}/v1/feedback`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ items: items.slice(i * 50, (i + 1) * 50) }),
            });
            return ((await res.json()) as { results: { status: string }[] }).results.map((r) => r.status);
          }),
        );
        const acceptedInMs = Date.now() - started;
        expect(answers.flat()).toEqual(Array(burst).fill('accepted'));

        // Killed while requests of its jobs are on their way: those jobs' locks lapse, another worker takes them.
        await sleep(1_000);
        expect(fake.calls.length).toBeGreaterThan(0);
        expect(fake.records(123).length).toBeLessThan(burst);
        await proxies[0]!.kill();
        proxies[0] = await startProxy(env);

        const deadline = started + 120_000;
        while (fake.records(123).length < burst && Date.now() < deadline) await sleep(250);
        const drainedInMs = Date.now() - started;
        let backlog = await healthOf(proxies[1]!);
        while (backlog.queued > 0 && Date.now() < deadline) {
          await sleep(250);
          backlog = await healthOf(proxies[1]!);
        }

        const ids = fake.records(123).map((r) => r.external_id);
        const created = fake.calls.filter((c) => c.method === 'POST' && c.status === 200).length;
        const duplicates = fake.calls.filter((c) => c.status === 409).length;
        const maxInWindow = fake.maxRequestsInAnyWindow();
        const limited = fake.calls.filter((c) => c.status === 429).length;
        console.info(
          `fleet-queue: ${burst} accepted in ${acceptedInMs} ms; at BuildBetter in ${(drainedInMs / 1000).toFixed(1)} s, ` +
            `${fake.calls.length} requests (${duplicates} answered as duplicates after the kill), at most ${maxInWindow} in any 60 s, ${limited} answered 429`,
        );
        expect(ids.sort()).toEqual(items.map((item) => item.id).sort());
        expect(created).toBe(burst);
        expect(backlog).toEqual({ queued: 0, deadLetters: 0, drainsInSeconds: 0 });
        expect(maxInWindow).toBeLessThan(100);
        expect(limited).toBe(0);
        // 90 in the first window, the rest only as its first slots free.
        expect(drainedInMs).toBeGreaterThan(59_000);
      },
      { appendonly: true },
    ), 150_000);
});

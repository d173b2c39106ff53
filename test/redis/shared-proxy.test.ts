// @vitest-environment node
// Two proxies (`serve()`, as two instances of a fleet) sharing one real Redis: one rate limit
// per client, one BuildBetter budget, one people cache, one pause for an upstream's 429; and
// with Redis gone, answers that say retry within a second, never a limit per instance.
import { describe, expect, it } from 'vitest';
import { buildbetter } from '../../src/proxy/buildbetter.js';
import type { ProxyConfig } from '../../src/proxy/create-proxy.js';
import { type RunningProxy, serve } from '../../src/proxy/node/index.js';
import { captureLogs, feedback } from '../proxy/helpers.js';
import { post, redisAndBuildBetterForFile } from './redis-and-buildbetter.js';
import { freePort } from './redis-server.js';

const { redis, fake, running } = await redisAndBuildBetterForFile();
const logs = captureLogs();

/** `count` proxies on the one Redis, each with its own BuildBetter destination (its own process's view). */
async function fleet(count: number, config: Partial<ProxyConfig> = {}): Promise<RunningProxy[]> {
  for (let i = 0; i < count; i++) {
    const destinations = [buildbetter({ apiKey: 'bb-key', sourceId: 123, baseUrl: fake.url, requestsPerMinute: 6 })];
    running.push(await serve({ destinations, allowedOrigins: '*', port: 0, redisUrl: redis.url, logger: logs, ...config }));
  }
  return running.slice(-count);
}

const anonymous = () => feedback({ user: { id: 'user-1' } });

/** Posts to each proxy and expects a 503 with Retry-After, within a second. */
async function expectRetryWithinASecond(proxies: RunningProxy[]) {
  for (const proxy of proxies) {
    const started = performance.now();
    const answer = await post(proxy, [anonymous()]);
    const tookMs = performance.now() - started;
    expect(answer.status).toBe(503);
    expect(Number(answer.retryAfter)).toBeGreaterThan(0);
    expect(tookMs).toBeLessThan(1_000);
  }
}

describe('a fleet on one Redis', () => {
  it('keeps one rate limit per client across instances', async () => {
    const [first, second] = await fleet(2, { rateLimit: { requestsPerMinute: 1, burst: 2 } });
    expect((await post(first!, [anonymous()])).status).toBe(200);
    expect((await post(second!, [anonymous()])).status).toBe(200);
    const third = await post(first!, [anonymous()]);
    expect(third.status).toBe(429);
    expect(Number(third.retryAfter)).toBeGreaterThan(50);
  });

  it("spends one BuildBetter budget between instances, and the client that wants more is told when to come back", async () => {
    const proxies = await fleet(3);
    const answers = [];
    for (const proxy of proxies) answers.push(await post(proxy, [anonymous(), anonymous(), anonymous()]));
    // 6 a minute between the three: the first two batches go, the third waits.
    expect(answers.map((answer) => answer.statuses)).toEqual([
      ['delivered', 'delivered', 'delivered'],
      ['delivered', 'delivered', 'delivered'],
      ['retry', 'retry', 'retry'],
    ]);
    expect(Number(answers[2]!.retryAfter)).toBeGreaterThan(50);
    expect(fake.calls).toHaveLength(6);
  });

  it('upserts a person once for the whole fleet', async () => {
    const [first, second] = await fleet(2);
    const jane = { id: 'user-2', email: 'jane.fleet@example.com', name: 'Jane Fleet' };
    expect((await post(first!, [feedback({ user: jane })])).statuses).toEqual(['delivered']);
    expect((await post(second!, [feedback({ user: jane })])).statuses).toEqual(['delivered']);
    expect(fake.calls.filter((c) => c.method === 'PUT')).toHaveLength(1);
    expect(new Set(fake.records(123).map((r) => r.person_id)).size).toBe(1);
  });

  it('knows on every instance which words an item’s record went out with: a re-send adds nothing, a comment added goes on', async () => {
    const [first, second] = await fleet(2);
    const score = feedback({ kind: 'nps', score: 9, body: 'Fast', user: { id: 'user-3' } });
    expect((await post(first!, [score])).statuses).toEqual(['delivered']);
    // The answer was lost on its way back: the browser sends the item again, to another instance.
    expect((await post(second!, [score])).statuses).toEqual(['delivered']);
    expect(fake.records(123)).toHaveLength(1);

    const quiet = feedback({ kind: 'nps', score: 7, body: undefined, user: { id: 'user-4' } });
    expect((await post(first!, [quiet])).statuses).toEqual(['delivered']);
    expect((await post(second!, [{ ...quiet, body: 'Search could be faster' }])).statuses).toEqual(['delivered']);
    const followUp = fake.records(123).find((r) => r.external_id?.startsWith(`${quiet.id}:words:`));
    expect(followUp?.fields.find((f) => f.name === 'feedback')?.value).toBe('Search could be faster');
  });

  it("pauses every instance for the Retry-After of a 429 that one of them met", async () => {
    const [first, second] = await fleet(2);
    fake.failNext({ status: 429, retryAfter: '40' });
    const limited = await post(first!, [anonymous()]);
    expect(limited.statuses).toEqual(['retry']);
    const other = await post(second!, [anonymous()]);
    expect(other.statuses).toEqual(['retry']);
    expect(Number(other.retryAfter)).toBeGreaterThan(35);
    expect(fake.calls).toHaveLength(1);
  });

  it('answers retry within a second while Redis is frozen (connections open, no answers)', async () => {
    const proxies = await fleet(2);
    redis.freeze(true);
    try {
      await expectRetryWithinASecond(proxies);
    } finally {
      redis.freeze(false);
    }
    expect(fake.calls).toHaveLength(0);
    expect((await post(proxies[0]!, [anonymous()])).statuses).toEqual(['delivered']);
  });

  it('answers retry within a second while Redis is down, and delivers again once it is back', async () => {
    const [first, second] = await fleet(2);
    expect((await post(first!, [anonymous()])).statuses).toEqual(['delivered']);
    await redis.stop('SIGKILL');
    await expectRetryWithinASecond([first!, second!]);
    expect(fake.calls).toHaveLength(1);
    expect(logs.lines.some((line) => /Redis at redis:\/\/127\.0\.0\.1:\d+ is not answering/.test(line))).toBe(true);

    await redis.restart();
    const back = performance.now();
    let answer = await post(second!, [anonymous()]);
    while (answer.status !== 200 && performance.now() - back < 5_000) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      answer = await post(second!, [anonymous()]);
    }
    expect(answer.statuses).toEqual(['delivered']);
    console.info(`redis-recovery: delivering again ${Math.round(performance.now() - back)} ms after Redis came back`);
  });
});

describe('a proxy starting while Redis is away', () => {
  it('takes no request until it can answer it, then answers retry within a second', async () => {
    const port = await freePort();
    const destinations = [buildbetter({ apiKey: 'bb-key', sourceId: 123, baseUrl: fake.url })];
    const nobody = `redis://127.0.0.1:${await freePort()}`;
    const starting = serve({ destinations, allowedOrigins: '*', port, redisUrl: nobody, logger: logs });
    // It waits up to 3 s for Redis: a request meanwhile finds the port closed, never a
    // server without its handler (which threw, and took the process down).
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    const server = await starting;
    running.push(server);
    expect(server.port).toBe(port);
    await expectRetryWithinASecond([server]);
  });
});

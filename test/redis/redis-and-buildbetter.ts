// What the Redis tests that run proxies in this process share: a fake BuildBetter and a real
// Redis for the file, both emptied before each test, and the proxies a test started, closed
// after it; and a page's POST to a proxy.
import { afterAll, afterEach, beforeEach } from 'vitest';
import type { RunningProxy } from '../../src/proxy/node/index.js';
import { type FakeBuildBetter, startFakeBuildBetter } from '../fakes/buildbetter.js';
import { ORIGIN } from '../proxy/helpers.js';
import { type RedisServer, startRedis } from './redis-server.js';

export interface RedisAndBuildBetter {
  redis: RedisServer;
  fake: FakeBuildBetter;
  /** Push each proxy a test starts here: it is closed after the test. */
  running: RunningProxy[];
}

/**
 * Await it at the file's top level, so that tests read `redis` and `fake` as plain constants.
 * The fake, a server in this process, starts first: a Redis that then fails to start leaves no
 * process behind.
 */
export async function redisAndBuildBetterForFile(redisOptions: { appendonly?: boolean } = {}): Promise<RedisAndBuildBetter> {
  const fake = await startFakeBuildBetter();
  afterAll(() => fake.close());
  const redis = await startRedis(redisOptions);
  afterAll(() => redis.close());
  const running: RunningProxy[] = [];
  beforeEach(async () => {
    fake.reset();
    await redis.flushAll();
  });
  afterEach(async () => {
    for (const proxy of running.splice(0)) await proxy.close();
  });
  return { redis, fake, running };
}

/** Posts `items` to `proxy`'s feedback route as a page would: the status, Retry-After and each item's status. */
export async function post(proxy: RunningProxy, items: unknown[]) {
  const res = await fetch(`${proxy.url}/v1/feedback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN },
    body: JSON.stringify({ items }),
  });
  const body = (await res.json()) as { results?: { status: string }[] };
  return { status: res.status, retryAfter: res.headers.get('retry-after'), statuses: body.results?.map((r) => r.status) };
}

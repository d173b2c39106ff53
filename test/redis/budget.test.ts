// @vitest-environment node
// BuildBetter's budget in a real Redis, spent by several "instances" (each its own connection
// and its own RedisBudget, as separate processes would have): one window between them.
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis, whenReady } from '../../src/proxy/node/redis/connect.js';
import { redisSharedState } from '../../src/proxy/node/redis/shared-state.js';
import { silentLogger } from '../../src/proxy/log.js';
import type { Budget, Ticket } from '../../src/proxy/shared-state.js';
import { maxInWindow } from '../fakes/http.js';
import { type RedisServer, startRedis } from './redis-server.js';

let server: RedisServer;
const connections: Redis[] = [];
let budgetNames = 0;

beforeAll(async () => {
  server = await startRedis();
});
afterAll(async () => {
  for (const redis of connections) redis.disconnect();
  await server.close();
});

/** `count` instances' views of one fresh budget of `limit` per `windowMs` (its log's key is `budgets.log`). */
async function instances(count: number, limit: number, windowMs: number): Promise<Budget[] & { log: string }> {
  const name = `test-budget-${++budgetNames}`;
  const budgets = Object.assign([] as Budget[], { log: `earful:{${name}}:log` });
  for (let i = 0; i < count; i++) {
    const redis = connectRedis(server.url, silentLogger, { failFast: true });
    connections.push(redis);
    await whenReady(redis, 5_000);
    budgets.push(redisSharedState(redis).budget(name, limit, windowMs));
  }
  return budgets;
}

const ticket = (client: string): Ticket => ({ client, at: 0, left: 0 });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the budget in Redis', () => {
  it('keeps three instances spending as fast as they can within one sliding window', async () => {
    const windowMs = 1_000;
    const limit = 5;
    const budgets = await instances(3, limit, windowMs);
    // When each slot was taken, on Redis's clock, as the log holds it (read right after each take,
    // well within the second it stays): this machine's clock after an await would add its delays.
    const stamps = new Map<string, number>();
    const reader = connections[connections.length - 1]!;
    const until = Date.now() + 2_600;
    await Promise.all(
      budgets.map(async (budget, i) => {
        while (Date.now() < until) {
          const wait = await budget.spend(ticket(`client-${i}`), Date.now());
          if (wait > 0) {
            await sleep(Math.min(wait, 20));
            continue;
          }
          const log = await reader.zrange(budgets.log, 0, -1, 'WITHSCORES');
          for (let k = 0; k < log.length; k += 2) stamps.set(log[k]!, Number(log[k + 1]));
        }
      }),
    );
    // A fixed window would let 2 × 5 through across a boundary; the log never lets more than 5.
    expect(maxInWindow([...stamps.values()], windowMs)).toBe(limit);
    // And it is not idle: about 5 a second for 2.6 s.
    expect(stamps.size).toBeGreaterThanOrEqual(3 * limit - 1);
  });

  it('splits the window between clients with deliveries under way on different instances', async () => {
    const [first, second] = await instances(2, 10, 60_000);
    await second!.begin('b', 0);
    // a may hold 5 of 10 while b wants slots: 4, then 1 more, then no more.
    expect(await first!.reserve(ticket('a'), 4)).toBe(0);
    expect(await first!.spend(ticket('a'), 0)).toBe(0);
    expect(await first!.spend(ticket('a'), 0)).toBeGreaterThan(50_000);
    expect(await second!.reserve(ticket('b'), 4)).toBe(0);
    await second!.end('b', 0);
    expect(await first!.spend(ticket('a'), 0)).toBe(0);
  });

  it('counts a client told to come back on one instance as waiting on the others', async () => {
    const [first, second] = await instances(2, 4, 60_000);
    await second!.begin('b', 0);
    await second!.end('b', 0, 5_000);
    expect(await first!.reserve(ticket('a'), 2)).toBe(0);
    expect(await first!.spend(ticket('a'), 0)).toBeGreaterThan(0);
  });

  it('moves a reserved slot to when its request goes out, and gives back the rest', async () => {
    const [budget] = await instances(1, 3, 60_000);
    const item = ticket('a');
    expect(await budget!.reserve(item, 3)).toBe(0);
    expect(item.left).toBe(3);
    expect(await budget!.spend(item, 0)).toBe(0);
    expect(item.left).toBe(2);
    await budget!.giveBack(item);
    // One slot used, two given back: two fresh ones fit, a third does not.
    expect(await budget!.reserve(ticket('a'), 2)).toBe(0);
    expect(await budget!.spend(ticket('a'), 0)).toBeGreaterThan(0);
  });

  it("stops every instance for an upstream's Retry-After", async () => {
    const [first, second] = await instances(2, 10, 60_000);
    await first!.block(0, 1_500);
    const wait = await second!.spend(ticket('b'), 0);
    expect(wait).toBeGreaterThan(1_000);
    expect(wait).toBeLessThanOrEqual(1_500);
    await sleep(wait + 10);
    expect(await second!.spend(ticket('b'), 0)).toBe(0);
  });
});

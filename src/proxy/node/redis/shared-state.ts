/**
 * `SharedState` on Redis: what `EARFUL_REDIS_URL` turns on. The per-client rate limit is a
 * token bucket per client address, BuildBetter's budget an exact sliding log per API key
 * (`budget.ts`), remembered values plain keys with an expiry. Every key starts `earful:`.
 */
import type { Redis } from 'ioredis';
import type { Budget, RateLimits, SharedState } from '../../shared-state.js';
import { RedisBudget, script } from './budget.js';
import { shared } from './connect.js';
import { SET_FIRST, TAKE_TOKEN } from './scripts.js';

export function redisSharedState(redis: Redis): SharedState {
  const budgets = new Map<string, Budget>();
  const takeToken = script(redis, 'earfulTakeToken', TAKE_TOKEN);
  const setFirst = script(redis, 'earfulSetFirst', SET_FIRST);
  const memo = (key: string) => `earful:memo:${key}`;
  return {
    rateLimiter({ requestsPerMinute, burst }: RateLimits) {
      return (client) => shared(() => takeToken([`earful:rate:${client}`], [requestsPerMinute, burst]) as Promise<number>);
    },
    budget(name, limit, windowMs) {
      const key = `${name}:${limit}:${windowMs}`;
      let budget = budgets.get(key);
      if (!budget) budgets.set(key, (budget = new RedisBudget(redis, name, limit, windowMs)));
      return budget;
    },
    recall: (key) => shared(async () => (await redis.get(memo(key))) ?? undefined),
    remember: (key, value, ttlMs) => shared(async () => void (await redis.set(memo(key), value, 'PX', ttlMs))),
    rememberFirst: (key, value, ttlMs) => shared(() => setFirst([memo(key)], [value, ttlMs]) as Promise<string>),
    forget: (key) => shared(async () => void (await redis.del(memo(key)))),
    ping: () => shared(async () => void (await redis.ping())),
  };
}

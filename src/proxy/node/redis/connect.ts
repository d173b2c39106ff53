/**
 * Connections to the Redis at `EARFUL_REDIS_URL`. Two kinds: the proxy's own, which must fail
 * within a second while Redis is away (the answer then is `retry`), and BullMQ's workers',
 * which wait for Redis as long as it takes. Either logs when Redis goes and when it comes
 * back, once each, naming the server without its password.
 */
import { Redis, type RedisOptions } from 'ioredis';
import { describeRedis } from '../../config-values.js';
import type { Logger } from '../../log.js';
import { SharedStateError } from '../../shared-state.js';

/** A command unanswered after this is given up on: with the connect timeout, answers stay within a second. */
const COMMAND_TIMEOUT_MS = 500;
const CONNECT_TIMEOUT_MS = 500;
/** Reconnect attempts come quickly at first, then once a second. */
const reconnectDelayMs = (attempt: number) => Math.min(attempt * 100, 1_000);

/**
 * Fail fast: a command while disconnected fails at once (no offline queue), one unanswered
 * is given up after `COMMAND_TIMEOUT_MS`, and none is retried on its own.
 */
const FAIL_FAST: RedisOptions = {
  enableOfflineQueue: false,
  commandTimeout: COMMAND_TIMEOUT_MS,
  connectTimeout: CONNECT_TIMEOUT_MS,
  maxRetriesPerRequest: 0,
  retryStrategy: reconnectDelayMs,
};

/** What BullMQ asks of a worker's connection: it blocks waiting for jobs, and retries forever. */
const PATIENT: RedisOptions = { maxRetriesPerRequest: null, connectTimeout: 5_000, retryStrategy: reconnectDelayMs };

/** A connection to `url`, `failFast` for the proxy's own commands, else patient (BullMQ's workers). */
export function connectRedis(url: string, log: Logger, { failFast }: { failFast: boolean }): Redis {
  const redis = new Redis(url, { ...(failFast ? FAIL_FAST : PATIENT), lazyConnect: false });
  const where = describeRedis(url);
  let down = false;
  const wentAway = (why: string) => {
    if (down) return;
    down = true;
    log.error(`Redis at ${where} is not answering (${why}): what depends on it answers retry until it is back`);
  };
  redis.on('error', (err: NodeJS.ErrnoException) => wentAway(err.code ?? err.message));
  // A connection lost is retried at once, often before an error is seen: say so now.
  redis.on('reconnecting', () => wentAway('connection lost'));
  redis.on('ready', () => {
    if (!down) return;
    down = false;
    log.info(`Redis at ${where} answers again`);
  });
  return redis;
}

/** Resolves once `redis` is ready, or after `timeoutMs` (it keeps trying in the background). */
export function whenReady(redis: Redis, timeoutMs: number): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => done(false), timeoutMs);
    const onReady = () => done(true);
    const done = (ready: boolean) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      resolve(ready);
    };
    redis.on('ready', onReady);
  });
}

/** `work`, its failures as `SharedStateError`s: the proxy answers those with `retry`. */
export async function shared<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw new SharedStateError(`Redis: ${(err as Error)?.message ?? String(err)}`);
  }
}

/**
 * A fleet's shared state from `redisUrl` and `queue` (`EARFUL_REDIS_URL`, `EARFUL_QUEUE`): the
 * rate limit, BuildBetter's budget and people in Redis, and BuildBetter's records through a
 * durable queue drained by workers in this process (`serve()`) or alone (`earful-proxy worker`).
 * Without `redisUrl` the configuration passes through as it is: one process, in memory.
 */
import type { ProxyConfig } from '../create-proxy.js';
import { ConfigError } from '../errors.js';

export interface ScaledOut {
  /** The configuration to serve: `shared` set, BuildBetter queued, `redisUrl` and `queue` used up. */
  config: ProxyConfig;
  /** Starts draining the queue in this process; `false` when there is no queue. */
  startWorker(): Promise<boolean>;
  /** Stops the worker (finishing its jobs) and closes every connection. */
  close(): Promise<void>;
}

/**
 * `config` as served: in memory without `redisUrl`; else sharing its state in Redis, and with
 * BuildBetter queued there when `queue` asks. Redis and BullMQ load only when asked for.
 */
export async function scaleOut(config: ProxyConfig): Promise<ScaledOut> {
  const { redisUrl, queue, ...rest } = config;
  if (redisUrl !== undefined) return (await import('./redis-fleet.js')).onRedis({ ...config, redisUrl });
  if (queue) throw new ConfigError('a queue (EARFUL_QUEUE) needs Redis (EARFUL_REDIS_URL)');
  return { config: rest, startWorker: async () => false, close: async () => {} };
}

/**
 * The proxy on Redis (`scale-out.ts` loads this only when `redisUrl` is set): one connection
 * that fails fast for the shared state and the queue's producer, one that waits for Redis for
 * the queue's worker, every log line scrubbed of the URL and its password.
 */
import type { Redis } from 'ioredis';
import { isBuildBetter } from '../buildbetter.js';
import type { ProxyConfig } from '../create-proxy.js';
import { redisSecrets } from '../config-values.js';
import { ConfigError } from '../errors.js';
import { proxyLogger } from '../log.js';
import { queuedBuildBetter } from './queue/buildbetter-queue.js';
import { type RunningWorker, startBuildBetterWorker } from './queue/buildbetter-worker.js';
import { connectRedis, whenReady } from './redis/connect.js';
import { redisSharedState } from './redis/shared-state.js';
import type { ScaledOut } from './scale-out.js';

/** How long start-up waits for Redis before serving anyway (answering retry until it comes). */
const START_WAIT_MS = 3_000;

export async function onRedis(config: ProxyConfig & { redisUrl: string }): Promise<ScaledOut> {
  const { redisUrl, queue, ...rest } = config;
  const bb = config.destinations.find(isBuildBetter);
  // Refused before any connection is made, so nothing is left to close.
  if (queue && !bb) throw new ConfigError('a queue for buildbetter (EARFUL_QUEUE) needs the buildbetter destination');
  const secrets = [...(config.secrets ?? []), ...redisSecrets(redisUrl)];
  const log = proxyLogger({ ...config, secrets });
  const connections: Redis[] = [];
  const connect = (failFast: boolean) => {
    const redis = connectRedis(redisUrl, log, { failFast });
    connections.push(redis);
    return redis;
  };
  const redis = connect(true);
  await whenReady(redis, START_WAIT_MS);
  const shared = redisSharedState(redis);

  const queued = queue && bb ? await queuedBuildBetter(bb, redis, queue.maxItems) : undefined;
  const destinations = queued ? config.destinations.map((d) => (d === bb ? queued : d)) : config.destinations;
  let worker: RunningWorker | undefined;

  return {
    config: { ...rest, destinations, shared, secrets },
    async startWorker() {
      if (!bb || !queued) return false;
      worker ??= await startBuildBetterWorker({ destination: bb, connection: connect(false), shared, log, fetch: config.fetch, now: config.now });
      return true;
    },
    async close() {
      await worker?.close();
      await queued?.close();
      for (const connection of connections) connection.disconnect();
    },
  };
}

#!/usr/bin/env node
/**
 * `earful-proxy`: the proxy configured from the environment (README, "Configuration"); with a
 * queue, `earful-proxy worker` drains it alone; and the one-off command
 * `earful-proxy buildbetter create-source [NAME]`.
 */
import { CreateSourceError, createBuildBetterSource } from '../proxy/buildbetter-source.js';
import { describeRedis } from '../proxy/config-values.js';
import { ConfigError } from '../proxy/errors.js';
import { serveFromEnv, workFromEnv } from '../proxy/node/index.js';

const USAGE = `usage: earful-proxy                                 serve, configured from the environment
       earful-proxy worker                          drain the queue (EARFUL_QUEUE) and serve nothing
       earful-proxy buildbetter create-source [NAME]  create a BuildBetter feedback source once
                                                      (NAME defaults to BUILDBETTER_SOURCE_NAME)`;

/** Closes `running` (a worker finishes the jobs it holds) on SIGINT or SIGTERM, then exits. */
function stopOnSignal(running: { close(): Promise<void> }): void {
  const stop = () => running.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function work(): Promise<void> {
  const worker = await workFromEnv();
  stopOnSignal(worker);
  console.log(`earful worker draining ${worker.queue}`);
}

async function serve(): Promise<void> {
  const proxy = await serveFromEnv();
  stopOnSignal(proxy);
  const names = proxy.config.destinations.map((d) => d.name).join(' + ');
  console.log(`earful proxy listening on ${proxy.url} → ${names}`);
  const { redisUrl, queue } = proxy.config;
  if (redisUrl) console.log(`  shared state in Redis at ${describeRedis(redisUrl)}${queue ? `; ${queue.destination}'s records queued there` : ''}`);
  if (proxy.localFile) {
    console.log(`  local mode: nothing leaves this machine; captured requests go to ${proxy.localFile}`);
    console.log(`  demo: ${proxy.url}/   inbox: ${proxy.url}/inbox`);
  }
}

async function createSource(name: string | undefined): Promise<void> {
  const id = await createBuildBetterSource({
    apiKey: process.env.BUILDBETTER_API_KEY ?? '',
    name: name ?? process.env.BUILDBETTER_SOURCE_NAME ?? '',
    baseUrl: process.env.BUILDBETTER_BASE_URL || undefined,
  });
  console.log(`created the BuildBetter feedback source ${id}; set it for the proxy:\n\nBUILDBETTER_SOURCE_ID=${id}`);
}

const [command, subcommand, name, ...extra] = process.argv.slice(2);
try {
  if (command === undefined) await serve();
  else if (command === 'worker' && subcommand === undefined) await work();
  else if (command === 'buildbetter' && subcommand === 'create-source' && extra.length === 0) await createSource(name);
  else {
    console.error(USAGE);
    process.exit(2);
  }
} catch (err) {
  // What an operator can fix (a setting, a port taken or not allowed, an upstream's refusal): a sentence, not a stack.
  const code = (err as NodeJS.ErrnoException).code ?? '';
  if (err instanceof ConfigError || err instanceof CreateSourceError || ['EADDRINUSE', 'EACCES', 'EADDRNOTAVAIL'].includes(code)) {
    console.error(`earful-proxy: ${(err as Error).message}`);
    process.exit(1);
  }
  throw err;
}

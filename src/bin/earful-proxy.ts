#!/usr/bin/env node
/**
 * `earful-proxy`: the proxy configured from the environment (README, "Configuration"), and
 * its one-off command, `earful-proxy buildbetter create-source [NAME]`.
 */
import { CreateSourceError, createBuildBetterSource } from '../proxy/buildbetter-source.js';
import { ConfigError } from '../proxy/errors.js';
import { serveFromEnv } from '../proxy/node/index.js';

const USAGE = `usage: earful-proxy                                 serve, configured from the environment
       earful-proxy buildbetter create-source [NAME]  create a BuildBetter feedback source once
                                                      (NAME defaults to BUILDBETTER_SOURCE_NAME)`;

async function serve(): Promise<void> {
  const proxy = await serveFromEnv();
  const stop = () => proxy.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const names = proxy.config.destinations.map((d) => d.name).join(' + ');
  console.log(`earful proxy listening on ${proxy.url} → ${names}`);
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

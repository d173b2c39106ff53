#!/usr/bin/env node
/** `earful-proxy`: the proxy configured from the environment (API.md §5). */
import { ConfigError } from '../proxy/errors.js';
import { serveFromEnv } from '../proxy/node/index.js';

try {
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
} catch (err) {
  // What an operator can fix (a setting, a port taken or not allowed): a sentence, not a stack.
  if (err instanceof ConfigError || ['EADDRINUSE', 'EACCES', 'EADDRNOTAVAIL'].includes((err as NodeJS.ErrnoException).code ?? '')) {
    console.error(`earful-proxy: ${(err as Error).message}`);
    process.exit(1);
  }
  throw err;
}

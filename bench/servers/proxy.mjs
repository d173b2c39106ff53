// Benchmark child process: the real earful proxy (`serve()` from the built dist/) on its own
// event loop, delivering to the fake Amplitude at process.env.BENCH_UPSTREAM.
import { amplitude } from '../../dist/proxy/index.js';
import { serve } from '../../dist/proxy/node.js';

// Silent, but counted: a warning or error during a benchmark means something went wrong.
const logged = { warn: 0, error: 0, first: undefined };
const count = (level) => (message) => {
  logged[level]++;
  logged.first ??= `${level}: ${message}`;
};

const running = await serve({
  destinations: [
    amplitude({
      apiKey: 'amp-key',
      secretKey: 'amp-secret',
      sourceId: 'src-1',
      baseUrl: process.env.BENCH_UPSTREAM,
    }),
  ],
  port: 0,
  allowedOrigins: '*',
  rateLimit: false,
  logger: { info() {}, warn: count('warn'), error: count('error') },
  // As the earful-proxy bin runs it (it owns its process).
  overrideGlobalObjects: true,
});

process.on('message', (msg) => process.send?.({ id: msg.id, logged, cpu: process.cpuUsage() }));
process.on('disconnect', () => void running.close().then(() => process.exit(0)));
process.send?.({ url: running.url });

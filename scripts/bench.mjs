// `npm run bench`: build dist/ if it is missing or older than src/, then run each benchmark
// under bench/ in its own process and let it print its report. `--no-build` skips the build.
import { spawnSync } from 'node:child_process';
import { buildIfStale } from './build-if-stale.mjs';

// Proxy throughput (~45 s), the proxy's memory under stalled uploads (~30 s), the outbox in
// Chromium (~3 min), then what loading the widget costs a page (~4 min). `--only
// proxy|stalls|client|page` picks one.
const all = {
  proxy: 'bench/proxy-throughput.mjs',
  stalls: 'bench/stalled-uploads.mjs',
  client: 'bench/client-chromium.ts',
  page: 'bench/page-load.ts',
};
const only = process.argv[process.argv.indexOf('--only') + 1];
const benches = process.argv.includes('--only') ? [all[only]].filter(Boolean) : Object.values(all);
const needs = ['dist/proxy/index.js', 'dist/proxy/node.js', 'dist/earful.js', 'dist/earful-ui.js'];

if (!process.argv.includes('--no-build')) buildIfStale(needs, 'bench');

// The child gets Ctrl-C from the terminal itself and stops its servers; wait for it.
process.on('SIGINT', () => {});
let failed = 0;
for (const bench of benches) {
  console.log(`\n## ${bench}\n`);
  const args = bench.endsWith('.ts') ? ['--import', 'tsx', bench] : [bench];
  const run = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);

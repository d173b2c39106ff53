// `npm run shots [words…]`: every state of the widget (test/browser/widget-states.ts) at 1280 and
// 375 px, light, dark and forced colors, as PNGs in .shots/ (not in git), to look at before and
// after a change. Words keep only the pictures whose names contain all of them (`npm run shots
// -- nps dark`). Builds dist/ first when it is stale.
import { spawnSync } from 'node:child_process';
import { buildIfStale } from './build-if-stale.mjs';

buildIfStale(['dist/earful.js', 'dist/earful-ui.js', 'dist/index.js'], 'shots');
const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/shots.ts', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);

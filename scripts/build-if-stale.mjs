// Runs `npm run build` when any of `outputs` is missing or older than the newest file in src/ or demo/.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const mtime = (path) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
};
const newest = (dir) =>
  Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(join(dir, e.name)) : mtime(join(dir, e.name)))));

export function buildIfStale(outputs, who) {
  if (Math.min(...outputs.map(mtime)) >= Math.max(newest('src'), newest('demo'))) return;
  console.log(`${who}: building dist/ first…`);
  const built = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

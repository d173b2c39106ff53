// Builds dist/ once before the tests, so tests of the bin, the package exports and the
// script tag in Chromium run this checkout's code, never a stale build. vitest sets
// NODE_ENV=test, which would make vite emit development JSX: build what ships instead.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync('npm', ['run', '--silent', 'build'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

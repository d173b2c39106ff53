// Builds dist/ once before the tests, so tests of the bin and the package exports run this
// checkout's code, never a stale build.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
}

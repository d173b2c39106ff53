/** Runs a tool of this checkout (a compiler, a runtime) to its end, with a time limit. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './apps.js';

export const BIN = {
  node: process.execPath,
  tsc7: join(ROOT, 'node_modules/typescript/bin/tsc'),
  tsc5: join(ROOT, 'test/runtimes/typescript5/node_modules/typescript/bin/tsc'),
  deno: join(ROOT, 'node_modules/.bin/deno'),
  bun: join(ROOT, 'node_modules/.bin/bun'),
  next: join(ROOT, 'node_modules/next/dist/bin/next'),
  tsx: join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
};

/** What the tools need of the environment, and nothing that would reach the network. */
export const QUIET_ENV = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: process.env.HOME ?? '/tmp',
  NEXT_TELEMETRY_DISABLED: '1',
  DENO_NO_UPDATE_CHECK: '1',
  DENO_NO_PROMPT: '1',
  NO_COLOR: '1',
};

export interface Finished {
  code: number | null;
  output: string;
}

export function run(file: string, args: string[], options: { cwd: string; env?: Record<string, string>; timeoutMs: number }): Promise<Finished> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { cwd: options.cwd, env: { ...QUIET_ENV, ...options.env }, timeout: options.timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, output: `${stdout}${stderr}`.trim() });
      },
    );
  });
}

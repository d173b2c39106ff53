// `earful-proxy` processes for the bin's and the fleet's tests: the built bin, configured from the environment
// as an operator would, on free ports on 127.0.0.1, stopped by pid (SIGKILL for a crash).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = 'dist/bin/earful-proxy.js';

export interface ProxyProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** Kills it (SIGKILL: no goodbye, jobs left mid-way) and waits for it to exit. */
  kill(): Promise<void>;
}

/** Starts the bin with `env` (and `args`), resolving once it prints `listening on …` or `draining …`. */
export function startProxy(env: Record<string, string>, args: string[] = []): Promise<ProxyProcess> {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH, PORT: '0', EARFUL_LOCAL_DIR: mkdtempSync(join(tmpdir(), 'earful-')), ...env },
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(child.pid!, 'SIGKILL');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // no process outlives the test that could not use it
      reject(new Error(`earful-proxy did not start:\n${out}`));
    }, 15_000);
    child.stdout!.on('data', () => {
      const started = /listening on (http:\/\/\S+)|(draining)/.exec(out);
      if (!started) return;
      clearTimeout(timer);
      resolve({ url: started[1] ?? '', child, output: () => out, kill });
    });
    child.once('exit', () => reject(new Error(`earful-proxy exited:\n${out}`)));
  });
}

/** Runs the bin with `args` to its end (a command, or a start-up it refuses): its exit code and everything it printed. */
export async function runBin(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH, PORT: '0', ...env } });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, out };
}

/** The environment of a fleet's proxy: BuildBetter at `buildbetterUrl`, shared state at `redisUrl`, and `extra`. */
export const fleetEnv = (redisUrl: string, buildbetterUrl: string, extra: Record<string, string> = {}): Record<string, string> => ({
  EARFUL_DESTINATION: 'buildbetter',
  BUILDBETTER_API_KEY: 'bb-key',
  BUILDBETTER_SOURCE_ID: '123',
  BUILDBETTER_BASE_URL: buildbetterUrl,
  EARFUL_ALLOWED_ORIGINS: '*',
  EARFUL_REDIS_URL: redisUrl,
  ...extra,
});

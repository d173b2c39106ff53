/**
 * The apps of apps.ts, serving: Node, Deno and Bun each run an entry file as a child process;
 * the Worker is bundled as wrangler bundles it (esbuild) and served by workerd through
 * Miniflare. Every one listens on 127.0.0.1 and is stopped by the test that started it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { freePort } from '../redis/redis-server.js';
import { BIN, QUIET_ENV } from './run.js';

export interface RunningApp {
  url: string;
  /** What the app printed so far (its log lines). */
  output(): string;
  stop(): Promise<void>;
}

/** What the forms are configured with in the tests: the variables of the README's table. */
export const formVariables = (amplitudeUrl: string, rateLimit: number): Record<string, string> => ({
  EARFUL_DESTINATION: 'amplitude',
  AMPLITUDE_API_KEY: 'amp-key',
  AMPLITUDE_SECRET_KEY: 'amp-secret',
  AMPLITUDE_SOURCE_ID: 'src-1',
  AMPLITUDE_BASE_URL: amplitudeUrl,
  EARFUL_ALLOWED_ORIGINS: 'https://app.example.com',
  EARFUL_RATE_LIMIT: String(rateLimit), // per minute, burst half of it
});

/** How to run an entry file of an app on each runtime that runs files (Next.js: the built app). */
const COMMANDS = {
  node: (entry: string) => [BIN.node, BIN.tsx, entry],
  deno: (entry: string) => [BIN.deno, 'run', '--allow-net', '--allow-env', entry],
  bun: (entry: string) => [BIN.bun, 'run', entry],
  next: () => [BIN.node, BIN.next, 'start', '--hostname', '127.0.0.1'], // the port from PORT
};

/** Waits until `url` answers at all, the process ends, or the deadline passes. */
async function untilServing(url: string, exited: () => boolean, output: () => string, deadlineMs = 30_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    if (exited()) throw new Error(`the app stopped before it served:\n${output()}`);
    try {
      await (await fetch(`${url}/healthz`)).arrayBuffer();
      return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the app did not serve within ${deadlineMs} ms:\n${output()}`);
}

/** Runs `entry` of the app in `dir` on Node, Deno or Bun (or a built Next.js app) with `env` and PORT, HOST. */
export async function startProcess(runtime: keyof typeof COMMANDS, dir: string, entry: string, env: Record<string, string>): Promise<RunningApp> {
  const port = await freePort();
  const [command, ...args] = COMMANDS[runtime](entry);
  const child: ChildProcess = spawn(command!, args, {
    cwd: dir,
    env: { ...QUIET_ENV, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const app: RunningApp = {
    url,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exit;
    },
  };
  try {
    await untilServing(url, () => child.exitCode !== null, () => output);
  } catch (err) {
    await app.stop();
    throw err;
  }
  return app;
}

/** Bundles the app's `src/index.ts` as wrangler would and serves it in workerd, its variables as `vars`. */
export async function startWorker(dir: string, vars: Record<string, string>): Promise<RunningApp> {
  const bundle = await build({
    entryPoints: [join(dir, 'src/index.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    external: ['cloudflare:*'],
    logLevel: 'silent',
  });
  let output = '';
  const collect = (stream: Readable) => stream.on('data', (chunk: Buffer) => (output += chunk));
  const mf = new Miniflare({
    modules: true,
    script: bundle.outputFiles[0]!.text,
    compatibilityDate: '2026-04-01',
    bindings: vars,
    host: '127.0.0.1',
    port: await freePort(),
    cf: false, // its placeholder request.cf, never one fetched from Cloudflare
    // The Worker's console (the proxy's log lines), kept for the tests to read.
    handleRuntimeStdio: (stdout: Readable, stderr: Readable) => [stdout, stderr].forEach(collect),
  });
  const url = (await mf.ready).origin;
  return { url, output: () => output, stop: () => mf.dispose() };
}

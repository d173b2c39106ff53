// A real redis-server for the tests: on 127.0.0.1, on a free port, in a temporary directory,
// started and stopped by pid. `appendonly` on where a test asserts durability.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RedisServer {
  url: string;
  port: number;
  /** Stops it (SIGTERM, or SIGKILL for a crash) and waits until it has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port and directory (what AOF kept comes back). */
  restart(): Promise<void>;
  /** Freezes it (SIGSTOP: connections stay open, nothing answers), or thaws it (SIGCONT). */
  freeze(frozen: boolean): void;
  /** Forgets everything it holds (between tests). */
  flushAll(): Promise<void>;
  /** Stops it and removes its directory. */
  close(): Promise<void>;
}

/** A port nothing listens on just now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Sends one inline command to the server on `port`: its first reply line, or '' for none. */
function inlineCommand(port: number, command: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.setTimeout(500, () => socket.destroy());
    socket.once('connect', () => socket.write(`${command}\r\n`));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().split('\r\n')[0]!);
    });
    socket.once('error', () => resolve(''));
    socket.once('close', () => resolve(''));
  });
}

/** Resolves once something answers PING on `port` with PONG, or rejects after `timeoutMs`. */
async function waitForPong(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await inlineCommand(port, 'PING')) === '+PONG') return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`redis-server did not answer on port ${port} within ${timeoutMs} ms`);
}

export async function startRedis({ appendonly = false }: { appendonly?: boolean } = {}): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'earful-redis-'));
  let child: ChildProcess | undefined;
  let output = '';

  const start = async () => {
    const args = ['--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--save', '', '--appendonly', appendonly ? 'yes' : 'no'];
    child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const missing = new Promise<never>((_, reject) =>
      child!.once('error', (err) => reject(new Error(`cannot run redis-server (${err.message}): install Debian's redis-server, as .ci/run does`))),
    );
    try {
      await Promise.race([waitForPong(port, 10_000), missing]);
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${output}`);
    }
  };

  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    process.kill(running.pid!, signal);
    await exited;
  };

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop,
    restart: start,
    freeze(frozen) {
      process.kill(child!.pid!, frozen ? 'SIGSTOP' : 'SIGCONT');
    },
    async flushAll() {
      if ((await inlineCommand(port, 'FLUSHALL')) !== '+OK') throw new Error('FLUSHALL failed');
    },
    async close() {
      await stop('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

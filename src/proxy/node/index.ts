/**
 * `earful/proxy/node`: the proxy on Node's http server. The feedback path goes straight to
 * the feedback route (`direct.ts`); every other route through @hono/node-server's
 * Request/Response bridge to the web handler. `serveFromEnv()` is what the `earful-proxy` bin runs.
 */
import { readFile } from 'node:fs/promises';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { type ProxyConfig, createProxyCore } from '../create-proxy.js';
import { checkPort, describeRedis } from '../config-values.js';
import { ConfigError } from '../errors.js';
import { type Env, configFromEnv } from '../env.js';
import { localModeWarning } from '../local-mode.js';
import { builtFiles } from './built-files.js';
import { answerDirect, pathOf } from './direct.js';
import { fileSink } from './file-sink.js';
import { scaleOut } from './scale-out.js';
import { createUpstreamFetch } from './upstream.js';

export interface ServeOptions {
  /** @default 8787 (0 picks a free port) */
  port?: number;
  /** @default '127.0.0.1' */
  hostname?: string;
  /**
   * Let @hono/node-server replace the global Request/Response with its lighter ones (for the
   * routes other than the feedback path): faster, but it changes globals for the whole
   * process, so only the bin (which owns it) turns it on.
   * @default false
   */
  overrideGlobalObjects?: boolean;
  /**
   * With a queue (`queue`, on `redisUrl`), whether this process also drains it. Turn it off
   * where separate `earful-proxy worker` processes do. @default true
   */
  queueWorker?: boolean;
}

export interface RunningProxy {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** A request (headers and body) must have arrived within this, or Node closes its connection. */
const REQUEST_TIMEOUT_MS = 30_000;
const CONNECTIONS_CHECK_MS = 5_000;

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
};

/** A file of the built demo pages (`dist/demo`), for local mode; nothing outside that folder. */
async function readDemoFile(path: string): Promise<Response | undefined> {
  if (!/^[\w./-]+$/.test(path) || path.split('/').includes('..')) return undefined;
  try {
    const body = await readFile(new URL(`../demo/${path}`, import.meta.url));
    return new Response(body, { headers: { 'content-type': TYPES[path.split('.').pop()!] ?? 'application/octet-stream' } });
  } catch {
    return undefined;
  }
}

/** The default allowlist of a Node server: its own origins, as the README says ("Configuration"). */
function ownOrigins(hostname: string, port: number): string[] {
  const hosts = new Set(['127.0.0.1', 'localhost']);
  if (hostname !== '0.0.0.0' && hostname !== '::') hosts.add(hostname.includes(':') ? `[${hostname}]` : hostname);
  return [...hosts].map((h) => `http://${h}:${port}`);
}

/**
 * Serves `createProxy(config)` on Node's http server; resolves once it listens. Without
 * `allowedOrigins`, the server's own origins (`http://127.0.0.1:PORT`, `http://localhost:PORT`).
 */
export async function serve(config: ProxyConfig & ServeOptions): Promise<RunningProxy> {
  const hostname = config.hostname ?? '127.0.0.1';
  const port = checkPort(config.port ?? 8787, 'port');
  const upstream = createUpstreamFetch();
  // Before listening: it may wait for Redis, and nothing may arrive until the listener is set.
  const scaled = await scaleOut({ fetch: upstream, ...config });
  let listener: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server = createServer(
    // A request still arriving after REQUEST_TIMEOUT_MS (a trickle past its 408) loses its
    // connection: Node's own check, made every CONNECTIONS_CHECK_MS, instead of after 300 s.
    { requestTimeout: REQUEST_TIMEOUT_MS, connectionsCheckingInterval: CONNECTIONS_CHECK_MS },
    (req, res) => listener!(req, res),
  );
  const close = async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    await scaled.close();
    upstream.close();
  };
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, hostname, () => resolve());
    });
    // From here to the listener, nothing awaits: no request can come before it is set.
    const listening = (server.address() as AddressInfo).port;
    const core = createProxyCore({
      // The script-tag files beside this module in dist/, and their translations.
      embedScript: builtFiles(new URL('../', import.meta.url)),
      localeFile: builtFiles(new URL('../locales/', import.meta.url)),
      demoFile: readDemoFile,
      ...scaled.config,
      allowedOrigins: config.allowedOrigins ?? ownOrigins(hostname, listening),
      localHosts: [...(config.localHosts ?? []), hostname],
    });
    const bridge = getRequestListener(
      (request, { incoming }) => core.handle(request, { clientAddress: incoming.socket.remoteAddress }),
      { overrideGlobalObjects: config.overrideGlobalObjects ?? false },
    );
    listener = (req, res) =>
      pathOf(req.url) === core.path ? answerDirect(core, req, res) : void bridge(req, res);
    const warning = config.destinations.some((d) => d.name === 'local') ? localModeWarning(hostname, listening) : undefined;
    if (warning) core.log.warn(warning);
    if (config.queueWorker !== false) await scaled.startWorker();
    return { url: `http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${listening}`, port: listening, close };
  } catch (err) {
    // Refused once Redis is connected or the port taken (a port in use, a configuration the
    // proxy rejects): both are given back, so a program that catches the error (and a test)
    // is left with nothing listening or connecting.
    await close();
    throw err;
  }
}

/** `EARFUL_QUEUE_WORKER`: whether `earful-proxy` drains the queue itself (`on`) or leaves it to `earful-proxy worker` (`off`). */
function queueWorkerOf(env: Env): boolean {
  const value = (env.EARFUL_QUEUE_WORKER || 'on').toLowerCase();
  if (value !== 'on' && value !== 'off') throw new ConfigError('EARFUL_QUEUE_WORKER must be on or off');
  return value === 'on';
}

/**
 * `earful-proxy worker`: drains the queue (`EARFUL_QUEUE`, on `EARFUL_REDIS_URL`), with no
 * HTTP server, configured from the environment as the proxy is.
 */
export async function workFromEnv(env: Env = process.env): Promise<{ /** Which queue on which Redis (no password), for the start-up line. */ queue: string; close(): Promise<void> }> {
  const config = configFromEnv(env);
  if (!config.queue) throw new ConfigError('earful-proxy worker drains a queue: set EARFUL_QUEUE=buildbetter and EARFUL_REDIS_URL');
  const upstream = createUpstreamFetch();
  const scaled = await scaleOut({ ...config, fetch: upstream });
  await scaled.startWorker();
  return {
    queue: `${config.queue.destination}'s queue on ${describeRedis(config.redisUrl!)}`,
    async close() {
      await scaled.close();
      upstream.close();
    },
  };
}

/** Configures the proxy from the environment (README, "Configuration") and serves it. */
export async function serveFromEnv(env: Env = process.env): Promise<RunningProxy & { config: ProxyConfig; localFile?: string }> {
  const hostname = env.HOST || '127.0.0.1';
  const sink = fileSink(env.EARFUL_LOCAL_DIR || './.earful');
  const config = configFromEnv(env, { localSink: sink });
  const running = await serve({
    ...config,
    port: checkPort(env.PORT || 8787, 'PORT'),
    hostname,
    overrideGlobalObjects: true,
    queueWorker: queueWorkerOf(env),
  });
  const isLocal = config.destinations.some((d) => d.name === 'local');
  return { ...running, config, localFile: isLocal ? sink.file : undefined };
}

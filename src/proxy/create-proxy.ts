/**
 * `createProxy(config)`: the whole proxy as a web-standard `(Request) => Promise<Response>`,
 * for Node (see `earful/proxy/node`), a Next.js route, a Cloudflare Worker, Deno or Bun.
 */
import { Hono } from 'hono';
import { MAX_REQUEST_BYTES } from '../schema/limits.js';
import { demoPage } from './demo-page.js';
import type { Backlog, Destination, DestinationHealth, UpstreamFetch } from './destination.js';
import { errorAnswer } from './error-answer.js';
import { ConfigError, HttpError } from './errors.js';
import { type FeedbackRoute, type FeedbackRouteOptions, createFeedbackRoute } from './feedback-route.js';
import { inboxPage } from './inbox-page.js';
import { type LocaleFiles, localeResponse } from './locale-route.js';
import type { LocalDestination } from './local.js';
import { INBOX_HEADERS, isLocalModeHost, notThisHost } from './local-mode.js';
import { type Logger, proxyLogger } from './log.js';
import { type AllowedOrigins, checkAllowedOrigins, corsHeaders, isOriginAllowed } from './origin.js';
import { type RateLimitOptions, createRateLimiter, rateLimitsOf } from './rate-limit.js';
import { DRAIN_WITHIN_MS, discardCap, discardUnread } from './read-body.js';
import type { SharedState } from './shared-state.js';
import { SCRIPT_FILES, type ScriptFile, createScriptRoute } from './script-route.js';
import { createClaimCheck } from './signed-claims.js';
import { fromWebRequest, toResponse } from './web.js';

/** The widget gives up on an answer after 15 s: the proxy answers well before. */
const DEFAULT_ANSWER_WITHIN_MS = 10_000;

export interface ProxyConfig {
  /** Where accepted feedback goes: `amplitude(…)`, `buildbetter(…)`, `local(…)`; several fan out. */
  destinations: readonly Destination[];
  /** Exact origins allowed to post, or `'*'`. @default the proxy's own origin */
  allowedOrigins?: AllowedOrigins;
  /** Where the widget posts. @default '/v1/feedback' */
  path?: string;
  /**
   * When set, no unsigned claim reaches an upstream as identity: a `user.id` must come with a
   * `user.hash` that signs it, and an email or name the hash does not sign is dropped (see `signIdentity`).
   */
  identitySecret?: string;
  /** Per-client token bucket, or `false` for none. @default { requestsPerMinute: 120, burst: 60 } */
  rateLimit?: RateLimitOptions | false;
  /** Proxies in front of this one whose `X-Forwarded-For` is trusted. @default 0 */
  trustProxy?: number;
  /**
   * Reads the client's address where no socket is known (e.g. a platform header). Under
   * `serve()` it gets a `Request` with the method, URL and headers, without the body.
   */
  clientIp?: (request: Request) => string | undefined;
  /**
   * The script-tag build, served at `GET /earful.js` and `GET /earful-ui.js` (the second file,
   * which the first loads from beside itself): reads one by its name.
   */
  embedScript?: (file: ScriptFile) => Promise<string | undefined>;
  /** Its translations, served beside it at `GET /locales/<locale>.json` to any origin. */
  localeFile?: LocaleFiles;
  /** Local mode: files under `GET /demo/…` (the Node server serves the built demo pages). */
  demoFile?: (path: string) => Promise<Response | undefined>;
  /** @default 5_000_000 (the wire format's limit) */
  maxBodyBytes?: number;
  /**
   * Every answer to a POST comes within this many milliseconds, well inside the widget's own
   * 15 s: what the destinations have not delivered by then is `retry`. @default 10_000
   */
  answerWithinMs?: number;
  /** How the destinations reach their APIs. @default globalThis.fetch (the Node server passes undici's keep-alive pools) */
  fetch?: UpstreamFetch;
  /** @default console, with secrets scrubbed */
  logger?: Logger;
  /** @default Date.now */
  now?: () => number;
  /** Strings scrubbed from every log line (keys the destinations hold). */
  secrets?: readonly (string | undefined)[];
  /** Local mode: host names it answers besides `localhost` and IP addresses (`serve()` adds its own). */
  localHosts?: readonly string[];
  /**
   * Where the rate limit, BuildBetter's budget and its people cache live when several instances
   * serve one site: every instance given the same store keeps one limit between them. The Node
   * server makes one on Redis from `redisUrl`; elsewhere, implement `SharedState` on what the
   * platform offers (README, "Scale out"). @default this instance's memory
   */
  shared?: SharedState;
  /**
   * `EARFUL_REDIS_URL`: read by the Node server (`serve()`, the `earful-proxy` bin), which
   * keeps `shared` there. The web handler alone cannot open a Redis connection: it refuses it.
   */
  redisUrl?: string;
  /** `EARFUL_QUEUE`: BuildBetter's records go through a durable queue on `redisUrl` (Node server). */
  queue?: QueueOptions;
}

export interface QueueOptions {
  destination: 'buildbetter';
  /** Items the queue holds at most; past it new items are `retry`, never dropped. @default 100_000 */
  maxItems?: number;
}

/**
 * What the handler reads of its second argument: the peer's address, for the rate limit. The
 * Node server passes the socket's; on Deno pass `info.remoteAddr.hostname`, on Bun
 * `server.requestIP(request)?.address`.
 */
export interface ProxyContext {
  clientAddress?: string;
}

/**
 * `handle(request, context?)`. The second argument also takes whatever a platform passes there
 * when the handler is given to it as it is (a Worker's `env`, Deno's `info`, Bun's `server`,
 * Next.js's `{ params }`); only a string `clientAddress` is read from it.
 */
export interface ProxyHandler {
  (request: Request, context?: ProxyContext): Promise<Response>;
  (request: Request, platformArgument?: unknown): Promise<Response>;
}

/** The web handler and, for the Node server's direct path, the feedback route it wraps. */
export interface ProxyCore {
  handle: ProxyHandler;
  path: string;
  feedback: FeedbackRoute;
  /** The scrubbing logger. */
  log: Logger;
  /** Whether the proxy answers a request for this host name (local mode answers only its own: `local-mode.ts`). */
  answersHost(hostname: string): boolean;
}

/**
 * The configuration, or a function that returns it: a function is called on the first request
 * instead of at import, so building an app (`next build`) needs no keys; a configuration that
 * fails still throws, on every request until it is fixed.
 * @example
 * const handle = createProxy(() => configFromEnv(process.env));
 * export const POST = handle, OPTIONS = handle; // Next.js route at app/v1/feedback/route.ts
 */
export function createProxy(config: ProxyConfig | (() => ProxyConfig)): ProxyHandler {
  if (typeof config !== 'function') return createProxyCore(config).handle;
  let handle: ProxyHandler | undefined;
  return async (request: Request, context?: unknown) => (handle ??= createProxyCore(config()).handle)(request, context);
}

/** `createProxy`, also handing out the feedback route for adapters that skip `Request`/`Response`. */
export function createProxyCore(config: ProxyConfig): ProxyCore {
  if (!config.destinations?.length) throw new ConfigError('createProxy needs at least one destination');
  if (config.answerWithinMs !== undefined && !(config.answerWithinMs > 0))
    throw new ConfigError('answerWithinMs must be a positive number of milliseconds');
  if (config.redisUrl !== undefined || config.queue !== undefined)
    throw new ConfigError(
      'EARFUL_REDIS_URL and EARFUL_QUEUE are read by the Node server (the earful-proxy bin, or serve() from earful/proxy/node); ' +
        'on this platform leave them unset and give createProxy a `shared` store instead (README, "Scale out")',
    );
  const path = config.path ?? '/v1/feedback';
  const answerWithinMs = config.answerWithinMs ?? DEFAULT_ANSWER_WITHIN_MS;
  const maxBodyBytes = config.maxBodyBytes ?? MAX_REQUEST_BYTES;
  const allowedOrigins =
    config.allowedOrigins === '*' || config.allowedOrigins === undefined
      ? config.allowedOrigins
      : checkAllowedOrigins(config.allowedOrigins, 'allowedOrigins');
  // Every log line goes through the scrubber, whatever logger the host gave us.
  const log = proxyLogger(config);
  const localDestination = config.destinations.find((d): d is LocalDestination => d.name === 'local' && 'sink' in d);
  const feedback = createFeedbackRoute({
    path,
    allowedOrigins,
    takeToken: rateLimiterOf(config),
    trustProxy: config.trustProxy ?? 0,
    clientIp: config.clientIp,
    answerWithinMs,
    feedback: {
      destinations: config.destinations,
      checkClaims: config.identitySecret ? createClaimCheck(config.identitySecret, log) : undefined,
      maxBodyBytes,
      now: config.now ?? Date.now,
      log,
      fetch: config.fetch,
      shared: config.shared,
    },
  });

  const app = new Hono<{ Bindings: ProxyContext }>();

  const ownHosts = (config.localHosts ?? []).map((h) => h.toLowerCase());
  const answersHost = (hostname: string) => !localDestination || isLocalModeHost(hostname, ownHosts);
  app.use('*', async (c, next) => {
    if (!answersHost(new URL(c.req.url).hostname)) throw notThisHost();
    await next();
  });

  app.all(path, async (c) => toResponse(await feedback(fromWebRequest(c.req.raw, c.env?.clientAddress))));

  app.get('/healthz', async (c) => c.json(await healthOf(config), 200, { 'cache-control': 'no-store' }));

  for (const file of SCRIPT_FILES) {
    const scriptResponse = createScriptRoute(file, config.embedScript);
    app.get(`/${file}`, (c) => scriptResponse(c.req.header('accept-encoding')));
  }

  app.get('/locales/:file', (c) => localeResponse(c.req.param('file'), config.localeFile));

  if (localDestination) {
    app.get('/', (c) => c.html(demoPage(path)));
    app.get('/inbox', async (c) => c.html(inboxPage(await localDestination.sink.recent(200)), 200, INBOX_HEADERS));
    app.get('/inbox.json', async (c) => c.json(await localDestination.sink.recent(200), 200, INBOX_HEADERS));
    app.get('/demo/*', async (c) => (await config.demoFile?.(c.req.path.slice('/demo/'.length) || 'index.html')) ?? c.notFound());
  }

  app.notFound((c) => c.json({ error: 'not found' }, 404));

  app.onError((err, c) => {
    const origin = c.req.header('origin') ?? null;
    const allowed = isOriginAllowed(origin, allowedOrigins, () => c.req.url);
    return toResponse(errorAnswer(err, allowed ? corsHeaders(origin) : {}, log));
  });

  const handle: ProxyHandler = async (request: Request, context?: unknown) => {
    const arrived = performance.now();
    const response = await app.fetch(request, { clientAddress: clientAddressOf(context) });
    // An answer given before the body was read (403, 405, 415, 429…): read the body to its end
    // first, or workerd may reset the connection before the client reads the answer; but only
    // briefly, within the answer's deadline, so a body that never ends cannot hold the answer.
    const answerLeftMs = Math.max(0, answerWithinMs - (performance.now() - arrived));
    await discardUnread(request, discardCap(maxBodyBytes), Math.min(DRAIN_WITHIN_MS, answerLeftMs));
    return response;
  };
  return { handle, path, feedback, log, answersHost };
}

/**
 * What `GET /healthz` says. Public, so it says only ok or failing per destination, and counts
 * of a queue: a reason can name a source id or repeat an upstream's words, and goes to the log
 * where it was found. A queue or a shared store that cannot be read is failing: nothing can
 * be accepted, or sent, until it answers.
 */
async function healthOf({ destinations, shared }: ProxyConfig) {
  const entries = await Promise.all(
    destinations.map(async (d) => {
      const entry: { name: string; status: DestinationHealth['status']; queue?: Backlog } = { name: d.name, status: d.health().status };
      if (d.backlog) await d.backlog().then((queue) => (entry.queue = queue), () => (entry.status = 'failing'));
      return entry;
    }),
  );
  const store = shared?.ping && (await shared.ping().then(() => 'ok' as const, () => 'failing' as const));
  const status = store === 'failing' || entries.some((d) => d.status === 'failing') ? 'failing' : 'ok';
  return store ? { status, destinations: entries, shared: store } : { status, destinations: entries };
}

/** The per-client rate limit: none, this instance's, or the one every instance shares. */
function rateLimiterOf(config: ProxyConfig): FeedbackRouteOptions['takeToken'] {
  if (config.rateLimit === false) return undefined;
  if (!config.shared) return createRateLimiter(config.rateLimit);
  return config.shared.rateLimiter(rateLimitsOf(config.rateLimit));
}

/** The address a caller put in the handler's second argument, if it is a `ProxyContext`'s. */
function clientAddressOf(context: unknown): string | undefined {
  const address = (context as ProxyContext | null | undefined)?.clientAddress;
  return typeof address === 'string' && address !== '' ? address : undefined;
}

/**
 * `createProxy(config)`: the whole proxy as a web-standard `(Request) => Promise<Response>`,
 * for Node (see `earful/proxy/node`), a Next.js route, a Cloudflare Worker, Deno or Bun.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import { MAX_REQUEST_BYTES } from '../schema/limits.js';
import { demoPage } from './demo-page.js';
import type { Destination, UpstreamFetch } from './destination.js';
import { ConfigError, HttpError, isHttpError } from './errors.js';
import { handleFeedback } from './feedback.js';
import { createIdentityCheck } from './identity.js';
import { inboxPage } from './inbox-page.js';
import type { LocalDestination } from './local.js';
import { type Logger, createLogger } from './log.js';
import { type AllowedOrigins, corsHeaders, isOriginAllowed, preflightHeaders } from './origin.js';
import { type RateLimitOptions, clientAddress, createRateLimiter } from './rate-limit.js';
import { toRetryAfterSeconds } from './retry-after.js';

export interface ProxyConfig {
  /** Where accepted feedback goes: `amplitude(…)`, `buildbetter(…)`, `local(…)`; several fan out. */
  destinations: readonly Destination[];
  /** Exact origins allowed to post, or `'*'`. @default the proxy's own origin */
  allowedOrigins?: AllowedOrigins;
  /** Where the widget posts. @default '/v1/feedback' */
  path?: string;
  /** When set, a `user.id` must carry `user.hash` = hex HMAC-SHA256(secret, id). */
  identitySecret?: string;
  /** Per-client token bucket, or `false` for none. @default { requestsPerMinute: 120, burst: 60 } */
  rateLimit?: RateLimitOptions | false;
  /** Proxies in front of this one whose `X-Forwarded-For` is trusted. @default 0 */
  trustProxy?: number;
  /** Reads the client's address where no socket is known (e.g. a platform header). */
  clientIp?: (request: Request) => string | undefined;
  /** The script-tag build, served at `GET /earful.js`. */
  embedScript?: () => Promise<string | undefined>;
  /** Local mode: files under `GET /demo/…` (the Node server serves the built demo pages). */
  demoFile?: (path: string) => Promise<Response | undefined>;
  /** @default 5_000_000 (API.md §4) */
  maxBodyBytes?: number;
  /** How the destinations reach their APIs. @default globalThis.fetch (the Node server passes node:http) */
  fetch?: UpstreamFetch;
  /** @default console, with secrets scrubbed */
  logger?: Logger;
  /** @default Date.now */
  now?: () => number;
  /** Strings scrubbed from every log line (keys the destinations hold). */
  secrets?: readonly (string | undefined)[];
}

/** What a platform adapter knows about the connection (the Node server passes the socket's). */
export interface ProxyContext {
  clientAddress?: string;
}

export type ProxyHandler = (request: Request, context?: ProxyContext) => Promise<Response>;

/** When every item must wait and no destination said how long. */
const DEFAULT_RETRY_AFTER_MS = 10_000;

/**
 * @example
 * const handle = createProxy({ destinations: [amplitude({ apiKey, secretKey, sourceId })] });
 * export const POST = handle, OPTIONS = handle; // Next.js route at app/v1/feedback/route.ts
 */
export function createProxy(config: ProxyConfig): ProxyHandler {
  if (!config.destinations?.length) throw new ConfigError('createProxy needs at least one destination');
  const path = config.path ?? '/v1/feedback';
  const now = config.now ?? Date.now;
  // Every log line goes through the scrubber, whatever logger the host gave us.
  const secrets = [config.identitySecret, ...(config.secrets ?? []), ...config.destinations.flatMap((d) => d.secrets ?? [])];
  const log = createLogger(secrets, config.logger);
  const verifyIdentity = config.identitySecret ? createIdentityCheck(config.identitySecret) : undefined;
  const takeToken = config.rateLimit === false ? undefined : createRateLimiter(config.rateLimit);
  const localDestination = config.destinations.find((d): d is LocalDestination => d.name === 'local' && 'sink' in d);
  const deps = {
    destinations: config.destinations,
    verifyIdentity,
    maxBodyBytes: config.maxBodyBytes ?? MAX_REQUEST_BYTES,
    now,
    log,
    fetch: config.fetch,
  };

  const app = new Hono<{ Bindings: ProxyContext }>();
  const origin = (c: Context) => c.req.header('origin') ?? null;
  const allowed = (c: Context) => isOriginAllowed(origin(c), config.allowedOrigins, c.req.url);

  app.options(path, (c) => {
    if (!allowed(c)) throw new HttpError(403, 'origin not allowed');
    return c.body(null, 204, preflightHeaders(origin(c)));
  });

  app.post(path, async (c) => {
    if (!allowed(c)) throw new HttpError(403, 'origin not allowed');
    const client =
      config.clientIp?.(c.req.raw) ?? clientAddress(c.req.raw, c.env?.clientAddress, config.trustProxy ?? 0);
    const waitMs = takeToken && client ? takeToken(client, now()) : 0;
    if (waitMs > 0)
      throw new HttpError(429, 'too many requests', { retryAfterSeconds: toRetryAfterSeconds(waitMs) });
    const answer = await handleFeedback(c.req.raw, deps);
    const headers: Record<string, string> = { ...corsHeaders(origin(c)), 'cache-control': 'no-store' };
    const retryAfterMs = answer.retryAfterMs ?? (answer.status === 503 ? DEFAULT_RETRY_AFTER_MS : undefined);
    if (retryAfterMs !== undefined) headers['retry-after'] = String(toRetryAfterSeconds(retryAfterMs));
    return c.json({ results: answer.results }, answer.status, headers);
  });

  app.all(path, () => {
    throw new HttpError(405, `use POST ${path}`);
  });

  app.get('/healthz', (c) => {
    const destinations = config.destinations.map((d) => d.health());
    const status = destinations.some((d) => d.status === 'failing') ? 'failing' : 'ok';
    return c.json({ status, destinations }, 200, { 'cache-control': 'no-store' });
  });

  app.get('/earful.js', async (c) => {
    const script = await config.embedScript?.();
    if (script === undefined) throw new HttpError(404, 'the script-tag build is not available: run npm run build');
    return c.body(script, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=300',
      'cross-origin-resource-policy': 'cross-origin',
    });
  });

  if (localDestination) {
    app.get('/', (c) => c.html(demoPage(path)));
    app.get('/inbox', async (c) => c.html(inboxPage(await localDestination.sink.recent(200)), 200, { 'cache-control': 'no-store' }));
    app.get('/inbox.json', async (c) => c.json(await localDestination.sink.recent(200)));
    app.get('/demo/*', async (c) => (await config.demoFile?.(c.req.path.slice('/demo/'.length) || 'index.html')) ?? c.notFound());
  }

  app.notFound((c) => c.json({ error: 'not found' }, 404));

  // The one place failures become responses. A client's mistake is a 4xx; anything else is
  // logged and answered 500 without details (no stack, no upstream text, no key).
  app.onError((err, c) => {
    const cors = allowed(c) ? corsHeaders(origin(c)) : {};
    if (isHttpError(err)) {
      const headers: Record<string, string> = { ...cors };
      if (err.details.retryAfterSeconds) headers['retry-after'] = String(err.details.retryAfterSeconds);
      const body = err.details.issues ? { error: err.message, issues: err.details.issues } : { error: err.message };
      return c.json(body, err.status as 400, headers);
    }
    log.error(`unexpected error: ${(err as Error)?.stack ?? String(err)}`);
    return c.json({ error: 'internal error' }, 500, cors);
  });

  return (request, context) => Promise.resolve(app.fetch(request, context ?? {}));
}

/**
 * Everything on the feedback path (`POST`, the `OPTIONS` preflight, 405 for the rest) on a
 * platform-neutral `ProxyRequest`: origin and CORS, the rate limit, the answer and its headers,
 * and the mapping of its failures. The web handler (through hono) and the Node server's direct
 * path both call this one function, so they cannot answer differently.
 */
import { errorAnswer } from './error-answer.js';
import { HttpError } from './errors.js';
import { type ProxyAnswer, type ProxyRequest, jsonAnswer } from './exchange.js';
import { type FeedbackDeps, handleFeedback } from './feedback.js';
import {
  type AllowedOrigins,
  ORIGIN_REFUSAL,
  corsHeaders,
  createRefusalLog,
  isOriginAllowed,
  preflightHeaders,
  refusalHeaders,
} from './origin.js';
import { clientAddress } from './rate-limit.js';
import { toRetryAfterSeconds } from '../schema/retry-after.js';
import { type Awaitable, SHARED_STATE_RETRY_MS, isSharedStateError } from './shared-state.js';
import { createUploadGuard } from './upload-guard.js';

export interface FeedbackRouteOptions {
  path: string;
  allowedOrigins?: AllowedOrigins;
  /** The rate limiter's `take`, or undefined for none. */
  takeToken?: (client: string, now: number) => Awaitable<number>;
  trustProxy: number;
  clientIp?: (request: Request) => string | undefined;
  /** Every answer comes within this many milliseconds of the request's arrival. */
  answerWithinMs: number;
  feedback: FeedbackDeps;
}

export type FeedbackRoute = (request: ProxyRequest) => Promise<ProxyAnswer>;

/** Said once, at the first request whose sender cannot be told apart from any other. */
const NO_ADDRESS_WARNING =
  'the rate limit is off: no client address is known. Pass it as handle(request, { clientAddress }) ' +
  '(Deno: info.remoteAddr.hostname, Bun: server.requestIP(request)?.address), or give clientIp ' +
  '(e.g. a platform header), or set rateLimit: false to say you mean it';

/** When every item must wait and no destination said how long. */
const DEFAULT_RETRY_AFTER_MS = 10_000;

/** The shared store did not answer: the client comes back later (fail closed: no instance counts alone). */
const SHARED_STATE_DOWN = new HttpError(503, 'the proxy cannot read its shared state just now; try again later', {
  retryAfterSeconds: toRetryAfterSeconds(SHARED_STATE_RETRY_MS),
});

/** Takes a token: 0, or the ms to wait; a shared rate limit that cannot be read turns the request away with a 503. */
async function takeOrWait(takeToken: NonNullable<FeedbackRouteOptions['takeToken']>, client: string, now: number): Promise<number> {
  try {
    return await takeToken(client, now);
  } catch (err) {
    throw isSharedStateError(err) ? SHARED_STATE_DOWN : err;
  }
}

/** Answers every request on the feedback path; never throws. */
export function createFeedbackRoute(options: FeedbackRouteOptions): FeedbackRoute {
  const { feedback: deps, takeToken } = options;
  let warnedNoAddress = false;

  const logRefusal = createRefusalLog(deps.log, deps.now);
  const guardUpload = createUploadGuard();

  async function answer(request: ProxyRequest, origin: string | null): Promise<ProxyAnswer> {
    const arrived = performance.now();
    if (request.method !== 'POST') throw new HttpError(405, `use POST ${options.path}`);
    const client =
      options.clientIp?.(request.toRequest()) ??
      clientAddress(request.header('x-forwarded-for'), request.clientAddress, options.trustProxy);
    if (takeToken && !client && !warnedNoAddress) {
      warnedNoAddress = true;
      deps.log.warn(NO_ADDRESS_WARNING);
    }
    const waitMs = takeToken && client ? await takeOrWait(takeToken, client, deps.now()) : 0;
    if (waitMs > 0) throw new HttpError(429, 'too many requests', { retryAfterSeconds: toRetryAfterSeconds(waitMs) });
    const timeLeftMs = () => options.answerWithinMs - (performance.now() - arrived);
    const readBody = (maxBytes: number) => guardUpload(request, client, maxBytes, timeLeftMs());
    const result = await handleFeedback(request, deps, { client, timeLeftMs, readBody });
    const headers: Record<string, string> = { ...corsHeaders(origin), 'cache-control': 'no-store' };
    const retryAfterMs = result.retryAfterMs ?? (result.status === 503 ? DEFAULT_RETRY_AFTER_MS : undefined);
    if (retryAfterMs !== undefined) headers['retry-after'] = String(toRetryAfterSeconds(retryAfterMs));
    headers['content-type'] = 'application/json';
    return { status: result.status, headers, body: JSON.stringify({ results: result.results }) };
  }

  return async (request) => {
    const origin = request.header('origin');
    if (request.method === 'OPTIONS') return { status: 204, headers: preflightHeaders(origin), body: null };
    // A refused origin hears why, readably, and nothing of its body is read.
    if (!isOriginAllowed(origin, options.allowedOrigins, () => request.url)) {
      logRefusal(origin!);
      return jsonAnswer(403, ORIGIN_REFUSAL, refusalHeaders(origin!));
    }
    // CORS headers on every answer to an allowed origin, errors included.
    const cors = corsHeaders(origin);
    try {
      return await answer(request, origin);
    } catch (err) {
      return errorAnswer(err, cors, deps.log);
    }
  };
}

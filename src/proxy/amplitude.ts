/**
 * The Amplitude AI Feedback destination: `POST {base}/api/1/ai-feedback/ingest` with HTTP Basic
 * auth, ≤ 100 items and < 5 MB a request, per-item results from `{ ingested, failed, errors }`.
 */
import { MAX_ID_LENGTH } from '../schema/limits.js';
import type { Submission } from '../schema/submission.js';
import { type Refusal, readIngestAnswer, readRefusal } from './amplitude-answer.js';
import { type AmplitudeChunk, chunkItems } from './amplitude-chunks.js';
import {
  AmplitudeMappingError,
  type AmplitudeItem,
  type FormatBody,
  commentPartId,
  toAmplitudeItem,
} from './amplitude-map.js';
import { checkBaseUrl } from './config-values.js';
import {
  type DeliveryContext,
  type Destination,
  HealthTracker,
  MIN_CALL_MS,
  type DeliveryOutcome,
  type UpstreamFetch,
  callTimeoutMs,
  everyItem,
  outOfTime,
  retry,
  unreachable,
  upstreamFetch,
  withTimeout,
} from './destination.js';
import { ConfigError } from './errors.js';
import { parseRetryAfter } from '../schema/retry-after.js';
import { readJson, upstreamMessage } from './upstream-message.js';
import {
  type FailureReport,
  UPSTREAM_FAILURES,
  type UpstreamFailure,
  failureOf,
  reportFailure,
} from './upstream-status.js';


export interface AmplitudeOptions {
  apiKey: string;
  secretKey: string;
  /** The webhook source's id (AI Feedback → source → Settings). */
  sourceId: string;
  /** @default 'us' */
  region?: 'us' | 'eu';
  /** Overrides the region's base URL (gateways, tests). */
  baseUrl?: string;
  /** How a Submission becomes Amplitude's `body`. @default the NPS/CSAT prefixes of `defaultFormatBody` */
  formatBody?: FormatBody;
  /** Per upstream request. @default 10_000 */
  timeoutMs?: number;
  /** @default the proxy's transport (globalThis.fetch, or undici's keep-alive pools under the Node server) */
  fetch?: UpstreamFetch;
}

const BASE_URLS = { us: 'https://amplitude.com', eu: 'https://eu.amplitude.com' } as const;
const INGEST_PATH = '/api/1/ai-feedback/ingest';
/** `source_id`: "String (1–128 characters)". */
const MAX_SOURCE_ID_LENGTH = 128;
/** Ids longer than this cannot take `:comment` within 1,024 characters. */
const LONG_ID_LENGTH = MAX_ID_LENGTH - ':comment'.length;

/**
 * One attempt at a request: per-item outcomes (`ingested` when Amplitude answered them, so the
 * request as such works), or a refusal of the request as a whole.
 */
type Attempt = { outcomes: Map<string, DeliveryOutcome>; ingested?: true } | { refusal: Refusal };

/** Creates the Amplitude destination. Credentials stay in this closure; nothing echoes them. */
export function amplitude(options: AmplitudeOptions): Destination {
  const { apiKey, secretKey, sourceId } = options;
  if (!apiKey || !secretKey || !sourceId)
    throw new ConfigError('amplitude needs apiKey, secretKey and sourceId (AMPLITUDE_API_KEY, AMPLITUDE_SECRET_KEY, AMPLITUDE_SOURCE_ID)');
  if (sourceId.length > MAX_SOURCE_ID_LENGTH)
    throw new ConfigError(`AMPLITUDE_SOURCE_ID (amplitude's sourceId) must be 1 to ${MAX_SOURCE_ID_LENGTH} characters`);
  const region = options.region ?? 'us';
  if (!(region in BASE_URLS)) throw new ConfigError("AMPLITUDE_REGION (amplitude's region) must be us or eu");
  const endpoint = checkBaseUrl(options.baseUrl ?? BASE_URLS[region], "AMPLITUDE_BASE_URL (amplitude's baseUrl)") + INGEST_PATH;
  const authorization = `Basic ${btoa(`${apiKey}:${secretKey}`)}`;
  const secrets = [apiKey, secretKey, authorization.slice(6)];
  const timeoutMs = options.timeoutMs ?? 10_000;
  const health = new HealthTracker('amplitude');

  /** A half of a refused request: plain `JSON.stringify`, the shape `chunkItems` builds. */
  const serialize = (items: AmplitudeItem[]): AmplitudeChunk => ({ items, body: JSON.stringify({ source_id: sourceId, items }) });

  const allOf = (items: readonly AmplitudeItem[], outcome: DeliveryOutcome) => everyItem(items.map((item) => item.unique_id), outcome);

  function failAll(items: readonly AmplitudeItem[], kind: UpstreamFailure, details: FailureReport, ctx: DeliveryContext) {
    return allOf(items, reportFailure(kind, details, { log: ctx.log, health, now: ctx.now() }));
  }

  async function attempt({ items, body }: AmplitudeChunk, ctx: DeliveryContext): Promise<Attempt> {
    const deadline = callTimeoutMs(ctx, timeoutMs);
    if (deadline < MIN_CALL_MS) return { outcomes: allOf(items, outOfTime('amplitude')) };
    let res;
    try {
      res = await upstreamFetch(options.fetch, ctx)(
        endpoint,
        withTimeout({ method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body }, deadline),
      );
    } catch (err) {
      return { outcomes: failAll(items, 'unavailable', { reason: unreachable('Amplitude', err, deadline) }, ctx) };
    }
    const { status } = res;
    const answer = await readJson(res);
    if (status >= 200 && status < 300) {
      const outcomes = readIngestAnswer(items, answer, secrets);
      if (!outcomes) return { outcomes: allOf(items, retry(`Amplitude answered ${status} with an unreadable body`, UPSTREAM_FAILURES.unavailable.retryAfterMs)) };
      health.ok(ctx.now());
      return { outcomes, ingested: true };
    }
    const message = upstreamMessage(answer, secrets);
    if (status === 400 || status === 413) return { refusal: readRefusal(status, answer, items, secrets, message) };
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), ctx.now());
    const kind = failureOf(status);
    const reason = {
      misconfigured: {
        401: 'Amplitude answered 401 (missing authentication): check AMPLITUDE_API_KEY and AMPLITUDE_SECRET_KEY',
        403: `Amplitude answered 403: the API key or secret key is wrong, or source ${sourceId} is not a webhook source`,
        404: `Amplitude answered 404: no source with id ${sourceId} (AMPLITUDE_SOURCE_ID)`,
      }[status as 401 | 403 | 404],
      rateLimited: 'Amplitude answered 429 (rate limited)',
      unavailable: `Amplitude answered ${status}${message ? `: ${message}` : ''}`,
    }[kind];
    const error = kind === 'misconfigured' ? `amplitude is misconfigured (${status})` : `Amplitude answered ${status}`;
    return { outcomes: failAll(items, kind, { reason, error, retryAfterMs }, ctx) };
  }

  /** A 400 of the request as such (a wrong source, a changed API): no item's fault, never a dead letter. */
  const configurationFault = (items: readonly AmplitudeItem[], refusal: Refusal, ctx: DeliveryContext) =>
    failAll(
      items,
      'misconfigured',
      {
        reason:
          `Amplitude refused a whole request (${refusal.status}) whose items pass the proxy's checks: a configuration ` +
          `fault (check AMPLITUDE_SOURCE_ID) or a changed API${refusal.message ? `: ${refusal.message}` : ''}`,
        error: `amplitude is misconfigured (${refusal.status})`,
      },
      ctx,
    );

  /** An item a refusal turns away, in its own issue's words when the refusal has them. */
  const rejection = (refusal: Refusal, id: string): DeliveryOutcome => {
    const why = refusal.named.get(id) ?? refusal.message;
    return { status: 'rejected', error: `amplitude rejected the item (${refusal.status})${why ? `: ${why}` : ''}` };
  };

  /**
   * Finds the items behind a whole-request refusal. A refusal that names some of the items (its
   * issues say which) rejects those and sends the rest again: one call for any number of bad
   * items. One that names none is narrowed down by halving: the half that goes through is
   * answered, the refused half is halved again, so one bad item among n costs about 2·log2(n)
   * calls. Until some part of the request has gone through (`requestWorks`), a refusal of both
   * halves, or one about the request itself, is a configuration fault rather than bad items;
   * so is one that names every item of several (an API that changed under every item).
   */
  async function isolate(
    items: AmplitudeItem[],
    refusal: Refusal,
    requestWorks: boolean,
    ctx: DeliveryContext,
  ): Promise<Map<string, DeliveryOutcome>> {
    // A 413 is about size, which halving cures and which is the item's own when it stands alone.
    const aboutSize = refusal.status === 413;
    if (!requestWorks && !aboutSize && refusal.aboutRequest) return configurationFault(items, refusal, ctx);
    const namesSome = refusal.named.size > 0 && (requestWorks || refusal.named.size < items.length);
    if (namesSome && !refusal.aboutRequest) return rejectNamed(items, refusal, requestWorks, ctx);
    if (items.length === 1) {
      const item = items[0]!;
      if (!requestWorks && !aboutSize && !refusal.named.has(item.unique_id)) return configurationFault(items, refusal, ctx);
      return allOf(items, rejection(refusal, item.unique_id));
    }
    const mid = Math.ceil(items.length / 2);
    const halves = [items.slice(0, mid), items.slice(mid)];
    const attempts = await Promise.all(halves.map((half) => attempt(serialize(half), ctx)));
    const proven = requestWorks || attempts.some((a) => 'ingested' in a);
    if (!proven && !aboutSize && attempts.every((a) => 'refusal' in a && a.refusal.status === 400))
      return configurationFault(items, refusal, ctx);
    const outcomes = new Map<string, DeliveryOutcome>();
    for (const [i, result] of attempts.entries()) {
      const found = 'refusal' in result ? await isolate(halves[i]!, result.refusal, proven, ctx) : result.outcomes;
      for (const [id, outcome] of found) outcomes.set(id, outcome);
    }
    return outcomes;
  }

  /** Rejects the items a refusal names, and sends the rest again. */
  async function rejectNamed(
    items: AmplitudeItem[],
    refusal: Refusal,
    requestWorks: boolean,
    ctx: DeliveryContext,
  ): Promise<Map<string, DeliveryOutcome>> {
    const outcomes = new Map<string, DeliveryOutcome>();
    const rest = items.filter((item) => !refusal.named.has(item.unique_id));
    for (const id of refusal.named.keys()) outcomes.set(id, rejection(refusal, id));
    if (rest.length) for (const [id, outcome] of await post(serialize(rest), ctx, requestWorks)) outcomes.set(id, outcome);
    return outcomes;
  }

  async function post(chunk: AmplitudeChunk, ctx: DeliveryContext, requestWorks = false): Promise<Map<string, DeliveryOutcome>> {
    const result = await attempt(chunk, ctx);
    return 'refusal' in result ? isolate(chunk.items, result.refusal, requestWorks, ctx) : result.outcomes;
  }

  return {
    name: 'amplitude',
    secrets,
    health: () => health.get(),
    async deliver(items: readonly Submission[], ctx: DeliveryContext) {
      const outcomes = new Map<string, DeliveryOutcome>();
      const mapped: AmplitudeItem[] = [];
      for (const item of items) {
        try {
          // Only an id of over 1,016 characters needs its comment part's id derived (and awaited).
          const commentId = item.id.length > LONG_ID_LENGTH ? await commentPartId(item.id) : undefined;
          mapped.push(toAmplitudeItem(item, options.formatBody, commentId));
        } catch (err) {
          if (!(err instanceof AmplitudeMappingError)) throw err;
          outcomes.set(item.id, { status: 'rejected', error: err.message });
        }
      }
      const { chunks, tooLarge } = chunkItems(mapped, sourceId);
      for (const item of tooLarge)
        outcomes.set(item.unique_id, { status: 'rejected', error: 'too large for one Amplitude request (max 5 MB)' });
      for (const chunk of chunks) for (const [id, o] of await post(chunk, ctx)) outcomes.set(id, o);
      return outcomes;
    },
  };
}

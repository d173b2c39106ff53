/**
 * The Amplitude AI Feedback destination: `POST {base}/api/1/ai-feedback/ingest` with HTTP Basic
 * auth, ≤ 100 items and < 5 MB a request, per-item results from `{ ingested, failed, errors }`.
 */
import { MAX_ID_LENGTH, MAX_ITEMS_PER_REQUEST, MAX_REQUEST_BYTES } from '../schema/limits.js';
import type { Submission } from '../schema/submission.js';
import {
  AmplitudeMappingError,
  type AmplitudeItem,
  type FormatBody,
  commentPartId,
  toAmplitudeItem,
} from './amplitude-map.js';
import { checkBaseUrl } from './config-values.js';
import { ConfigError } from './errors.js';
import {
  type DeliveryContext,
  type Destination,
  HealthTracker,
  type Outcome,
  type UpstreamFetch,
  type UpstreamResponse,
  retry,
  unreachable,
  upstreamFetch,
  withTimeout,
} from './destination.js';
import { utf8Length } from './utf8-length.js';
import { parseRetryAfter } from './retry-after.js';
import { upstreamMessage, upstreamText } from './upstream-message.js';

export interface AmplitudeOptions {
  apiKey: string;
  secretKey: string;
  /** The webhook source's id (AI Feedback → source → Settings). */
  sourceId: string;
  /** @default 'us' */
  region?: 'us' | 'eu';
  /** Overrides the region's base URL (gateways, tests). */
  baseUrl?: string;
  /** How a Submission becomes Amplitude's `body`. @default NPS/CSAT prefixes, see MAPPING.md */
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
/** Back off this long after a configuration error (401/403/404): a human must act. */
const CONFIG_RETRY_MS = 5 * 60_000;
const TRANSIENT_RETRY_MS = 10_000;
/** Ids longer than this cannot take `:comment` within 1,024 characters. */
const LONG_ID_LENGTH = MAX_ID_LENGTH - ':comment'.length;
/** How much of Amplitude's reason for refusing one item the client is shown. */
const MAX_ITEM_ERROR_LENGTH = 300;

/** One upstream request: its items and the exact JSON sent for them. */
export interface AmplitudeChunk {
  items: AmplitudeItem[];
  body: string;
}

/** UTF-8 never takes more than 3 bytes per UTF-16 code unit (a surrogate pair: 4 for 2). */
const MAX_UTF8_PER_UNIT = 3;

/**
 * Splits items into requests of at most `maxItems` items and `maxBytes` bytes of JSON; each
 * body is byte for byte `JSON.stringify({ source_id, items })`. The usual batch is serialized
 * once, whole; a batch that may not fit one request is serialized item by item, each JSON both
 * sizing its chunk and spliced into the body. An item too large on its own comes back in
 * `tooLarge`.
 */
export function chunkItems(
  items: readonly AmplitudeItem[],
  sourceId: string,
  maxItems = MAX_ITEMS_PER_REQUEST,
  maxBytes = MAX_REQUEST_BYTES,
): { chunks: AmplitudeChunk[]; tooLarge: AmplitudeItem[] } {
  if (!items.length) return { chunks: [], tooLarge: [] };
  // The usual batch: even at 3 bytes a character it fits one request, so no byte is counted.
  if (items.length <= maxItems) {
    const whole = JSON.stringify({ source_id: sourceId, items });
    if (whole.length * MAX_UTF8_PER_UNIT <= maxBytes) return { chunks: [{ items: [...items], body: whole }], tooLarge: [] };
  }
  const head = `{"source_id":${JSON.stringify(sourceId)},"items":[`;
  const body = (parts: string[]) => `${head}${parts.join(',')}]}`;
  const jsons = items.map((item) => JSON.stringify(item));
  const overhead = utf8Length(head) + 2; // and `]}`
  const chunks: AmplitudeChunk[] = [];
  const tooLarge: AmplitudeItem[] = [];
  let current: AmplitudeItem[] = [];
  let parts: string[] = [];
  let bytes = overhead;
  items.forEach((item, i) => {
    const size = utf8Length(jsons[i]!);
    if (overhead + size > maxBytes) return void tooLarge.push(item);
    if (current.length === maxItems || bytes + (current.length ? 1 : 0) + size > maxBytes) {
      chunks.push({ items: current, body: body(parts) });
      current = [];
      parts = [];
      bytes = overhead;
    }
    bytes += (current.length ? 1 : 0) + size;
    current.push(item);
    parts.push(jsons[i]!);
  });
  if (current.length) chunks.push({ items: current, body: body(parts) });
  return { chunks, tooLarge };
}

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

  /** A rare re-send of part of a chunk: plain `JSON.stringify`, the shape `chunkItems` builds. */
  const serialize = (items: AmplitudeItem[]): AmplitudeChunk => ({ items, body: JSON.stringify({ source_id: sourceId, items }) });

  async function post({ items: chunk, body }: AmplitudeChunk, ctx: DeliveryContext): Promise<Map<string, Outcome>> {
    const outcomes = new Map<string, Outcome>();
    const each = (o: Outcome) => chunk.forEach((i) => outcomes.set(i.unique_id, o));
    let res: UpstreamResponse;
    try {
      res = await upstreamFetch(options.fetch, ctx)(
        endpoint,
        withTimeout({ method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body }, timeoutMs),
      );
    } catch (err) {
      const reason = unreachable('Amplitude', err, timeoutMs);
      ctx.log.warn(reason);
      health.failing(reason, ctx.now());
      each(retry(reason, TRANSIENT_RETRY_MS));
      return outcomes;
    }
    const { status } = res;
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), ctx.now());
    if (status >= 200 && status < 300) {
      const answer = (await res.json().catch(() => undefined)) as
        | { ingested?: unknown; failed?: unknown; errors?: unknown }
        | undefined;
      if (!answer || typeof answer.ingested !== 'number' || !Array.isArray(answer.errors)) {
        each(retry(`Amplitude answered ${status} with an unreadable body`, TRANSIENT_RETRY_MS));
        return outcomes;
      }
      health.ok(ctx.now());
      const errors = answer.errors as { unique_id?: unknown; error?: unknown }[];
      // No errors, the usual answer: no sets to build.
      const sent = errors.length ? new Set(chunk.map((i) => i.unique_id)) : undefined;
      const failedIds = new Set<string>();
      let strangers = 0;
      for (const e of errors) {
        // An error naming no item of this request (a part's id?) cannot say which item failed.
        if (typeof e?.unique_id !== 'string' || !sent?.has(e.unique_id)) {
          strangers++;
          continue;
        }
        failedIds.add(e.unique_id);
        const why = typeof e.error === 'string' ? upstreamText(e.error, secrets, MAX_ITEM_ERROR_LENGTH) : 'failed validation';
        outcomes.set(e.unique_id, { status: 'rejected', error: `amplitude: ${why}` });
      }
      // Counts that do not add up cannot say which items were stored; re-sending is an upsert.
      const accounted = answer.ingested + (typeof answer.failed === 'number' ? answer.failed : failedIds.size);
      const rest: Outcome =
        accounted === chunk.length && !strangers
          ? { status: 'delivered' }
          : retry('Amplitude did not account for every item', TRANSIENT_RETRY_MS);
      if (!failedIds.size) each(rest);
      else for (const i of chunk) if (!failedIds.has(i.unique_id)) outcomes.set(i.unique_id, rest);
      return outcomes;
    }
    const message = await upstreamMessage(res, secrets);
    if ((status === 400 || status === 413) && chunk.length > 1) {
      // The proxy validated first, so this is one odd item: find it by halving the batch.
      const mid = Math.ceil(chunk.length / 2);
      const [first, second] = await Promise.all([post(serialize(chunk.slice(0, mid)), ctx), post(serialize(chunk.slice(mid)), ctx)]);
      return new Map([...first, ...second]);
    }
    if (status === 400 || status === 413) {
      each({ status: 'rejected', error: `amplitude rejected the item (${status})${message ? `: ${message}` : ''}` });
      return outcomes;
    }
    if (status === 401 || status === 403 || status === 404) {
      const reason = {
        401: 'Amplitude answered 401 (missing authentication): check AMPLITUDE_API_KEY and AMPLITUDE_SECRET_KEY',
        403: `Amplitude answered 403: the API key or secret key is wrong, or source ${sourceId} is not a webhook source`,
        404: `Amplitude answered 404: no source with id ${sourceId} (AMPLITUDE_SOURCE_ID)`,
      }[status];
      ctx.log.error(reason);
      health.failing(reason, ctx.now());
      each(retry(`amplitude is misconfigured (${status})`, retryAfterMs ?? CONFIG_RETRY_MS));
      return outcomes;
    }
    const reason = `Amplitude answered ${status}`;
    ctx.log.warn(`${reason}${message ? `: ${message}` : ''}`);
    if (status !== 429) health.failing(reason, ctx.now());
    each(retry(reason, retryAfterMs ?? (status === 429 ? 60_000 : TRANSIENT_RETRY_MS)));
    return outcomes;
  }

  return {
    name: 'amplitude',
    secrets,
    health: () => health.get(),
    async deliver(items: readonly Submission[], ctx: DeliveryContext) {
      const outcomes = new Map<string, Outcome>();
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

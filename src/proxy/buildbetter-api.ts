/**
 * BuildBetter's REST calls as the destination makes them: the key header, a deadline cut to
 * the time left to answer, and each answer reduced to what the sender reads.
 */
import type { BuildBetterRecord } from './buildbetter-map.js';
import { type DeliveryContext, type UpstreamFetch, callTimeoutMs, unreachable, upstreamFetch, withTimeout } from './destination.js';
import { parseRetryAfter } from '../schema/retry-after.js';
import { readJson, upstreamMessage } from './upstream-message.js';

export interface BuildBetterAnswer {
  status: number;
  /** The `id` of an upserted person. */
  id?: number | string;
  /** The upstream's JSON `error`/`message` of a failure, short and without the key. */
  message?: string;
  /** Its `Retry-After`, parsed and clamped. */
  retryAfterMs?: number;
}

/** A call that got no answer: the network, or the deadline. `message` says which, for an operator. */
export class UnansweredError extends Error {
  override name = 'UnansweredError' as const;
}

export interface BuildBetterApiOptions {
  base: string;
  apiKey: string;
  timeoutMs: number;
  fetch?: UpstreamFetch;
}

export type BuildBetterCall = (method: string, path: string, body: unknown, ctx: DeliveryContext) => Promise<BuildBetterAnswer>;

export function createBuildBetterApi({ base, apiKey, timeoutMs, fetch }: BuildBetterApiOptions): BuildBetterCall {
  const headers = { 'x-buildbetter-api-key': apiKey, 'content-type': 'application/json' };
  return async (method, path, body, ctx) => {
    const deadline = callTimeoutMs(ctx, timeoutMs);
    let res;
    try {
      res = await upstreamFetch(fetch, ctx)(base + path, withTimeout({ method, headers, body: JSON.stringify(body) }, deadline));
    } catch (err) {
      throw new UnansweredError(unreachable('BuildBetter', err, deadline));
    }
    const json = await readJson(res);
    const answer: BuildBetterAnswer = { status: res.status };
    const id = (json as { id?: unknown } | undefined)?.id;
    if (res.ok && (typeof id === 'number' || (typeof id === 'string' && id !== ''))) answer.id = id;
    if (!res.ok) answer.message = upstreamMessage(json, [apiKey]);
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), ctx.now());
    if (retryAfterMs !== undefined) answer.retryAfterMs = retryAfterMs;
    return answer;
  };
}

/**
 * Whether an answer says the record is there already, which counts as `delivered`. The
 * reference names the error ("Duplicate external_id detected") but gives it no status: a 409,
 * or those words, or "already exists", under any 4xx.
 */
export function isDuplicate({ status, message = '' }: BuildBetterAnswer): boolean {
  if (status === 409) return true;
  const words = (/duplicate/i.test(message) && /external[_ ]?id/i.test(message)) || /already exists/i.test(message);
  return status >= 400 && status < 500 && words;
}

/**
 * Whether a refusal is about this record: its words name one of the record's fields
 * (`Invalid field "kind"`, `Field value exceeds 10KB: feedback`) or its `external_id`. One that
 * names nothing of it (`fields must be a non-empty array`, an unknown key) may be about every
 * record alike: a configuration fault, or an API that changed.
 */
export function namesRecord({ message = '' }: BuildBetterAnswer, record: Pick<BuildBetterRecord, 'external_id' | 'fields'>): boolean {
  if (message.includes(record.external_id)) return true;
  if (!/field/i.test(message)) return false;
  const words = new Set(message.split(/[^A-Za-z0-9_]+/));
  return record.fields.some((field) => words.has(field.name));
}

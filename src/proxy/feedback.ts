/**
 * `POST /v1/feedback`: read the envelope, check each item on its own, hand the good ones to
 * every destination, answer one result per item. Nothing a client sends can make this throw:
 * bad envelopes become `HttpError`s (4xx), bad items become `rejected` results.
 */
import { MAX_ID_LENGTH } from '../schema/limits.js';
import { formatIssue } from '../schema/messages.js';
import { EnvelopeSchema, type ItemResult, type Submission, SubmissionSchema } from '../schema/submission.js';
import type { Destination, Outcome, UpstreamFetch } from './destination.js';
import { deliverToAll } from './fan-out.js';
import { clampCreatedAt } from './created-at.js';
import { HttpError } from './errors.js';
import type { Logger } from './log.js';
import type { ProxyRequest } from './exchange.js';
import type { ClaimCheck } from './signed-claims.js';
import { bodyTooLarge, decodeBody } from './read-body.js';

export interface FeedbackDeps {
  destinations: readonly Destination[];
  /** With identity verification on: keeps the item's signed claims, or says why it is rejected. */
  checkClaims?: ClaimCheck;
  maxBodyBytes: number;
  now(): number;
  log: Logger;
  fetch?: UpstreamFetch;
}

export interface FeedbackAnswer {
  status: 200 | 503;
  results: ItemResult[];
  retryAfterMs?: number;
}

const JSON_TYPES = new Set(['', 'application/json', 'text/plain']);

async function readEnvelope(request: ProxyRequest, maxBytes: number, exchange: FeedbackExchange): Promise<unknown[]> {
  const type = (request.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!JSON_TYPES.has(type) && !type.endsWith('+json'))
    throw new HttpError(415, 'content-type must be application/json (or text/plain carrying JSON)');
  if (Number(request.header('content-length')) > maxBytes) throw bodyTooLarge(maxBytes);
  const text = decodeBody(await exchange.readBody(maxBytes));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'the body is not valid JSON');
  }
  const envelope = EnvelopeSchema.safeParse(json);
  if (!envelope.success) {
    const issues = envelope.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
    throw new HttpError(400, formatIssue(envelope.error.issues[0]!.path, envelope.error.issues[0]!.message), { issues });
  }
  return envelope.data.items;
}

/**
 * One result. A delivered one carries `error: undefined`, which JSON leaves out: every result
 * has the same shape (one V8 map), and `resultsJson` writes them all out the same way.
 */
const result = (id: string, status: ItemResult['status'], error?: string) => ({ id, status, error }) as ItemResult;

/** The id to answer with: the item's own when usable, else `""` (API.md §4). */
function answerId(raw: unknown): string {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id.length > 0 && id.length <= MAX_ID_LENGTH ? id : '';
}

type Checked = Submission | string;

/**
 * Checks one item; returns the accepted Submission or the reason it can never be accepted.
 * Synchronous unless identity verification is on (HMAC is async): a promise per item cost
 * more than validating it.
 */
function accept(raw: unknown, deps: FeedbackDeps, createdAt: CreatedAt): Checked | Promise<Checked> {
  const parsed = SubmissionSchema.safeParse(raw);
  if (!parsed.success) return formatIssue(parsed.error.issues[0]!.path, parsed.error.issues[0]!.message);
  const item = parsed.data;
  if (!deps.checkClaims) return settle(item, createdAt);
  return deps.checkClaims(item).then((checked) => (typeof checked === 'string' ? checked : settle(checked, createdAt)));
}

type CreatedAt = ReturnType<typeof clampCreatedAt>;

/**
 * The accepted item: no `user.hash` (it goes nowhere), its `createdAt` (the schema wrote it in
 * UTC) set when missing and clamped, and so its parts' where they have one. Changed in
 * place: zod's output is a fresh copy of the client's item, so no one else holds it.
 */
function settle(item: Submission, createdAt: CreatedAt): Submission {
  if (item.user?.hash !== undefined) item.user = withoutHash(item.user);
  item.createdAt = createdAt(item.createdAt);
  for (const part of item.parts ?? []) if (part.createdAt !== undefined) part.createdAt = createdAt(part.createdAt);
  return item;
}

function withoutHash({ hash: _, ...user }: NonNullable<Submission['user']>): Submission['user'] {
  return user;
}

/** What the route knows of this exchange beyond the request. */
export interface FeedbackExchange {
  /** The client's address, as the rate limit reads it. */
  client?: string;
  /** Real milliseconds left before the answer is due. */
  timeLeftMs(): number;
  /** Reads the request's body under the route's limits (size, time, bodies at once per client). */
  readBody(maxBytes: number): Promise<Uint8Array>;
}

export async function handleFeedback(request: ProxyRequest, deps: FeedbackDeps, exchange: FeedbackExchange): Promise<FeedbackAnswer> {
  const raws = await readEnvelope(request, deps.maxBodyBytes, exchange);
  const createdAt = clampCreatedAt(deps.now());
  const accepted = raws.map((raw) => accept(raw, deps, createdAt));
  const checked = deps.checkClaims ? await Promise.all(accepted) : (accepted as Checked[]);
  // The same id twice in one request: the last copy is the newest state of that submission.
  const latest = new Map<string, Submission>();
  for (const c of checked) if (typeof c !== 'string') latest.set(c.id, c);
  const ctx = { now: deps.now, log: deps.log, fetch: deps.fetch, client: exchange.client, timeLeftMs: exchange.timeLeftMs };
  const outcomes = latest.size ? await deliverToAll(deps.destinations, [...latest.values()], ctx) : new Map<string, Outcome>();

  let retryAfterMs: number | undefined;
  const results = checked.map((c, i) => {
    if (typeof c === 'string') return result(answerId(raws[i]), 'rejected', c);
    const outcome = outcomes.get(c.id)!;
    if (outcome.status === 'retry' && outcome.retryAfterMs) retryAfterMs = Math.max(retryAfterMs ?? 0, outcome.retryAfterMs);
    return result(c.id, outcome.status, outcome.status === 'delivered' ? undefined : outcome.error);
  });
  const nothingDone = results.every((r) => r.status === 'retry');
  return { status: nothingDone ? 503 : 200, results, retryAfterMs };
}

/**
 * `POST /v1/feedback`: read the envelope, check each item on its own, hand the good ones to
 * every destination, answer one result per item. Nothing a client sends can make this throw:
 * bad envelopes become `HttpError`s (4xx), bad items become `rejected` results.
 */
import { MAX_ID_LENGTH } from '../schema/limits.js';
import { type SubmissionIssue, issuePath, issueText } from '../schema/messages.js';
import { EnvelopeSchema, type ItemResult, type Submission, SubmissionSchema } from '../schema/submission.js';
import type { Destination, DeliveryOutcome, UpstreamFetch } from './destination.js';
import { deliverToAll } from './fan-out.js';
import { clampCreatedAt } from './created-at.js';
import { HttpError } from './errors.js';
import type { Logger } from './log.js';
import type { ProxyRequest } from './exchange.js';
import type { SharedState } from './shared-state.js';
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
  /** Where the destinations' budgets and caches live when instances share them. */
  shared?: SharedState;
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
    const issues = envelope.error.issues.map((i): SubmissionIssue => ({ path: issuePath(i.path), message: i.message }));
    throw new HttpError(400, issueText(issues[0]!), { issues });
  }
  return envelope.data.items;
}

/** The id to answer with: the item's own when usable, else `""` (README, "Routes and answers"). */
function answerId(raw: unknown): string {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id.length > 0 && id.length <= MAX_ID_LENGTH ? id : '';
}

/** An accepted item, or the problem that rejects it. */
type Checked = Submission | SubmissionIssue;
// A Submission never has a `message`: zod drops the fields the schema does not name.
const isIssue = (checked: Checked): checked is SubmissionIssue => 'message' in checked;

/**
 * Checks one item; returns the accepted Submission or the reason it can never be accepted.
 * Synchronous unless identity verification is on (HMAC is async): a promise per item cost
 * more than validating it.
 */
function accept(raw: unknown, deps: FeedbackDeps, createdAt: CreatedAt): Checked | Promise<Checked> {
  const parsed = SubmissionSchema.safeParse(raw);
  if (!parsed.success) {
    const [first] = parsed.error.issues;
    return { path: issuePath(first!.path), message: first!.message };
  }
  const item = parsed.data;
  if (!deps.checkClaims) return finishAccepted(item, createdAt);
  return deps.checkClaims(item).then((checked) => (isIssue(checked) ? checked : finishAccepted(checked, createdAt)));
}

type CreatedAt = ReturnType<typeof clampCreatedAt>;

/**
 * The accepted item: no `user.hash` (it goes nowhere), its `createdAt` (the schema wrote it in
 * UTC) set when missing and clamped, and so its parts' where they have one. Changed in
 * place: zod's output is a fresh copy of the client's item, so no one else holds it.
 */
function finishAccepted(item: Submission, createdAt: CreatedAt): Submission {
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
  for (const c of checked) if (!isIssue(c)) latest.set(c.id, c);
  const ctx = { now: deps.now, log: deps.log, fetch: deps.fetch, client: exchange.client, timeLeftMs: exchange.timeLeftMs, shared: deps.shared };
  const outcomes = latest.size ? await deliverToAll(deps.destinations, [...latest.values()], ctx) : new Map<string, DeliveryOutcome>();

  let retryAfterMs: number | undefined;
  const results = checked.map((c, i): ItemResult => {
    if (isIssue(c)) return { id: answerId(raws[i]), status: 'rejected', error: issueText(c), path: c.path };
    const outcome = outcomes.get(c.id)!;
    if (outcome.status === 'delivered' || outcome.status === 'accepted') return { id: c.id, status: outcome.status };
    if (outcome.status === 'rejected') return { id: c.id, status: 'rejected', error: outcome.error };
    if (outcome.retryAfterMs) retryAfterMs = Math.max(retryAfterMs ?? 0, outcome.retryAfterMs);
    return { id: c.id, status: 'retry', error: outcome.error };
  });
  const nothingDone = results.every((r) => r.status === 'retry');
  return { status: nothingDone ? 503 : 200, results, retryAfterMs };
}

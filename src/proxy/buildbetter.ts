/**
 * The BuildBetter destination: one record per request to `POST /v3/rest/feedback-sources/{id}/records`,
 * people upserted (and cached) first, everything paced to a sliding window per API key that
 * clients share fairly (README, "What it decides per item").
 *
 * Its parts live in files of their own (the API calls, the mapping, the people cache, the
 * shared budget, the words already sent); what stays here is the one delivery loop that ties
 * them together, kept whole (about 310 lines) because its steps share the run's state and the
 * key that must not leave this closure.
 */
import type { Submission } from '../schema/submission.js';
import { setNewest } from './bounded-map.js';
import { type BuildBetterAnswer, UnansweredError, createBuildBetterApi, isDuplicate, namesRecord } from './buildbetter-api.js';
import { type BuildBetterRecordPlan, followUpRecord, toRecords, withoutPerson } from './buildbetter-map.js';
import { type PersonId, createPeopleCache, personBody } from './buildbetter-people.js';
import { type Shares, createShares, settleQuietly } from './buildbetter-shares.js';
import { WORDS_UNKNOWN } from './buildbetter-words.js';
import { checkBaseUrl } from './config-values.js';
import { digestHex } from './derived-id.js';
import {
  type DeliveryContext,
  type Destination,
  HealthTracker,
  MIN_CALL_MS,
  type DeliveryOutcome,
  type RetryOutcome,
  type UpstreamFetch,
  everyItem,
  outOfTime,
  retry,
} from './destination.js';
import { ConfigError } from './errors.js';
import { redact } from './log.js';
import { SHARED_STATE_RETRY_MS, type Ticket, isSharedStateError } from './shared-state.js';
import { type FailureReport, UPSTREAM_FAILURES, type UpstreamFailure, failureOf, reportFailure } from './upstream-status.js';

export interface BuildBetterOptions {
  apiKey: string;
  /** The feedback source's id (`BUILDBETTER_SOURCE_ID`): make one once with `earful-proxy buildbetter create-source NAME`. */
  sourceId: string | number;
  /** @default 'https://api.buildbetter.app' */
  baseUrl?: string;
  /** Requests allowed in any rolling 60 s window per key (upstream allows 100). @default 90 */
  requestsPerMinute?: number;
  /** Per upstream request. @default 10_000 */
  timeoutMs?: number;
  /** Injected for tests and for the local (capturing) mode. @default the proxy's transport */
  fetch?: UpstreamFetch;
}

/** Items sent at once per delivery. */
const CONCURRENCY = 4;
/** Records and people remembered, per process. */
const CACHE_MAX_ENTRIES = 10_000;

/** Ends the current item (or, through `run.stop`, the delivery) with an outcome; never leaves this module. */
class Stop extends Error {
  override name = 'Stop' as const;
  constructor(readonly outcome: DeliveryOutcome) {
    super('stop');
  }
}

/** What one `deliver` call learnt, for health, for stopping early and for the budget; what it spends from. */
interface Run extends Shares {
  ctx: DeliveryContext;
  client: string;
  stop?: DeliveryOutcome;
  failed: boolean;
  answered: boolean;
  /** When the budget turned items away: how long until the client may come back. */
  comeBackInMs?: number;
}
type PersonPlan = BuildBetterRecordPlan & { email: string };

/** The BuildBetter destination, with what a queue in front of it needs to know. */
export interface BuildBetterDestination extends Destination {
  readonly name: 'buildbetter';
  /** Requests allowed in any rolling minute, person upserts included. */
  readonly requestsPerMinute: number;
  /** The name of the queue its records wait in when queued: one per key and source, a digest of them. */
  queueName(): Promise<string>;
}

export const isBuildBetter = (destination: Destination): destination is BuildBetterDestination =>
  destination.name === 'buildbetter' && 'queueName' in destination;

/** Creates the BuildBetter destination. The key stays in this closure; nothing echoes it. */
export function buildbetter(options: BuildBetterOptions): BuildBetterDestination {
  const { apiKey } = options;
  if (!apiKey) throw new ConfigError('buildbetter needs apiKey (BUILDBETTER_API_KEY)');
  if (options.sourceId === undefined || options.sourceId === '')
    throw new ConfigError(
      'buildbetter needs sourceId (BUILDBETTER_SOURCE_ID): create a source once with `earful-proxy buildbetter create-source NAME`',
    );
  const sourceId = String(options.sourceId);
  const limit = options.requestsPerMinute ?? 90;
  if (!Number.isInteger(limit) || limit < 1) throw new ConfigError('buildbetter requestsPerMinute must be a positive integer');
  const call = createBuildBetterApi({
    base: checkBaseUrl(options.baseUrl ?? 'https://api.buildbetter.app', "BUILDBETTER_BASE_URL (buildbetter's baseUrl)"),
    apiKey,
    timeoutMs: options.timeoutMs ?? 10_000,
    fetch: options.fetch,
  });
  const recordsPath = `/v3/rest/feedback-sources/${encodeURIComponent(sourceId)}/records`;
  const health = new HealthTracker('buildbetter');
  const sharesOf = createShares(apiKey, sourceId, limit);
  const people = createPeopleCache(CACHE_MAX_ENTRIES);
  /**
   * `external_id`s of records stored, so a retried item re-sends only what is missing; for an
   * item's own record, the digest of the words it was stored with ('' for none).
   */
  const stored = new Map<string, string>();
  /**
   * Whether BuildBetter has stored a record from this process since it started: until it has,
   * a refusal that names nothing of the record may be a fault of every record alike (a wrong
   * source, a changed API) and dead-letters nothing.
   */
  let recordsWork = false;

  const paced = (run: Run, wait: number): DeliveryOutcome => {
    run.comeBackInMs = Math.max(run.comeBackInMs ?? 0, wait);
    const outcome = retry(`buildbetter: over ${limit} requests a minute, try again later`, Math.max(1, Math.ceil(wait)));
    return (run.stop = { ...outcome, paced: true });
  };

  /** Reserves the item's slots together, or ends it: its client must come back later. */
  async function reserve(ticket: Ticket, need: number, run: Run): Promise<void> {
    const wait = await run.budget.reserve(ticket, need);
    if (wait > 0) throw new Stop(paced(run, wait));
  }

  /** Uses a slot for a request going out now, or ends the item (no slot, or no time left to answer). */
  async function spend(ticket: Ticket, run: Run): Promise<void> {
    if ((run.ctx.timeLeftMs?.() ?? Infinity) < MIN_CALL_MS) throw new Stop((run.stop = outOfTime('buildbetter')));
    const wait = await run.budget.spend(ticket, run.ctx.now());
    if (wait > 0) throw new Stop(paced(run, wait));
  }

  async function send(method: string, path: string, body: unknown, ticket: Ticket, run: Run): Promise<BuildBetterAnswer> {
    await spend(ticket, run);
    try {
      return await call(method, path, body, run.ctx);
    } catch (err) {
      if (!(err instanceof UnansweredError)) throw err;
      throw new Stop(report('unavailable', { reason: err.message }, run));
    }
  }

  /** Reports a failure by the shared policy (upstream-status.ts); all but a rate limit make the delivery unhealthy. */
  function report(kind: UpstreamFailure, details: FailureReport, run: Run): RetryOutcome {
    if (kind !== 'rateLimited') run.failed = true;
    return reportFailure(kind, details, { log: run.ctx.log, health, now: run.ctx.now() });
  }

  /** The one place an unexpected status becomes an outcome, by the shared policy. */
  async function outcomeOfStatus(answer: BuildBetterAnswer, run: Run, notFound: string): Promise<DeliveryOutcome> {
    const { status, message, retryAfterMs } = answer;
    const kind = failureOf(status);
    // A 429 pauses every instance that shares the budget, for as long as BuildBetter asked.
    if (kind === 'rateLimited') await run.budget.block(run.ctx.now(), retryAfterMs ?? UPSTREAM_FAILURES.rateLimited.retryAfterMs);
    const reason = {
      misconfigured: status === 404 ? `BuildBetter answered 404: ${notFound}` : `BuildBetter answered ${status}: check BUILDBETTER_API_KEY`,
      rateLimited: 'BuildBetter answered 429 (rate limited)',
      unavailable: `BuildBetter answered ${status}${message ? `: ${message}` : ''}`,
    }[kind];
    const reported = report(kind, { reason, retryAfterMs, error: `BuildBetter answered ${status}` }, run);
    const outcome: DeliveryOutcome = kind === 'rateLimited' ? { ...reported, paced: true } : reported;
    // A wrong key fails every request alike: send no more of this delivery.
    if (status === 401 || status === 403) run.stop = outcome;
    return outcome;
  }

  /**
   * A 400 or 422 that names nothing of the record, before BuildBetter has stored any record from
   * this process: no item's fault, so `retry`, `/healthz` failing, and one error line for the
   * delivery, which sends no more (every record would be refused alike).
   */
  function configurationFault({ status, message }: BuildBetterAnswer, run: Run): DeliveryOutcome {
    if (run.stop) return run.stop;
    const reason =
      `BuildBetter refused a record (${status}) naming none of its fields, before it has stored any record from this proxy: ` +
      `a configuration fault (check BUILDBETTER_SOURCE_ID) or a changed API${message ? `: ${message}` : ''}`;
    return (run.stop = report('misconfigured', { reason, error: `buildbetter is misconfigured (${status})` }, run));
  }

  /** The person of `plan`'s email, upserted when not cached; `undefined` when BuildBetter refused it (the email then goes on as a field). */
  async function upsertPerson(plan: PersonPlan, ticket: Ticket, run: Run): Promise<PersonId | undefined> {
    const answer = await send('PUT', '/v3/rest/people', personBody(plan.email, plan.name), ticket, run);
    const ok = answer.status >= 200 && answer.status < 300;
    if (ok && answer.id !== undefined) return answer.id;
    if (!ok && answer.status !== 400) throw new Stop(await outcomeOfStatus(answer, run, 'no /v3/rest/people endpoint: check BUILDBETTER_BASE_URL'));
    run.ctx.log.warn(`BuildBetter did not upsert a person (${answer.message ?? answer.status}); sending the email as a field`);
    return undefined;
  }

  /** Sends one record: `created`, `existed` (a duplicate, which is delivered), or why not. */
  async function sendRecord(plan: BuildBetterRecordPlan, ticket: Ticket, run: Run): Promise<'created' | 'existed' | DeliveryOutcome> {
    let body: object = plan.body;
    let personId: PersonId | undefined;
    if (plan.email !== undefined) {
      personId = await people.idFor(plan.email, () => upsertPerson(plan as PersonPlan, ticket, run), run.peopleStore);
      body = personId === undefined ? withoutPerson(plan) : { person_id: personId, ...plan.body };
    }
    const answer = await send('POST', recordsPath, body, ticket, run);
    const { status, message } = answer;
    if (status >= 200 && status < 300) {
      recordsWork = true;
      return 'created';
    }
    if (isDuplicate(answer)) return 'existed';
    // A 413 is about this record's size: one record goes per request.
    const refused = status === 413 || ((status === 400 || status === 422) && (recordsWork || namesRecord(answer, plan.body)));
    if (refused) {
      run.answered = true;
      return { status: 'rejected', error: `buildbetter rejected the record: ${message || `status ${status}`}` };
    }
    if (status === 400 || status === 422) return configurationFault(answer, run);
    if (status === 404 && personId !== undefined) await people.forget(plan.email!, run.peopleStore);
    return outcomeOfStatus(answer, run, `source ${sourceId} or person not found`);
  }

  /**
   * Sends `plan` unless it is stored; `stored` learns `words` for it once it is there. An
   * item's own record (`claim`) is first claimed for its words where instances share them.
   */
  async function ensure(plan: BuildBetterRecordPlan, words: string, ticket: Ticket, run: Run, claim = false): Promise<DeliveryOutcome | undefined> {
    if (stored.has(plan.externalId)) return undefined;
    const claims = claim ? run.wordClaims : undefined;
    await claims?.claim(plan.externalId, words);
    const sent = await sendRecord(plan, ticket, run);
    if (typeof sent === 'object') return sent;
    run.answered = true;
    const held = sent === 'created' ? words : ((await claims?.heldWords(plan.externalId, words)) ?? WORDS_UNKNOWN);
    setNewest(stored, plan.externalId, held, CACHE_MAX_ENTRIES);
    return undefined;
  }

  /**
   * Sends what of an item BuildBetter lacks: its record, then any new words as a follow-up
   * (BuildBetter has no update), then its parts. An item's record that was there already
   * holds words this process may not know: a score's comment (nps, csat) may come later, in
   * a re-send under the same id, so unknown words are sent as a follow-up; a feedback item's
   * words are its substance, sent with its record the first time.
   */
  async function deliverItem(item: Submission, run: Run): Promise<DeliveryOutcome> {
    if (run.stop) return run.stop;
    const ticket: Ticket = { client: run.client, at: run.ctx.now(), left: 0 };
    try {
      const [main, ...parts] = toRecords(item) as [BuildBetterRecordPlan, ...BuildBetterRecordPlan[]];
      const words = item.body?.trim() ? item.body : undefined;
      const wordsDigest = words === undefined ? '' : await digestHex(words);
      const missing = [main, ...parts].filter((p) => !stored.has(p.externalId));
      const emails = new Set(missing.flatMap((p) => (p.email === undefined ? [] : [p.email.toLowerCase()])));
      const known = await Promise.all([...emails].map((email) => people.known(email, run.peopleStore)));
      await reserve(ticket, missing.length + known.filter((isKnown) => !isKnown).length, run);

      const failed = await ensure(main, wordsDigest, ticket, run, true);
      if (failed) return failed;
      const held = stored.get(main.externalId);
      const wordsStored = held === wordsDigest || (held === WORDS_UNKNOWN && item.kind === 'feedback');
      const followUp = words === undefined || wordsStored ? [] : [followUpRecord(item, `${item.id}:words:${wordsDigest.slice(0, 32)}`)];
      for (const plan of [...followUp, ...parts]) {
        const outcome = await ensure(plan, '', ticket, run);
        if (outcome) return outcome;
      }
      return { status: 'delivered' };
    } catch (err) {
      if (err instanceof Stop) return err.outcome;
      if (isSharedStateError(err)) return (run.stop = sharedStateDown());
      return report('unavailable', { reason: `buildbetter: unexpected ${redact(String(err), [apiKey])}` }, run);
    } finally {
      await settleQuietly(run.budget.giveBack(ticket));
    }
  }

  /**
   * The shared store is not answering: nothing is sent, since alone this instance could
   * overspend the budget (the store logs when it goes and comes back).
   */
  const sharedStateDown = (): DeliveryOutcome => retry('buildbetter: the shared budget cannot be read, try again later', SHARED_STATE_RETRY_MS);

  return {
    name: 'buildbetter',
    secrets: [apiKey],
    requestsPerMinute: limit,
    queueName: async () => `buildbetter-${(await digestHex('buildbetter queue', apiKey, sourceId)).slice(0, 16)}`,
    health: () => health.get(),
    async deliver(items: readonly Submission[], ctx: DeliveryContext) {
      const run: Run = { ctx, client: ctx.client ?? '', failed: false, answered: false, ...(await sharesOf(ctx)) };
      const outcomes = new Map<string, DeliveryOutcome>();
      let next = 0;
      const worker = async () => {
        while (next < items.length) {
          const item = items[next++]!;
          outcomes.set(item.id, await deliverItem(item, run));
        }
      };
      try {
        await run.budget.begin(run.client, ctx.now());
        await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
      } catch (err) {
        if (!isSharedStateError(err)) throw err;
        return everyItem(items.map((item) => item.id), sharedStateDown());
      } finally {
        await settleQuietly(run.budget.end(run.client, ctx.now(), run.comeBackInMs));
      }
      if (run.answered && !run.failed) health.ok(ctx.now());
      return new Map(items.map((item) => [item.id, outcomes.get(item.id)!]));
    },
  };
}

/**
 * The BuildBetter destination: one record per request to `POST /v3/rest/feedback-sources/{id}/records`,
 * people upserted (and cached) first, everything paced to a sliding window per API key.
 */
import type { Submission } from '../schema/submission.js';
import { type BuildBetterRecordPlan, splitName, toRecords, withoutPerson } from './buildbetter-map.js';
import {
  type DeliveryContext,
  type Destination,
  HealthTracker,
  type Outcome,
  type UpstreamFetch,
  retry,
  unreachable,
  upstreamFetch,
  withTimeout,
} from './destination.js';
import { checkBaseUrl } from './config-values.js';
import { ConfigError } from './errors.js';
import { redact } from './log.js';
import { parseRetryAfter } from './retry-after.js';
import { SlidingWindow } from './sliding-window.js';
import { readJson, upstreamMessage } from './upstream-message.js';

export interface BuildBetterOptions {
  apiKey: string;
  /** Feedback source id; or give sourceName to create one once. */
  sourceId?: string | number;
  sourceName?: string;
  /** @default 'https://api.buildbetter.app' */
  baseUrl?: string;
  /** Requests allowed in any rolling 60 s window per key (upstream allows 100). @default 90 */
  requestsPerMinute?: number;
  /** Per upstream request. @default 10_000 */
  timeoutMs?: number;
  /** Injected for tests and for the local (capturing) mode. @default the proxy's transport */
  fetch?: UpstreamFetch;
}

const WINDOW_MS = 60_000;
const CONCURRENCY = 4;
const CACHE_MAX_ENTRIES = 10_000;
const TRANSIENT_RETRY_MS = 10_000;
const RATE_LIMIT_RETRY_MS = 60_000;
/** After a 401/403 or a missing source a human must act: no point coming back soon. */
const CONFIG_RETRY_MS = 5 * 60_000;
const DELIVERED: Outcome = { status: 'delivered' };

/** Ends the current item (or delivery) with an outcome; never leaves this module. */
class Stop extends Error {
  override name = 'Stop' as const;
  constructor(readonly outcome: Outcome) {
    super('stop');
  }
}

interface Answer {
  status: number;
  /** The `id` of a created source or upserted person. */
  id?: number | string;
  /** The upstream's JSON `error`/`message` of a failure, short and without the key. */
  message?: string;
  retryAfter: string | null;
}
type PersonPlan = BuildBetterRecordPlan & { email: string };
/** Slots an item reserved in the pacer at `at`; `left` of them are not used yet. */
interface Ticket {
  at: number;
  left: number;
}
/** What one `deliver` call learnt, for health and for stopping early. */
interface Run {
  ctx: DeliveryContext;
  stop?: Outcome;
  failed: boolean;
  answered: boolean;
}

/** Creates the BuildBetter destination. The key stays in this closure; nothing echoes it. */
export function buildbetter(options: BuildBetterOptions): Destination {
  const { apiKey, sourceName } = options;
  if (!apiKey) throw new ConfigError('buildbetter needs apiKey (BUILDBETTER_API_KEY)');
  const givenId = options.sourceId === '' ? undefined : options.sourceId;
  if (givenId === undefined && !sourceName)
    throw new ConfigError('buildbetter needs sourceId (BUILDBETTER_SOURCE_ID) or sourceName (BUILDBETTER_SOURCE_NAME)');
  const limit = options.requestsPerMinute ?? 90;
  if (!Number.isInteger(limit) || limit < 1)
    throw new ConfigError('buildbetter requestsPerMinute must be a positive integer');
  const base = checkBaseUrl(options.baseUrl ?? 'https://api.buildbetter.app', "BUILDBETTER_BASE_URL (buildbetter's baseUrl)");
  const timeoutMs = options.timeoutMs ?? 10_000;
  const headers = { 'x-buildbetter-api-key': apiKey, 'content-type': 'application/json' };
  const health = new HealthTracker('buildbetter');
  const pacer = new SlidingWindow(limit, WINDOW_MS);
  /** Lower-cased email → person id; `undefined` when BuildBetter refused the person. */
  const people = new Map<string, Promise<number | string | undefined>>();
  /** `${sourceId} ${externalId}` of records stored, so a retried item re-sends only what is missing. */
  const delivered = new Map<string, true>();
  let source: Promise<string> | undefined = givenId === undefined ? undefined : Promise.resolve(String(givenId));

  const paced = (wait: number): Outcome =>
    retry(`buildbetter: over ${limit} requests a minute, try again later`, Math.max(1, Math.ceil(wait)));

  /** Uses one of the ticket's slots for a request going out now, or ends the delivery's sending. */
  function spend(ticket: Ticket, run: Run): void {
    const now = run.ctx.now();
    const blocked = pacer.blockedMs(now);
    let wait = blocked;
    if (!blocked && ticket.left > 0) {
      ticket.left--;
      if (pacer.restamp(ticket.at, now)) return;
    }
    wait ||= pacer.take(1, now);
    if (wait > 0) throw new Stop((run.stop = paced(wait)));
  }

  async function call(method: string, path: string, body: unknown, ticket: Ticket, run: Run): Promise<Answer> {
    spend(ticket, run);
    try {
      const res = await upstreamFetch(options.fetch, run.ctx)(
        base + path,
        withTimeout({ method, headers, body: JSON.stringify(body) }, timeoutMs),
      );
      const { id } = ((res.ok && (await res.json().catch(() => null))) || {}) as { id?: unknown };
      const message = res.ok ? undefined : upstreamMessage(await readJson(res), [apiKey]);
      return {
        status: res.status,
        ...((typeof id === 'number' || (typeof id === 'string' && id)) && { id }),
        ...(message && { message }),
        retryAfter: res.headers.get('retry-after'),
      };
    } catch (err) {
      throw new Stop(fail(unreachable('BuildBetter', err, timeoutMs), run, 'warn', TRANSIENT_RETRY_MS));
    }
  }

  function fail(reason: string, run: Run, level: 'warn' | 'error', retryAfterMs: number): Outcome {
    run.ctx.log[level](reason);
    health.failing(reason, run.ctx.now());
    run.failed = true;
    return retry(reason, retryAfterMs);
  }

  /** The one place an unexpected upstream status becomes an outcome. */
  function failure(answer: Answer, run: Run, notFound: string): Outcome {
    const { status } = answer;
    const after = parseRetryAfter(answer.retryAfter, run.ctx.now());
    if (status === 429) {
      const ms = after ?? RATE_LIMIT_RETRY_MS;
      pacer.blockUntil(run.ctx.now() + ms);
      run.ctx.log.warn(`BuildBetter answered 429: sending nothing for ${Math.ceil(ms / 1000)} s`);
      return retry('BuildBetter answered 429 (rate limited)', ms);
    }
    if (status === 401 || status === 403) {
      const reason = `BuildBetter answered ${status}: check BUILDBETTER_API_KEY`;
      return (run.stop = fail(reason, run, 'error', after ?? CONFIG_RETRY_MS));
    }
    if (status === 404) return fail(`BuildBetter answered 404: ${notFound}`, run, 'error', after ?? TRANSIENT_RETRY_MS);
    if (answer.message) run.ctx.log.warn(`BuildBetter answered ${status}: ${answer.message}`);
    return fail(`BuildBetter answered ${status}`, run, 'warn', after ?? TRANSIENT_RETRY_MS);
  }

  async function createSource(name: string, run: Run): Promise<string> {
    const answer = await call('POST', '/v3/rest/feedback-sources', { name, type: 'api' }, { at: 0, left: 0 }, run);
    const { id, status } = answer;
    if (status >= 200 && status < 300 && id !== undefined) {
      run.ctx.log.warn(
        `created BuildBetter source "${name}" with id ${id}; set BUILDBETTER_SOURCE_ID=${id} so a restart reuses it`,
      );
      return String(id);
    }
    if ([401, 403, 429].includes(status) || status >= 500) throw new Stop(failure(answer, run, ''));
    const why = `${status}${status < 300 ? ' without an id' : ''}: ${answer.message ?? 'no reason given'}`;
    throw new Stop(fail(`BuildBetter did not create source "${name}": ${why}`, run, 'error', CONFIG_RETRY_MS));
  }

  function resolveSource(run: Run): Promise<string> {
    if (source) return source;
    const created = createSource(sourceName!, run);
    source = created;
    // Forget a failed attempt so the next delivery tries again.
    created.catch(() => source === created && (source = undefined));
    return created;
  }

  function person(plan: PersonPlan, ticket: Ticket, run: Run) {
    const key = plan.email.toLowerCase();
    const cached = people.get(key);
    if (cached) return remember(people, key, cached);
    const upsert = upsertPerson(plan, ticket, run);
    remember(people, key, upsert);
    const forget = () => people.get(key) === upsert && people.delete(key);
    upsert.then((id) => id === undefined && forget(), forget);
    return upsert;
  }

  async function upsertPerson(plan: PersonPlan, ticket: Ticket, run: Run) {
    const names = plan.name ? splitName(plan.name) : undefined;
    const body = {
      email: plan.email,
      ...(names?.first_name && { first_name: names.first_name }),
      ...(names?.last_name && { last_name: names.last_name }),
    };
    const answer = await call('PUT', '/v3/rest/people', body, ticket, run);
    const ok = answer.status >= 200 && answer.status < 300;
    if (ok && answer.id !== undefined) return answer.id;
    if (!ok && answer.status !== 400)
      throw new Stop(failure(answer, run, 'no /v3/rest/people endpoint: check BUILDBETTER_BASE_URL'));
    // Keep the feedback even when its person cannot be stored: the email goes on as a field.
    run.ctx.log.warn(
      `BuildBetter did not upsert a person (${answer.message ?? answer.status}); sending the email as a field`,
    );
    return undefined;
  }

  async function sendRecord(plan: BuildBetterRecordPlan, sourceId: string, ticket: Ticket, run: Run): Promise<Outcome> {
    let body: object = plan.body;
    let personId: number | string | undefined;
    if (plan.email !== undefined) {
      personId = await person(plan as PersonPlan, ticket, run);
      body = personId === undefined ? withoutPerson(plan) : { person_id: personId, ...plan.body };
    }
    const path = `/v3/rest/feedback-sources/${encodeURIComponent(sourceId)}/records`;
    const answer = await call('POST', path, body, ticket, run);
    const { status, message = '' } = answer;
    // The reference names the duplicate error but gives it no status: recognise either.
    const duplicate =
      status === 409 ||
      (status >= 400 && status < 500 && /duplicate/i.test(message) && /external[_ ]?id/i.test(message));
    if ((status >= 200 && status < 300) || duplicate) {
      run.answered = true;
      remember(delivered, `${sourceId} ${plan.externalId}`, true);
      return DELIVERED;
    }
    if (status === 400 || status === 413 || status === 422) {
      run.answered = true;
      return { status: 'rejected', error: `buildbetter rejected the record: ${message || `status ${status}`}` };
    }
    if (status === 404 && plan.email !== undefined && personId !== undefined) people.delete(plan.email.toLowerCase());
    return failure(answer, run, `source ${sourceId} or person not found`);
  }

  async function deliverItem(item: Submission, sourceId: string, run: Run): Promise<Outcome> {
    if (run.stop) return run.stop;
    const ticket: Ticket = { at: run.ctx.now(), left: 0 };
    try {
      const plans = toRecords(item).filter((p) => !delivered.has(`${sourceId} ${p.externalId}`));
      const emails = new Set(plans.flatMap((p) => (p.email === undefined ? [] : [p.email.toLowerCase()])));
      const need = plans.length + [...emails].filter((e) => !people.has(e)).length;
      // Person and record slots are taken together, so pacing never leaves an item half-sent;
      // only an item too big for one window (many parts) goes request by request.
      if (need > 0 && need <= limit) {
        const wait = pacer.take(need, ticket.at);
        if (wait > 0) return (run.stop = paced(wait));
        ticket.left = need;
      }
      for (const plan of plans) {
        const outcome = await sendRecord(plan, sourceId, ticket, run);
        if (outcome.status !== 'delivered') return outcome;
      }
      return DELIVERED;
    } catch (err) {
      if (err instanceof Stop) return err.outcome;
      return fail(`buildbetter: unexpected ${redact(String(err), [apiKey])}`, run, 'error', TRANSIENT_RETRY_MS);
    } finally {
      pacer.release(ticket.left, ticket.at);
    }
  }

  return {
    name: 'buildbetter',
    secrets: [apiKey],
    health: () => health.get(),
    async deliver(items: readonly Submission[], ctx: DeliveryContext) {
      const run: Run = { ctx, failed: false, answered: false };
      let sourceId: string;
      try {
        sourceId = await resolveSource(run);
      } catch (err) {
        const outcome =
          err instanceof Stop ? err.outcome : retry('buildbetter: no feedback source', TRANSIENT_RETRY_MS);
        return new Map(items.map((item) => [item.id, outcome]));
      }
      const outcomes = new Map<string, Outcome>();
      let next = 0;
      const worker = async () => {
        while (next < items.length) {
          const item = items[next++]!;
          outcomes.set(item.id, await deliverItem(item, sourceId, run));
        }
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
      if (run.answered && !run.failed) health.ok(ctx.now());
      return new Map(items.map((item) => [item.id, outcomes.get(item.id)!]));
    },
  };
}

/** Sets `key` as the newest entry, dropping the oldest past the bound; returns `value`. */
function remember<K, V>(map: Map<K, V>, key: K, value: V): V {
  map.delete(key);
  map.set(key, value);
  if (map.size > CACHE_MAX_ENTRIES) map.delete(map.keys().next().value as K);
  return value;
}

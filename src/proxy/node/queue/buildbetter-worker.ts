/**
 * The worker that drains BuildBetter's queue: each job is one item, delivered by the same
 * `buildbetter` destination the direct path uses, at the budget every instance shares. What
 * each outcome does to the job:
 * - delivered: done (kept a day, so a re-send adds nothing);
 * - the budget is spent, or BuildBetter answered 429: every worker of the queue pauses until
 *   the budget has room again (`queue.rateLimit`), and the job goes back unharmed;
 * - another failure (5xx, network, a misconfiguration): tried again later, with backoff;
 * - rejected (BuildBetter refused the record), or still not delivered after 7 days: a dead
 *   letter, kept with its reason in the queue's failed set.
 * A worker killed mid-job loses nothing: BullMQ hands a job whose lock expired to another
 * worker, and BuildBetter's `external_id` answers a record sent twice as a duplicate.
 */
import { type Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { BuildBetterDestination } from '../../buildbetter.js';
import type { UpstreamFetch } from '../../destination.js';
import type { Logger } from '../../log.js';
import type { SharedState } from '../../shared-state.js';
import { QUEUE_PREFIX, type QueuedItem } from './buildbetter-queue.js';

/** Jobs sent at once per worker, as the direct path sends four items of a batch at once. */
const CONCURRENCY = 4;
/** An item not delivered within this time becomes a dead letter, as it would have expired in the browser. */
const MAX_AGE_MS = 7 * 24 * 60 * 60_000;
/** Backoff between failed attempts: doubling from 10 s, at most 30 min apart. */
const FIRST_BACKOFF_MS = 10_000;
const MAX_BACKOFF_MS = 30 * 60_000;
/**
 * How long closing waits for the jobs under way. One cut short loses nothing: its lock lapses
 * and another worker takes it, and a record sent twice is answered as a duplicate.
 */
const CLOSE_WAIT_MS = 10_000;
/** The fair budget's name for the queue's deliveries: one client, the queue itself. */
const QUEUE_CLIENT = 'earful-queue';

/** A failed attempt, with how long the destination asked to wait. */
class AttemptFailed extends Error {
  override name = 'AttemptFailed' as const;
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** The wait before attempt `attemptsMade + 1`: what the destination asked, or the doubling backoff. */
function backoffMs(attemptsMade: number, err?: Error): number {
  const doubling = Math.min(FIRST_BACKOFF_MS * 2 ** Math.max(0, attemptsMade - 1), MAX_BACKOFF_MS);
  return Math.max(doubling, (err as AttemptFailed | undefined)?.retryAfterMs ?? 0);
}

interface WorkerOptions {
  destination: BuildBetterDestination;
  /** A connection that waits for Redis (BullMQ's workers block on it). */
  connection: Redis;
  shared: SharedState;
  log: Logger;
  fetch?: UpstreamFetch;
  now?: () => number;
}

export interface RunningWorker {
  /** Finishes the jobs under way (for at most `CLOSE_WAIT_MS`), then stops. */
  close(): Promise<void>;
}

/** Whether `work` settled within `ms`. */
function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const settled = work.then(
    () => true,
    () => true,
  );
  return Promise.race([settled, late]).finally(() => clearTimeout(timer));
}

export async function startBuildBetterWorker({ destination, connection, shared, log, fetch, now = Date.now }: WorkerOptions): Promise<RunningWorker> {
  const name = await destination.queueName();
  const queue = new Queue<QueuedItem>(name, { connection, prefix: QUEUE_PREFIX });
  queue.on('error', () => {});

  async function deliver(job: Job<QueuedItem>): Promise<void> {
    const { item } = job.data;
    const outcomes = await destination.deliver([item], { now, log, fetch, client: QUEUE_CLIENT, shared });
    const outcome = outcomes.get(item.id) ?? { status: 'retry', error: 'no outcome' };
    if (outcome.status === 'delivered' || outcome.status === 'accepted') return;
    if (outcome.status === 'rejected') throw new UnrecoverableError(outcome.error);
    if (now() - job.timestamp > MAX_AGE_MS) throw new UnrecoverableError(`not delivered within 7 days: ${outcome.error}`);
    if (outcome.paced) {
      await queue.rateLimit(outcome.retryAfterMs ?? 1_000);
      throw Worker.RateLimitError();
    }
    throw new AttemptFailed(outcome.error, outcome.retryAfterMs);
  }

  const worker = new Worker<QueuedItem>(name, deliver, {
    connection,
    prefix: QUEUE_PREFIX,
    concurrency: CONCURRENCY,
    // BullMQ honours a pause set with queue.rateLimit() only for a worker with a limiter: this
    // one never binds (the shared budget does the pacing), it only turns that pause on.
    limiter: { max: 1_000_000, duration: 1_000 },
    // A job whose worker died goes back to waiting; only one that has killed three is given up.
    maxStalledCount: 3,
    settings: { backoffStrategy: (attemptsMade, _type, err) => backoffMs(attemptsMade, err) },
  });
  worker.on('error', () => {});
  worker.on('failed', (job, err) => {
    if (job && (err instanceof UnrecoverableError || job.finishedOn)) log.warn(`buildbetter: item ${job.data.item.id} is a dead letter: ${err.message}`);
  });
  return {
    async close() {
      // With Redis away no job under way can be settled, and BullMQ's graceful close waits for
      // a connection that may never come (the bin would hang on SIGTERM): close at once then.
      const closing = worker.close(connection.status !== 'ready');
      if (!(await settlesWithin(closing, CLOSE_WAIT_MS))) {
        log.warn(`buildbetter: the queue's worker had not stopped ${CLOSE_WAIT_MS / 1000} s after it was asked; its jobs go back to the queue`);
        await settlesWithin(worker.disconnect(), CLOSE_WAIT_MS);
      }
      await settlesWithin(queue.close(), CLOSE_WAIT_MS);
    },
  };
}

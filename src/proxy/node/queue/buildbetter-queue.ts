/**
 * BuildBetter behind a durable queue (`EARFUL_QUEUE=buildbetter`): the proxy answers
 * `accepted` once an item is a BullMQ job in Redis, and workers (`buildbetter-worker.ts`)
 * deliver it at the shared pace. At 90 records a minute a burst of answers takes hours to
 * deliver; queued here, the words no longer wait in browsers that may never come back.
 */
import { type JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Submission } from '../../../schema/submission.js';
import type { BuildBetterDestination } from '../../buildbetter.js';
import { digestHex } from '../../derived-id.js';
import { type Backlog, type Destination, everyItem, retry } from '../../destination.js';
import { SHARED_STATE_RETRY_MS } from '../../shared-state.js';

/** Every queue's keys start with this (`earful:queue:<name>:…`). */
export const QUEUE_PREFIX = 'earful:queue';
/** Items the queue holds at most by default; past it new items are `retry`, never dropped. */
const DEFAULT_MAX_QUEUED = 100_000;
/** How soon a client turned away by a full queue comes back. */
const FULL_RETRY_MS = 60_000;
const DAY_S = 24 * 60 * 60;

/** What a job carries: the item as the proxy accepted it. */
export interface QueuedItem {
  item: Submission;
}

/**
 * Each job's options. A delivered item's job is kept a day, so that a client re-sending it
 * (its answer lost on the way) adds nothing; a dead letter is kept 30 days, with its reason.
 * The attempts are many: an item is given up after 7 days (`buildbetter-worker.ts`), not
 * after a count of failures.
 */
const JOB_OPTIONS: JobsOptions = {
  attempts: 100_000,
  backoff: { type: 'earful' },
  removeOnComplete: { age: DAY_S, count: 100_000 },
  removeOnFail: { age: 30 * DAY_S },
};

/**
 * The job's id: a digest of the whole item, so that a re-send is one job, and a re-send that
 * brings more (an NPS comment after its score, under the same item id) is a job of its own.
 * The item id alone would fold that comment into a job that may already be done.
 */
const jobIdOf = async (item: Submission) => digestHex('earful job', JSON.stringify(item));

const BACKLOG_STATES = ['waiting', 'active', 'delayed', 'prioritized'] as const;

export interface QueuedBuildBetter extends Destination {
  /** Stops using the queue (the connection is the caller's). */
  close(): Promise<void>;
}

/**
 * `buildbetter` with its records queued in Redis: `deliver` answers `accepted` per item once
 * its job is stored, `retry` when the queue is full or Redis does not answer.
 */
export async function queuedBuildBetter(inner: BuildBetterDestination, connection: Redis, maxQueued = DEFAULT_MAX_QUEUED): Promise<QueuedBuildBetter> {
  const queue = new Queue<QueuedItem>(await inner.queueName(), { connection, prefix: QUEUE_PREFIX, defaultJobOptions: JOB_OPTIONS });
  // Errors reach the callers of each command; the connection logs when Redis goes and comes back.
  queue.on('error', () => {});
  /**
   * `work` on the queue, failing fast as the connection does: BullMQ waits for a connection
   * that was never ready instead of failing, so a connection not ready is not waited for.
   */
  const promptly = <T>(work: () => Promise<T>): Promise<T> =>
    connection.status === 'ready' ? work() : Promise.reject(new Error(`Redis is ${connection.status}`));
  const idsOf = (items: readonly Submission[]) => items.map((item) => item.id);

  return {
    name: inner.name,
    secrets: inner.secrets,
    health: () => inner.health(),
    async backlog(): Promise<Backlog> {
      const counts = await promptly(() => queue.getJobCounts(...BACKLOG_STATES, 'failed'));
      const queued = BACKLOG_STATES.reduce((sum, state) => sum + (counts[state] ?? 0), 0);
      // One request an item at the destination's pace; people met for the first time and follow-ups add to it.
      return { queued, deadLetters: counts.failed ?? 0, drainsInSeconds: Math.ceil((queued * 60) / inner.requestsPerMinute) };
    },
    async deliver(items) {
      try {
        const queued = await promptly(() => queue.getJobCountByTypes(...BACKLOG_STATES));
        if (queued + items.length > maxQueued)
          return everyItem(idsOf(items), retry(`buildbetter: the queue is full (${maxQueued} items), try again later`, FULL_RETRY_MS));
        const jobs = await Promise.all(items.map(async (item) => ({ name: 'record', data: { item }, opts: { jobId: await jobIdOf(item) } })));
        await promptly(() => queue.addBulk(jobs));
        return everyItem(idsOf(items), { status: 'accepted' });
      } catch {
        return everyItem(idsOf(items), retry('buildbetter: the queue cannot be reached, try again later', SHARED_STATE_RETRY_MS));
      }
    },
    close: () => queue.close(),
  };
}

/**
 * Submitting: a submission is checked, stamped and written to the outbox before any network,
 * and the answer says where it stands: `delivered` (or `accepted`, by a proxy with a queue)
 * when the proxy confirmed within `deliveredWaitMs`; `queued` once it is durable, with the
 * problem of the attempt that included it when that attempt ended in time; `failed` when it
 * could not even be stored, or the proxy refused it for good within the wait (with the `path`
 * of the field it named).
 */
import { findSubmissionIssue } from '../schema/check-submission.js';
import { type SubmissionIssue, issueText } from '../schema/messages.js';
import type { Submission, SubmissionUser } from '../schema/submission.js';
import type { Emitter } from './events.js';
import type { Flusher } from './flusher.js';
import { type Caps, enqueue } from './outbox/enqueue.js';
import { type FollowUpState, followUp } from './outbox/follow-up.js';
import type { OutboxRecord } from './outbox/record.js';
import { type SubmissionInput, stamp } from './stamp.js';
import type { OutboxStorage } from './storage.js';
import type { Tx } from './store.js';
import type { TabRecords } from './tab-records.js';
import type { ClientEvents, DeliveryProblem, Durability, SubmitResult } from './types.js';

/** The same words submitted again within this long (a double click) are one submission. */
const DOUBLE_SUBMIT_MS = 5_000;

export interface SubmitterOptions {
  storage: OutboxStorage;
  flusher: Flusher;
  records: TabRecords;
  events: Emitter<ClientEvents>;
  caps: Caps;
  now: () => number;
  /** How long a submit waits for the proxy before answering `queued`. */
  deliveredWaitMs: number;
  /** The identified user, as of now. */
  user: () => SubmissionUser | undefined;
  /** Without a user id, take the Amplitude Browser SDK's. @default true */
  amplitudeUserId?: boolean;
  /** Tells the origin's other tabs there is something to send. */
  wakeOtherTabs: () => void;
}

/** What a submission says, without what makes each submission unique. */
function wordsOf(submission: Submission): string {
  const { id: _id, createdAt: _createdAt, ...words } = submission;
  return JSON.stringify(words);
}

export function createSubmitter(options: SubmitterOptions) {
  const { storage, flusher, records, events, caps, now } = options;
  /** By words: when they were last submitted without an id, and what that submit answered. */
  const recent = new Map<string, { at: number; result: Promise<SubmitResult> }>();

  /**
   * Flushes, and waits until `deliveredWaitMs` after `started` for the attempt that includes
   * `id`: delivered, or queued with that attempt's problem, or queued when none ended in time.
   */
  async function answer(id: string, durability: Durability, started: number): Promise<SubmitResult> {
    const queued = (problem: DeliveryProblem | undefined): SubmitResult =>
      problem ? { id, status: 'queued', durability, problem } : { id, status: 'queued', durability };
    const stops: (() => void)[] = [];
    const result = await new Promise<SubmitResult>((resolve) => {
      stops.push(
        events.on('delivered', (event) => {
          if (event.id === id) resolve({ id, status: 'delivered' });
        }),
        events.on('accepted', (event) => {
          if (event.id === id) resolve({ id, status: 'accepted' });
        }),
        // Refused for good (invalid): the caller hears it now, not "saved", and the form can point at the field.
        events.on('rejected', (event) => {
          if (event.id === id) resolve({ id, status: 'failed', error: event.error, path: event.path });
        }),
        events.on('retrying', (event) => {
          if (event.ids.includes(id)) resolve(queued(event.problem));
        }),
      );
      const timer = setTimeout(() => resolve(queued(undefined)), options.deliveredWaitMs - (now() - started));
      stops.push(() => clearTimeout(timer));
      // The run ended without a word on it: the queue is paused (then say why, if this tab knows),
      // another tab holds the lock, or it was not due.
      void flusher.flush().then(() => resolve(queued(flusher.pausedFor())));
    });
    for (const stop of stops) stop();
    return result;
  }

  /** Writes to the outbox, then answers: `failed` if it could not, else `queued` or `delivered`. */
  async function write(id: string, change: (tx: Tx) => Promise<OutboxRecord | FollowUpState>, wait: boolean, started = now()): Promise<SubmitResult> {
    let written: OutboxRecord | FollowUpState;
    try {
      // Strict: `queued` means on disk, not in a buffer an OS crash could lose.
      written = await storage.transact('readwrite', change, true);
    } catch (err) {
      const error = String(err);
      events.emit('error', { error });
      return { id, status: 'failed', error };
    }
    const durability = storage.durability!;
    if ('status' in written) return written.status === 'queued' ? { id, status: 'queued', durability } : { id, ...written };
    records.wrote(written);
    events.emit('queued', { id, durability });
    options.wakeOtherTabs();
    if (wait) return answer(id, durability, started);
    // Held (an NPS score awaiting its comment): a run now sets the timer for when the hold ends.
    void flusher.flush();
    return { id, status: 'queued', durability };
  }

  function submit(input: SubmissionInput, { holdMs }: { holdMs?: number } = {}): Promise<SubmitResult> {
    const started = now();
    const submission = stamp(input, options.user(), started, options.amplitudeUserId);
    const { id } = submission;
    const invalid = findSubmissionIssue(submission);
    if (invalid) return Promise.resolve(refused(id, invalid));
    // A double click sends the same form twice: the same words within seconds are one submission.
    const words = input.id === undefined ? wordsOf(submission) : undefined;
    for (const [key, { at }] of recent) if (started - at > DOUBLE_SUBMIT_MS) recent.delete(key);
    const twin = words === undefined ? undefined : recent.get(words);
    if (twin) return twin.result;
    // The same id again (a changed NPS score, an app re-sending): one record, in its place.
    const replacing = input.id === undefined ? undefined : records.latest(id);
    const result = write(id, (tx) => enqueue(tx, submission, now(), caps, { holdMs, replacing }), !holdMs, started);
    if (words !== undefined) {
      recent.set(words, { at: started, result });
      // A failed answer took nothing in: the same words again are a retry, not a double click.
      void result.then(({ status }) => {
        if (status === 'failed' && recent.get(words)?.result === result) recent.delete(words);
      });
    }
    return result;
  }

  /**
   * Ends the follow-up of the score `id` (see `outbox/follow-up.ts`). One that fails (a comment
   * the check refuses, a write that fails) leaves the score held, so it may be tried again.
   */
  async function followUpScore(id: string, comment?: string): Promise<SubmitResult> {
    const base = records.held(id);
    const invalid = comment && base ? findSubmissionIssue({ ...base.submission, body: comment }) : undefined;
    if (invalid) return refused(id, invalid);
    const result = await write(id, (tx) => followUp(tx, { id, base, comment: comment || undefined, now: now(), caps, sending: flusher.sending }), true);
    if (result.status !== 'failed') records.endFollowUp(id);
    return result;
  }

  return { submit, followUp: followUpScore };
}

export type Submitter = ReturnType<typeof createSubmitter>;

/** The answer to a submission the check refused: the wire's words, and the field they name. */
function refused(id: string, issue: SubmissionIssue): SubmitResult {
  return { id, status: 'failed', error: issueText(issue), path: issue.path };
}

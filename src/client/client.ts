/**
 * `createClient`: the headless half of the widget. `submit()` writes to the outbox before any
 * network and answers honestly (`delivered` or `accepted`, `queued` once durable, or `failed`); the flusher
 * delivers later, through reloads, closed tabs, several tabs and flaky networks. This file only
 * wires the parts together:
 *
 * - `storage.ts`: where the outbox lives (IndexedDB, else memory);
 * - `submit.ts`: submit, follow-up, and their answers;
 * - `flusher.ts`: when delivery runs, and the run itself (`delivery.ts`, `beacon.ts`);
 * - `outbox/`: the outbox's rules, one transaction at a time;
 * - `tab-records.ts`: the records this tab holds;
 * - `lifecycle.ts`: the page events that trigger delivery;
 * - `remember.ts`: the widget's own small state.
 */
import { createEmitter } from './events.js';
import { type Flusher, createFlusher } from './flusher.js';
import { lookOnLoad, watchPage } from './lifecycle.js';
import type { DeadLetter } from './outbox/dead-letters.js';
import { readableRecords } from './outbox/record.js';
import * as policy from './policy.js';
import { createRemember } from './remember.js';
import { createOutboxStorage } from './storage.js';
import { type Submitter, createSubmitter } from './submit.js';
import { createTabRecords } from './tab-records.js';
import type { Client, ClientEvents, ClientOptions } from './types.js';

export type { SubmissionInput } from './stamp.js';
export type { Client, ClientEvents, ClientOptions, DeliveryProblem, Durability, Locks, SubmitResult } from './types.js';

/**
 * @example
 * const client = createClient({ endpoint: '/v1/feedback' });
 * client.identify({ id: 'user-123' });
 * const { status } = await client.submit({ kind: 'feedback', body: 'Search is broken on mobile' });
 */
export function createClient(options: ClientOptions): Client {
  const now = options.now ?? Date.now;
  const dbName = options.dbName ?? 'earful';
  const events = createEmitter<ClientEvents>();
  const records = createTabRecords();
  const storage = createOutboxStorage({ dbName, indexedDB: options.indexedDB, emit: events.emit });
  let user = options.user;
  const listening = new AbortController();
  const win = globalThis.window as Window | undefined;
  const watching = win && options.autoFlush !== false;
  let channel: ClientOptions['channel'] | undefined;

  /**
   * Delivery and submitting, with the page's events and the other tabs' wake-ups that trigger
   * it, made the first time something is sent or found waiting: a page whose visitor never sends
   * anything, and has no outbox from an earlier visit, never makes them (bench/README.md,
   * page-load). Such a tab has nothing of its own to send.
   */
  let parts: { flusher: Flusher; submitter: Submitter } | undefined;
  function sending() {
    if (parts) return parts;
    // The client's options (endpoint, seams, timeouts), and what the client made.
    const flusher = createFlusher({ ...options, transact: storage.transact, records, emit: events.emit, lockName: `earful-flush:${dbName}`, now });
    // Made after destroy() (a submit on a destroyed client): it answers from the outbox and sends nothing.
    if (listening.signal.aborted) flusher.stop();
    // The origin's other tabs: a submission here wakes their flushers, and theirs wakes this one.
    else channel = options.channel ?? (globalThis.BroadcastChannel && new BroadcastChannel(`earful:${dbName}`));
    if (channel) channel.onmessage = () => void flusher.flush();
    const submitter = createSubmitter({
      storage,
      flusher,
      records,
      events,
      caps: { maxItems: options.maxQueueItems ?? policy.MAX_QUEUE_ITEMS, maxBytes: options.maxQueueBytes ?? policy.MAX_QUEUE_BYTES },
      now,
      deliveredWaitMs: options.deliveredWaitMs ?? policy.DELIVERED_WAIT_MS,
      user: () => user,
      amplitudeUserId: options.amplitudeUserId,
      wakeOtherTabs: () => channel?.postMessage('wake'),
    });
    if (watching) watchPage(win, { flusher, random: options.random ?? Math.random, signal: listening.signal });
    parts = { flusher, submitter };
    return parts;
  }

  if (watching) lookOnLoad(win, { dbName, indexedDB: options.indexedDB, deliver: () => void sending().flusher.flush(), signal: listening.signal });

  return {
    submit: (input, submitOptions) => sending().submitter.submit(input, submitOptions),
    followUp: (id, comment) => sending().submitter.followUp(id, comment),
    flush: async () => {
      await sending().flusher.flush({ force: true });
    },
    identify(next) {
      user = next ?? undefined;
    },
    get user() {
      return user;
    },
    on: events.on,
    pending: () => storage.transact('readonly', async (tx) => readableRecords((await tx.rows('queue')).map(([, value]) => value))),
    deadLetters: () => storage.transact('readonly', async (tx) => (await tx.rows('dead')).map(([, value]) => value as DeadLetter)),
    remember: createRemember(storage),
    get durability() {
      return storage.durability;
    },
    destroy() {
      parts?.flusher.stop();
      listening.abort();
      if (channel) channel.onmessage = null;
      if (!options.channel) channel?.close();
      storage.close();
    },
  };
}

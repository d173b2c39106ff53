/**
 * `createClient`: the headless half of the widget. `submit()` writes to the outbox before any
 * network and answers honestly (`delivered`, `queued` once durable, or `failed`); the flusher
 * delivers later, through reloads, closed tabs, several tabs and flaky networks.
 */
import { checkSubmission } from '../schema/check-submission.js';
import type { SubmissionUser } from '../schema/submission.js';
import { createEmitter } from './events.js';
import { type Locks, type Transact, createFlusher } from './flusher.js';
import { idbStorage } from './idb.js';
import { type DeadLetter, type FollowUpState, type OutboxRecord, enqueue, followUp, records } from './outbox.js';
import * as P from './policy.js';
import { type SubmissionInput, stamp } from './stamp.js';
import { type Storage, type Tx, memoryStorage } from './store.js';

export interface ClientOptions {
  /** The proxy's feedback URL, e.g. `/v1/feedback`. */
  endpoint: string;
  /** The signed-in user, stamped on each submission when it is queued. */
  user?: SubmissionUser;
  /** Without a user id, use the Amplitude Browser SDK's `amplitude.getUserId()`. @default true */
  amplitudeUserId?: boolean;
  /** The IndexedDB database (and lock and channel) name. @default 'earful' */
  dbName?: string;
  /** @default 2000 */
  maxQueueItems?: number;
  /** @default 5_000_000 */
  maxQueueBytes?: number;
  /** How long `submit()` waits for the proxy before answering `queued`. @default 800 */
  deliveredWaitMs?: number;
  /** Listen to load, online, visibility and page hide. @default true */
  autoFlush?: boolean;
  /** Seams for tests and unusual hosts. */
  indexedDB?: IDBFactory;
  fetch?: typeof fetch;
  locks?: Locks | null;
  channel?: Pick<BroadcastChannel, 'postMessage' | 'close'> & { onmessage: ((e: MessageEvent) => void) | null };
  now?: () => number;
  random?: () => number;
  timeoutMs?: number;
  /** How long a tab owns records it is sending before another may take them. @default 30_000 */
  leaseMs?: number;
}

export type { SubmissionInput };

export type Durability = 'indexeddb' | 'memory';

/**
 * Why a queued submission has not been delivered yet, as far as the last attempt could tell:
 * - `offline`: no answer, and the browser says it is offline;
 * - `unreachable`: no answer while online (network error, timeout, blocked request);
 * - `refused`: the proxy refused this page's origin (`403`, `code: 'origin_not_allowed'`);
 * - `unavailable`: the proxy or its destination asked to come back later (429, 5xx, `retry`);
 * - `misconfigured`: another answer no retry soon will fix (401, 404, 405, 415…).
 */
export type DeliveryProblem = 'offline' | 'unreachable' | 'refused' | 'unavailable' | 'misconfigured';

export type SubmitResult =
  | { id: string; status: 'delivered' }
  | { id: string; status: 'queued'; durability: Durability; problem?: DeliveryProblem }
  | { id: string; status: 'failed'; error: string };

export interface ClientEvents {
  queued: { id: string; durability: Durability };
  delivered: { id: string };
  rejected: { id: string; error: string; reason: DeadLetter['reason'] };
  /** An attempt ended without delivering these; they stay queued and are sent again later. */
  retrying: { ids: string[]; problem: DeliveryProblem; error: string; retryInMs: number };
  /** `code` names a problem a host can act on, e.g. `origin_not_allowed`, `storage_memory_only`. */
  error: { error: string; code?: string };
}


export interface Client {
  /** `holdMs`: queue now, send after this long or at `followUp` (an NPS score awaiting its comment). */
  submit(input: SubmissionInput, options?: { holdMs?: number }): Promise<SubmitResult>;
  /**
   * Ends a held submission's follow-up, with the comment if there is one (MAPPING.md, "NPS flow").
   * `failed` when there is nothing to follow up (this client never queued the score).
   */
  followUp(id: string, comment?: string): Promise<SubmitResult>;
  identify(user: SubmissionUser | null): void;
  /** The identified user (the `user` option or the last `identify()`), e.g. to prefill a form. */
  readonly user?: SubmissionUser;
  flush(): Promise<void>;
  on<E extends keyof ClientEvents>(event: E, handler: (detail: ClientEvents[E]) => void): () => void;
  pending(): Promise<OutboxRecord[]>;
  deadLetters(): Promise<DeadLetter[]>;
  /**
   * The widget's own small state (when a prompt was shown, answered, dismissed): `change` gets
   * what is kept under `key` and returns what to keep. Beside the outbox in IndexedDB, else in
   * localStorage, else in memory (user-asks.md §C8).
   */
  remember<T>(key: string, change: (value: T | undefined) => T): Promise<T>;
  /** Where queued records live; `undefined` until the outbox has been opened. */
  readonly durability: Durability | undefined;
  destroy(): void;
}

/**
 * @example
 * const client = createClient({ endpoint: '/v1/feedback' });
 * client.identify({ id: 'user-123' });
 * const { status } = await client.submit({ kind: 'feedback', body: 'Search is broken on mobile' });
 */
export function createClient(options: ClientOptions): Client {
  const now = options.now ?? Date.now;
  const dbName = options.dbName ?? 'earful';
  const caps = { maxItems: options.maxQueueItems ?? P.MAX_QUEUE_ITEMS, maxBytes: options.maxQueueBytes ?? P.MAX_QUEUE_BYTES };
  const { emit, on } = createEmitter<ClientEvents>();
  /** Same words within seconds (a double click): the first submit's answer. */
  const recent = new Map<string, [at: number, result: Promise<SubmitResult>]>();
  /**
   * The latest record this tab wrote per id: a submit with that id replaces it while it is in the
   * outbox. A held one stays until its follow-up, which rewrites it, or adds to it if delivered.
   */
  const mine = new Map<string, OutboxRecord>();
  /** The widget's state where neither IndexedDB nor localStorage keeps it. */
  const kept = new Map<string, unknown>();
  for (const gone of ['delivered', 'rejected'] as const) on(gone, ({ id }) => mine.get(id)?.held || mine.delete(id));
  const win = globalThis.window as Window | undefined;
  let user = options.user;
  let durability: Durability | undefined;
  let destroyed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  let storage: Promise<Storage> | undefined;
  const open = () =>
    (storage ??= (async () => {
      const idb = idbStorage(dbName, { factory: options.indexedDB });
      try {
        await idb.transact('readonly', async () => 0);
        return idb;
      } catch (err) {
        // Private modes, blocked storage, a hung open: keep working, but say so.
        emit('error', { error: `outbox in memory only: ${err}` });
        return memoryStorage();
      }
    })().then((s) => ((durability = s.durability), s)));

  const transact: Transact = async (mode, fn, strict) => (await open()).transact(mode, fn, strict);

  const channel = options.channel ?? (globalThis.BroadcastChannel && new BroadcastChannel(`earful:${dbName}`));
  const flusher = createFlusher(options, dbName, now, transact, emit);

  const schedule = (ms: number) => {
    clearTimeout(timer);
    if (!destroyed) timer = setTimeout(flush, ms);
  };

  let running: Promise<void> | undefined;
  let rerun: Promise<void> | undefined;
  /** Set by `online` and `flush()`: the next run sends what failed for want of a network now. */
  let force = false;
  /** One run at a time; a call during a run gets one more run after it, so no record waits. */
  function flush(): Promise<void> {
    if (running) return (rerun ??= running.then(() => ((rerun = undefined), flush())));
    running = (async () => {
      const forced = force;
      force = false;
      const next = destroyed ? Infinity : await flusher.run(forced);
      // Another tab holds the lock: look again shortly, in case it missed our records.
      if (next === false) return (force ||= forced), schedule(1_000);
      if (next < Infinity && win?.document.visibilityState !== 'hidden')
        schedule(force ? 1_000 : Math.min(P.POLL_MS, Math.max(1_000, next - now())));
    })().finally(() => (running = undefined));
    return running;
  }

  /** Writes to the outbox, then answers: `failed` if it could not, else `queued` or `delivered`. */
  async function store(id: string, write: (tx: Tx) => Promise<OutboxRecord | FollowUpState>, wait: boolean, started = now()): Promise<SubmitResult> {
    let written: OutboxRecord | FollowUpState;
    try {
      // Strict: `queued` means on disk, not in a buffer an OS crash could lose.
      written = await transact('readwrite', write, true);
    } catch (err) {
      const error = String(err);
      emit('error', { error });
      return { id, status: 'failed', error };
    }
    const queued: SubmitResult = { id, status: 'queued', durability: durability! };
    if ('status' in written) return written.status === 'queued' ? queued : { id, ...written };
    mine.set(id, written);
    flusher.track(written);
    emit('queued', { id, durability: durability! });
    channel?.postMessage('wake');
    // Held (an NPS score awaiting its comment): a run now sets the timer for when the hold ends.
    if (!wait) return void flush(), queued;
    // Answer as soon as we know: the proxy confirmed, or this flush ended without it (offline).
    let off!: () => void;
    const delivered = await new Promise<boolean>((resolve) => {
      off = on('delivered', (e) => e.id === id && resolve(true));
      setTimeout(resolve, (options.deliveredWaitMs ?? P.DELIVERED_WAIT_MS) - (now() - started), false);
      void flush().then(() => resolve(false));
    });
    off();
    return delivered ? { id, status: 'delivered' } : queued;
  }

  function submit(input: SubmissionInput, { holdMs }: { holdMs?: number } = {}): Promise<SubmitResult> {
    const started = now();
    const submission = stamp(input, user, started, options.amplitudeUserId);
    const { id, createdAt: _, ...content } = submission;
    const problem = checkSubmission(submission);
    if (problem) return Promise.resolve({ id, status: 'failed', error: problem });
    // A double click sends the same form twice: the same words within seconds are one submission.
    const key = input.id === undefined && JSON.stringify(content);
    for (const [k, [at]] of recent) if (started - at > 5_000) recent.delete(k);
    const twin = key && recent.get(key);
    if (twin) return twin[1];
    // The same id again (a changed NPS score, an app re-sending): one record, in its place.
    const replacing = input.id === undefined ? undefined : mine.get(id);
    const result = store(id, (tx) => enqueue(tx, submission, now(), caps, holdMs, replacing), !holdMs, started);
    if (key) recent.set(key, [started, result]);
    return result;
  }

  let hidden = false;
  const onHide = () => {
    if (!hidden) (hidden = true), flusher.beacon();
  };
  const wake = () => void flush();
  const stop = new AbortController();
  if (channel) channel.onmessage = wake;
  if (win && options.autoFlush !== false) {
    const doc = win.document;
    const listen = (target: EventTarget, type: string, fn: () => void, once?: true) =>
      target.addEventListener(type, fn, { once, signal: stop.signal });
    // Back online: what failed offline goes now, not after its backoff. Not at once, which fails with
    // ERR_NETWORK_CHANGED (Amplitude), and spread over 1–3 s so tabs and users do not all come together.
    listen(win, 'online', () => ((force = true), schedule(1_000 + (options.random ?? Math.random)() * 2_000)));
    listen(win, 'pagehide', onHide);
    listen(doc, 'visibilitychange', () => (doc.visibilityState === 'hidden' ? onHide() : ((hidden = false), wake())));
    // The load-time look at the outbox waits for the host page, then for idle time; and a visitor
    // who never queued anything has no outbox to look at, so no lock, database or transaction.
    const look = async () => {
      let known: IDBDatabaseInfo[] | undefined;
      try {
        known = await (options.indexedDB ?? indexedDB).databases?.();
      } catch {} // no IndexedDB, or a SecurityError for touching it: the flush says so
      if (!known || known.some((db) => db.name == dbName)) wake();
    };
    const idle = () => ('requestIdleCallback' in win ? win.requestIdleCallback(look, { timeout: 3_000 }) : setTimeout(look, 1_000));
    if (doc.readyState === 'complete') idle();
    else listen(win, 'load', idle, true);
  }

  return {
    submit,
    followUp(id, comment) {
      const base = mine.get(id)?.held && mine.get(id);
      mine.delete(id);
      const problem = comment && base && checkSubmission({ ...base.submission, body: comment });
      if (problem) return Promise.resolve({ id, status: 'failed', error: problem });
      return store(id, (tx) => followUp(tx, id, base, comment || undefined, now(), caps, flusher.sending), true);
    },
    flush: () => ((force = true), flush()),
    identify(next) {
      user = next ?? undefined;
    },
    get user() {
      return user;
    },
    on,
    pending: () => transact('readonly', async (tx) => records((await tx.rows('queue')).map(([, v]) => v))),
    deadLetters: () => transact('readonly', async (tx) => (await tx.rows('dead')).map(([, v]) => v as DeadLetter)),
    async remember(key, change) {
      const k = `earful:${key}`;
      // Each layer that fails falls to the next; the last, memory, cannot.
      try {
        if ((await open()).durability != 'memory')
          return await transact('readwrite', async (tx) => {
            const v = change((await tx.get('meta', k)) as never);
            tx.put('meta', k, v);
            return v;
          });
      } catch {}
      try {
        const v = change(JSON.parse(localStorage.getItem(k)!) ?? undefined);
        localStorage.setItem(k, JSON.stringify(v));
        return v;
      } catch {}
      const v = change(kept.get(k) as never);
      kept.set(k, v);
      return v;
    },
    get durability() {
      return durability;
    },
    destroy() {
      destroyed = true;
      clearTimeout(timer);
      stop.abort();
      if (channel) channel.onmessage = null;
      if (!options.channel) channel?.close();
      storage?.then((s) => s.close());
    },
  };
}

/**
 * `createClient`: the headless half of the widget. `submit()` writes to the outbox before any
 * network and answers honestly (`delivered`, `queued` once durable, or `failed`); the flusher
 * delivers later, through reloads, closed tabs, several tabs and flaky networks.
 */
import { checkSubmission } from '../schema/check-submission.js';
import type { Submission, SubmissionUser } from '../schema/submission.js';
import { createFlusher, type Locks } from './flusher.js';
import { idbStorage } from './idb.js';
import { type DeadLetter, type OutboxRecord, enqueue, followUp, records } from './outbox.js';
import * as P from './policy.js';
import { type Storage, type Tables, memoryStorage } from './store.js';

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
  storage?: Storage;
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

/** What an app passes to `submit`: the client fills in `id`, `createdAt`, `url` and the user. */
export type SubmissionInput = Omit<Submission, 'id' | 'createdAt'> & Partial<Pick<Submission, 'id' | 'createdAt'>>;

export type Durability = 'indexeddb' | 'memory';

export type SubmitResult =
  | { id: string; status: 'delivered' }
  | { id: string; status: 'queued'; durability: Durability }
  | { id: string; status: 'failed'; error: string };

export interface ClientEvents {
  queued: { id: string; durability: Durability };
  delivered: { id: string };
  rejected: { id: string; error: string; reason: DeadLetter['reason'] };
  error: { error: string };
}

export interface Client {
  /** `holdMs`: queue now, send after this long or at `followUp` (an NPS score awaiting its comment). */
  submit(input: SubmissionInput, options?: { holdMs?: number }): Promise<SubmitResult>;
  /** Ends a held submission's follow-up, with the comment if there is one (MAPPING.md, "NPS flow"). */
  followUp(id: string, comment?: string): Promise<SubmitResult>;
  identify(user: SubmissionUser | null): void;
  flush(): Promise<void>;
  on<E extends keyof ClientEvents>(event: E, handler: (detail: ClientEvents[E]) => void): () => void;
  pending(): Promise<OutboxRecord[]>;
  deadLetters(): Promise<DeadLetter[]>;
  /** Where queued records live; `undefined` until the outbox has been opened. */
  readonly durability: Durability | undefined;
  destroy(): void;
}

/** A v4 UUID; `crypto.randomUUID` exists only in secure contexts. */
function uuid(): string {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The page the feedback came from, without its fragment; only http(s) URLs the proxy accepts. */
function pageUrl(): string | undefined {
  const href = typeof location === 'undefined' ? '' : location.href.split('#')[0]!;
  return /^https?:/.test(href) && href.length <= 2048 ? href : undefined;
}

function amplitudeUserId(): string | undefined {
  try {
    const id = (globalThis as { amplitude?: { getUserId?: () => unknown } }).amplitude?.getUserId?.();
    return typeof id === 'string' && id ? id : undefined;
  } catch {
    return undefined;
  }
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

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
  const handlers: Partial<Record<keyof ClientEvents, Set<(d: never) => void>>> = {};
  const emit = <E extends keyof ClientEvents>(event: E, detail: ClientEvents[E]) =>
    (handlers[event] as Set<(d: ClientEvents[E]) => void> | undefined)?.forEach((h) => {
      try {
        h(detail);
      } catch {} // a host's handler must not break delivery
    });
  const waiters = new Map<string, () => void>();
  /** Records this tab queued and has not seen settled: what a page-hide beacon can send. */
  const known = new Map<string, OutboxRecord>();
  const recent = new Map<string, { at: number; result: Promise<SubmitResult> }>();
  /** Submissions held for a follow-up, to rebuild them if they were delivered meanwhile. */
  const held = new Map<string, Submission>();
  const win = typeof window === 'undefined' ? undefined : window;
  let user = options.user;
  let durability: Durability | undefined;
  let destroyed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  let storagePromise: Promise<Storage> | undefined;
  const storage = () =>
    (storagePromise ??= (async () => {
      if (options.storage) return options.storage;
      const idb = idbStorage(dbName, { factory: options.indexedDB });
      try {
        await idb.transact(['meta'], 'readonly', () => 0);
        return idb;
      } catch (err) {
        // Private modes, blocked storage, a hung open: keep working, but say so.
        emit('error', { error: `outbox in memory only: ${errorText(err)}` });
        return memoryStorage();
      }
    })().then((s) => ((durability = s.durability), s)));

  const channel =
    options.channel ?? (typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(`earful:${dbName}`));
  const locks = options.locks !== undefined ? options.locks : ((globalThis.navigator as { locks?: Locks } | undefined)?.locks ?? null);

  const flusher = createFlusher({
    endpoint: options.endpoint,
    storage,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    locks,
    lockName: `earful-flush:${dbName}`,
    owner: uuid(),
    now,
    random: options.random ?? Math.random,
    timeoutMs: options.timeoutMs ?? P.REQUEST_TIMEOUT_MS,
    leaseMs: options.leaseMs ?? P.LEASE_MS,
    onDelivered(ids) {
      for (const id of ids) {
        known.delete(id);
        emit('delivered', { id });
        waiters.get(id)?.();
      }
    },
    onRejected(letters) {
      for (const { id, error, reason } of letters) {
        known.delete(id);
        emit('rejected', { id, error, reason });
      }
    },
    onError: (err) => emit('error', { error: errorText(err) }),
  });

  function schedule(ms: number) {
    clearTimeout(timer);
    if (!destroyed) timer = setTimeout(flush, ms);
  }

  let running: Promise<void> | undefined;
  let again = false;
  function flush(): Promise<void> {
    if (destroyed) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        // Another tab holds the lock: look again shortly, in case it missed our records.
        if ((await flusher.run()) === 'busy') return schedule(1_000);
      } while (again);
      const next = await flusher.nextDue().catch(() => undefined);
      if (next !== undefined && win?.document.visibilityState !== 'hidden')
        schedule(Math.min(P.POLL_MS, Math.max(1_000, next - now())));
    })().finally(() => (running = undefined));
    return running;
  }

  function stamp(input: SubmissionInput): Submission {
    const who: SubmissionUser = { ...user, ...input.user };
    if (who.id === undefined && options.amplitudeUserId !== false) who.id = amplitudeUserId();
    const submission = {
      ...input,
      id: input.id ?? uuid(),
      createdAt: input.createdAt ?? new Date(now()).toISOString(),
      url: input.url ?? pageUrl(),
      user: Object.values(who).some((v) => v !== undefined) ? who : undefined,
    };
    return JSON.parse(JSON.stringify(submission)) as Submission; // plain data, no undefined keys
  }

  async function store(
    id: string,
    write: (t: Tables) => OutboxRecord | undefined,
    holdMs: number | undefined,
    started: number,
  ): Promise<SubmitResult> {
    let record: OutboxRecord | undefined;
    let where: Storage;
    try {
      where = await storage();
      record = await where.transact(['outbox'], 'readwrite', write);
    } catch (err) {
      emit('error', { error: errorText(err) });
      return { id, status: 'failed', error: errorText(err) };
    }
    const queued: SubmitResult = { id, status: 'queued', durability: where.durability };
    if (!record) return queued; // a follow-up with nothing to add
    known.set(id, record);
    emit('queued', { id, durability: where.durability });
    channel?.postMessage('wake');
    if (holdMs) return queued;
    let wait: ReturnType<typeof setTimeout> | undefined;
    const delivered = new Promise<boolean>((resolve) => {
      wait = setTimeout(() => resolve(false), Math.max(0, (options.deliveredWaitMs ?? P.DELIVERED_WAIT_MS) - (now() - started)));
      waiters.set(id, () => resolve(true));
    });
    // Answer as soon as we know: the proxy confirmed, or this flush ended without it (offline).
    const ok = await Promise.race([delivered, flush().then(() => false)]);
    clearTimeout(wait);
    waiters.delete(id);
    return ok ? { id, status: 'delivered' } : queued;
  }

  function submit(input: SubmissionInput, opts: { holdMs?: number } = {}): Promise<SubmitResult> {
    const started = now();
    const submission = stamp(input);
    const problem = checkSubmission(submission);
    if (problem) return Promise.resolve({ id: submission.id, status: 'failed', error: problem });
    // A double click sends the same form twice: the same words within seconds are one submission.
    const { id: _id, createdAt: _at, ...content } = submission;
    const fingerprint = input.id === undefined ? JSON.stringify(content) : undefined;
    for (const [key, r] of recent) if (started - r.at > 5_000) recent.delete(key);
    const twin = fingerprint && recent.get(fingerprint);
    if (twin) return twin.result;
    if (opts.holdMs) held.set(submission.id, submission);
    const result = store(submission.id, (t) => enqueue(t, submission, now(), caps, opts.holdMs), opts.holdMs, started);
    if (fingerprint) recent.set(fingerprint, { at: started, result });
    return result;
  }

  function followUpOf(id: string, comment?: string): Promise<SubmitResult> {
    const base = held.get(id);
    held.delete(id);
    if (comment !== undefined && base) {
      const problem = checkSubmission({ ...base, body: comment });
      if (problem) return Promise.resolve({ id, status: 'failed', error: problem });
    }
    return store(id, (t) => followUp(t, id, base, comment || undefined, now(), caps), undefined, now());
  }

  let hidden = false;
  const onVisibility = () => {
    if (win?.document.visibilityState === 'hidden') onHide();
    else {
      hidden = false;
      void flush();
    }
  };
  const onHide = () => {
    if (hidden) return;
    hidden = true;
    flusher.beacon(known.values());
  };
  const onOnline = () => schedule(1_000); // right away fails with ERR_NETWORK_CHANGED (Amplitude)
  const onWake = () => void flush();
  if (channel) channel.onmessage = (e) => e.data === 'wake' && onWake();
  if (win && options.autoFlush !== false) {
    win.addEventListener('online', onOnline);
    win.addEventListener('pagehide', onHide);
    win.document.addEventListener('visibilitychange', onVisibility);
    // The load-time look at the outbox waits for the host page, then for idle time.
    const idle = () => ('requestIdleCallback' in win ? win.requestIdleCallback(onWake, { timeout: 3_000 }) : setTimeout(onWake, 1_000));
    if (win.document.readyState === 'complete') idle();
    else win.addEventListener('load', idle, { once: true });
  }

  return {
    submit,
    followUp: followUpOf,
    flush,
    identify(next) {
      user = next ?? undefined;
    },
    on(event, handler) {
      const set = (handlers[event] ??= new Set()) as Set<typeof handler>;
      set.add(handler);
      return () => set.delete(handler);
    },
    async pending() {
      return (await storage()).transact(['outbox'], 'readonly', (t) => records(t.outbox));
    },
    async deadLetters() {
      return (await storage()).transact(['dead'], 'readonly', (t) => [...t.dead.values()] as DeadLetter[]);
    },
    get durability() {
      return durability;
    },
    destroy() {
      destroyed = true;
      clearTimeout(timer);
      if (win) {
        win.removeEventListener('online', onOnline);
        win.removeEventListener('pagehide', onHide);
        win.document.removeEventListener('visibilitychange', onVisibility);
      }
      if (channel) channel.onmessage = null;
      if (!options.channel) channel?.close();
      storagePromise?.then((s) => s.close(), () => {});
    },
  };
}


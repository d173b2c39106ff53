/**
 * The client's public types: its options, what `submit()` answers, its events, and the client
 * itself. `client.ts` re-exports them; the modules behind it import them from here.
 */
import type { SubmissionUser } from '../schema/submission.js';
import type { DeadLetter } from './outbox/dead-letters.js';
import type { OutboxRecord } from './outbox/record.js';
import type { SubmissionInput } from './stamp.js';

/** The part of `navigator.locks` we use; injectable for tests. */
export interface Locks {
  request<T>(name: string, options: { ifAvailable: true }, callback: (lock: unknown) => Promise<T>): Promise<T>;
}

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
  /** The proxy queued it durably (`EARFUL_QUEUE`) and now owns its delivery: sent, as far as this page goes. */
  | { id: string; status: 'accepted' }
  | { id: string; status: 'queued'; durability: Durability; problem?: DeliveryProblem }
  /** `path` names the field the check refused (`user.email`) when it was the submission's own fault. */
  | { id: string; status: 'failed'; error: string; path?: string };

export interface ClientEvents {
  queued: { id: string; durability: Durability };
  delivered: { id: string };
  /** The proxy queued it durably and will deliver it; it left the outbox, as a delivered one does. */
  accepted: { id: string };
  /** Moved to the dead letters for good; `path` names the field the proxy refused, when it said. */
  rejected: { id: string; error: string; reason: DeadLetter['reason']; path?: string };
  /** An attempt ended without delivering these; they stay queued and are sent again later. */
  retrying: { ids: string[]; problem: DeliveryProblem; error: string; retryInMs: number };
  /** `code` names a problem a host can act on, e.g. `origin_not_allowed`, `storage_memory_only`. */
  error: { error: string; code?: string };
}

export interface Client {
  /** `holdMs`: queue now, send after this long or at `followUp` (an NPS score awaiting its comment). */
  submit(input: SubmissionInput, options?: { holdMs?: number }): Promise<SubmitResult>;
  /**
   * Ends a held submission's follow-up, with the comment if there is one: the score and its
   * comment go as one item, or the comment as a conversation part of it once the score has gone.
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
   * localStorage, else in memory.
   */
  remember<T>(key: string, change: (value: T | undefined) => T): Promise<T>;
  /** Where queued records live; `undefined` until the outbox has been opened. */
  readonly durability: Durability | undefined;
  destroy(): void;
}

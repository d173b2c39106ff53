/** The outbox's policy, in one place, each with its unit. */

/** First retry delay; doubles per attempt. */
export const BASE_DELAY_MS = 2_000;
/** Longest backoff between attempts, and the pause after a 401/403. */
export const MAX_DELAY_MS = 5 * 60_000;
/** A server's `Retry-After` is honoured within [1 s, 1 h]: src/schema/retry-after.ts. */
/** Used when a `Retry-After` header is present but unreadable. */
export const DEFAULT_RETRY_AFTER_MS = 60_000;
/** A record not delivered within this time is dead-lettered as `expired` (Safari's ITP horizon). */
export const RETENTION_MS = 7 * 24 * 60 * 60_000;
/** Per POST: the proxy takes at most 100 items; stay well under its 5 MB. */
export const MAX_BATCH_ITEMS = 100;
export const MAX_BATCH_BYTES = 900_000;
/** Page hide: keepalive requests share 64 KiB per page; take half. */
export const KEEPALIVE_MAX_BYTES = 32 * 1024;
/** How long a tab owns the records it claimed (covers crashed tabs). */
export const LEASE_MS = 30_000;
/** Per attempt. */
export const REQUEST_TIMEOUT_MS = 15_000;
/** Queue caps: past them a new submission is refused, never an older one evicted. */
export const MAX_QUEUE_ITEMS = 2_000;
export const MAX_QUEUE_BYTES = 5_000_000;
/** How long `submit()` waits for the proxy before answering `queued`. */
export const DELIVERED_WAIT_MS = 800;
/** Opening IndexedDB can hang (Safari 14); after this, fall back to memory. */
export const OPEN_TIMEOUT_MS = 3_000;
/** While the page is visible and the outbox is not empty, look again this often. */
export const POLL_MS = 30_000;

/**
 * An outbox as the widget stored it before the client was split into layers (commit ae32c35:
 * version 1 records in database version 3), written out by hand from that code, so that
 * upgrade tests can put it in IndexedDB with plain IndexedDB calls and check that the current
 * client reads, delivers and keeps all of it. Not generated, and not to be regenerated: it is
 * the old format that must stay readable. Times are relative to `now`, the moment the old
 * widget last wrote, so that the records are days old rather than years.
 */
export const STORED_V1 = {
  dbName: 'earful',
  /** idb.ts's VERSION then: stores `queue` (keys `[queuedAt, rev]`), `dead` (by id), `meta`. */
  dbVersion: 3,
  stores: ['queue', 'dead', 'meta'],
} as const;

const MINUTE = 60_000;

/** The four submissions queued, as they went into the records (and must go out on the wire). */
export const SUBMISSIONS_V1 = {
  fresh: {
    id: '0b9c4f7e-5d0e-4c8e-9a51-1f2d3c4b5a61',
    kind: 'feedback',
    body: 'Search is broken on mobile',
    url: 'https://shop.example/search?q=shoes',
    createdAt: '2026-11-20T09:15:00.000Z',
    user: { id: 'user-42', email: 'jane@example.com' },
  },
  retried: {
    id: '5e7a2c1d-8b3f-4a6e-b0c9-2d4f6a8b0c12',
    kind: 'feedback',
    body: 'Checkout froze after I pressed Pay',
    createdAt: '2026-11-20T09:16:30.000Z',
    metadata: { plan: 'pro', seats: 12 },
  },
  held: {
    id: '9f1e3d5c-7b9a-4c2e-8d6f-0a1b2c3d4e5f',
    kind: 'nps',
    score: 9,
    createdAt: '2026-11-20T09:17:00.000Z',
    user: { id: 'user-42', name: 'Jane' },
  },
  followedUp: {
    id: '3c5e7a9b-1d2f-4e6a-9c8b-7d6e5f4a3b21',
    kind: 'csat',
    score: 4,
    body: 'Good',
    createdAt: '2026-11-20T09:18:00.000Z',
    parts: [
      { id: '3c5e7a9b-1d2f-4e6a-9c8b-7d6e5f4a3b21:comment', body: 'Took a while to find', userId: 'user-42', createdAt: '2026-11-20T09:19:00.000Z' },
    ],
  },
} as const;

/** The rows of each store, as the old widget wrote them by `now`. */
export function storedV1(now: number) {
  const { fresh, retried, held, followedUp } = SUBMISSIONS_V1;
  const at = (minutesAgo: number) => now - minutesAgo * MINUTE;
  // Never tried: queued a minute before the widget last wrote.
  const freshRecord = { v: 1, id: fresh.id, submission: fresh, bytes: 233, attempts: 0, nextAttemptAt: at(15), queuedAt: at(15), rev: 1 };
  // Failed twice for want of a network; its third try is due 6 s after the second.
  const retriedRecord = {
    v: 1,
    id: retried.id,
    submission: retried,
    bytes: 183,
    attempts: 2,
    nextAttemptAt: at(14) + 6_000,
    queuedAt: at(14),
    rev: 3,
    lastError: 'TypeError: Failed to fetch',
    net: true,
  };
  // An NPS score held 5 minutes for a comment that never came: its hold has ended.
  const heldRecord = { v: 1, id: held.id, submission: held, bytes: 145, attempts: 0, nextAttemptAt: at(13) + 5 * MINUTE, queuedAt: at(13), rev: 1, held: true };
  // A CSAT answer whose comment came after it was sent: rewritten with a part, after a 502.
  const followedUpRecord = {
    v: 1,
    id: followedUp.id,
    submission: followedUp,
    bytes: 274,
    attempts: 1,
    nextAttemptAt: at(11),
    queuedAt: at(12),
    rev: 2,
    lastError: 'HTTP 502',
  };
  const records = [freshRecord, retriedRecord, heldRecord, followedUpRecord];
  return {
    queue: records.map((record) => [[record.queuedAt, record.rev], record] as const),
    dead: [
      [
        'b2d4f6a8-0c1e-4a3b-8d5f-7e9a1b3c5d7f',
        {
          v: 1,
          id: 'b2d4f6a8-0c1e-4a3b-8d5f-7e9a1b3c5d7f',
          submission: { id: 'b2d4f6a8-0c1e-4a3b-8d5f-7e9a1b3c5d7f', kind: 'feedback', body: 'hi', user: { email: 'not-an-email' } },
          reason: 'rejected',
          error: 'user.email: invalid email',
          at: at(30),
        },
      ] as const,
    ],
    meta: [
      // The queue's count and byte total, the greatest place, a crashed tab's lease long run
      // out, and a pause (a 503) long over.
      ['state', { n: 4, bytes: 835, last: at(12), leases: [{ owner: '0.8235901283391478', until: at(15) + 30_000, keys: [at(15)] }], pausedUntil: at(20) }] as const,
      // What remember() kept for the NPS prompt (src/ui/targeting.ts's PromptState).
      ['earful:nps', { seenAt: at(60 * 24 * 3), roll: 0.42, shownAt: at(13), impressions: 1 }] as const,
    ],
  };
}

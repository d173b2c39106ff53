/**
 * Page hide: one keepalive POST with what this tab queued and has not sent, within 32 KB. It
 * takes no lease (the page may be gone before a write commits), so the keys it carries are kept
 * in `sending` for claims and follow-ups to leave alone. Nothing is deleted unless the answer
 * arrives while the page still runs; if it never does, the records go again later and the
 * destinations' idempotency keeps one copy.
 */
import type { Delivery } from './delivery.js';
import type { Emitter } from './events.js';
import { type OutboxRecord, readableRecords } from './outbox/record.js';
import { KEEPALIVE_MAX_BYTES } from './policy.js';
import type { TabRecords } from './tab-records.js';
import type { ClientEvents } from './types.js';

/** `{"items":[]}`: the envelope around the items. */
const ENVELOPE_BYTES = 12;

/**
 * What one keepalive POST may carry from `candidates`: untried records that are due, and held
 * ones, oldest first, within 32 KB. A record that failed before waits for its persisted backoff,
 * however often the page unloads.
 */
export function forBeacon(candidates: Iterable<OutboxRecord>, now: number): OutboxRecord[] {
  const picked: OutboxRecord[] = [];
  let bytes = ENVELOPE_BYTES;
  for (const record of readableRecords(candidates)) {
    const eligible = record.held === true || (record.attempts === 0 && record.nextAttemptAt <= now);
    // Each item is counted with a comma after it: one more than the JSON has, on the safe side.
    if (eligible && bytes + record.bytes + 1 <= KEEPALIVE_MAX_BYTES) {
      picked.push(record);
      bytes += record.bytes + 1;
    }
  }
  return picked;
}

export interface BeaconOptions {
  delivery: Delivery;
  records: TabRecords;
  emit: Emitter<ClientEvents>['emit'];
  now: () => number;
}

export function createBeacon({ delivery, records, emit, now }: BeaconOptions) {
  /** Keys a beacon is sending. */
  const sending = new Set<number>();
  return {
    sending: sending as ReadonlySet<number>,
    /** Sends the beacon, unless the queue is paused or there is nothing to carry. */
    send(): void {
      if (delivery.pausedUntil > now()) return;
      const picked = forBeacon(records.unsent(), now());
      if (!picked.length) return;
      for (const record of picked) sending.add(record.queuedAt);
      records.sending(picked);
      delivery
        .send(picked, true)
        .then((sent) => delivery.settle(sent))
        .catch((err) => emit('error', { error: String(err) }))
        .finally(() => {
          for (const record of picked) sending.delete(record.queuedAt);
        });
    },
  };
}

/**
 * This tab's records: the ones it queued, claimed or put back, as it last stored or read them.
 * One cache, one rule for dropping an entry: it goes when its record leaves the outbox
 * (delivered or dead-lettered), except a held score, which stays until its follow-up.
 *
 * What it serves:
 * - a submit with an id already queued replaces that record in its place (`latest`);
 * - a follow-up finds its held score (`takeHeld`), also after the score was delivered;
 * - a page-hide beacon carries what this tab queued and has not sent (`unsent`);
 * - a claim reads only the keys of a stretch of the queue whose revisions this tab holds
 *   (`byPlace`), so sending what it queued costs no read of the records.
 */
import type { Settled } from './outbox/settle.js';
import type { OutboxRecord } from './outbox/record.js';

interface Entry {
  record: OutboxRecord;
  /** Claimed or sent by this tab: a beacon must not carry it again. */
  sent: boolean;
}

export class TabRecords {
  private readonly entries = new Map<string, Entry>();
  private readonly places = new Map<number, OutboxRecord>();

  /** The records held, by place in the queue. */
  get byPlace(): ReadonlyMap<number, OutboxRecord> {
    return this.places;
  }

  /** A record this tab wrote: queued, replaced, or rewritten with a comment; a beacon may carry it. */
  wrote(record: OutboxRecord): void {
    this.hold(record, false);
  }

  /** Records this tab claimed (as read), or put back for a retry (as rewritten). */
  claimed(records: readonly OutboxRecord[]): void {
    for (const record of records) this.hold(record, true);
  }

  /** Records on their way (a batch, a beacon): no beacon carries them again. */
  sending(records: readonly OutboxRecord[]): void {
    for (const record of records) {
      const entry = this.entries.get(record.id);
      if (entry) entry.sent = true;
    }
  }

  /** What settling a batch did: delivered and rejected records go, retried ones are held as rewritten. */
  settled({ delivered, rejected, kept }: Settled): void {
    this.gone([...delivered, ...rejected.map((letter) => letter.id)]);
    this.claimed(kept);
  }

  /** Records that left the outbox; a held score stays for its follow-up. */
  gone(ids: Iterable<string>): void {
    for (const id of ids) if (!this.entries.get(id)?.record.held) this.forget(id);
  }

  /** The latest record this tab holds for `id`. */
  latest(id: string): OutboxRecord | undefined {
    return this.entries.get(id)?.record;
  }

  /** The held score `id`, if this tab queued one, which its follow-up now takes over. */
  takeHeld(id: string): OutboxRecord | undefined {
    const record = this.entries.get(id)?.record;
    this.forget(id);
    return record?.held ? record : undefined;
  }

  /** What this tab queued and has neither claimed nor sent. */
  unsent(): OutboxRecord[] {
    return [...this.entries.values()].filter((entry) => !entry.sent).map((entry) => entry.record);
  }

  private hold(record: OutboxRecord, sent: boolean): void {
    const before = this.entries.get(record.id);
    if (before && this.places.get(before.record.queuedAt) === before.record) this.places.delete(before.record.queuedAt);
    this.entries.set(record.id, { record, sent });
    this.places.set(record.queuedAt, record);
  }

  private forget(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    if (this.places.get(entry.record.queuedAt) === entry.record) this.places.delete(entry.record.queuedAt);
    this.entries.delete(id);
  }
}

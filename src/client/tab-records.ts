/**
 * This tab's records: the ones it queued, claimed or put back, as it last stored or read them,
 * by id. One cache, one rule for dropping an entry: it goes when its record leaves the outbox
 * (delivered or dead-lettered), except a held score, which stays until its follow-up.
 *
 * What it serves:
 * - a submit with an id already queued replaces that record in its place (`latest`);
 * - a follow-up finds its held score (`held`), also after the score was delivered, and lets it
 *   go once the follow-up is stored (`endFollowUp`): a follow-up that failed may be tried again;
 * - a page-hide beacon carries what this tab queued and has not sent (`unsent`).
 */
import type { OutboxRecord } from './outbox/record.js';
import type { Settled } from './outbox/settle.js';

interface Entry {
  record: OutboxRecord;
  /** Claimed or sent by this tab: a beacon must not carry it again. */
  sent: boolean;
}

export type TabRecords = ReturnType<typeof createTabRecords>;

export function createTabRecords() {
  const entries = new Map<string, Entry>();

  const forget = (id: string) => entries.delete(id);
  /** Records that left the outbox; a held score stays for its follow-up. */
  const gone = (ids: Iterable<string>) => {
    for (const id of ids) if (!entries.get(id)?.record.held) forget(id);
  };
  /** Records this tab claimed (as read), or put back for a retry (as rewritten). */
  const claimed = (records: readonly OutboxRecord[]) => {
    for (const record of records) entries.set(record.id, { record, sent: true });
  };

  return {
    /** A record this tab wrote: queued, replaced, or rewritten with a comment; a beacon may carry it. */
    wrote(record: OutboxRecord): void {
      entries.set(record.id, { record, sent: false });
    },
    claimed,
    gone,

    /** Records a beacon carries (a batch is marked by its claim): no later beacon carries them again. */
    sending(records: readonly OutboxRecord[]): void {
      for (const record of records) {
        const entry = entries.get(record.id);
        if (entry) entry.sent = true;
      }
    },

    /** What settling a batch did: delivered and rejected records go, retried ones are held as rewritten. */
    settled({ delivered, rejected, kept }: Settled): void {
      gone([...delivered, ...rejected.map((letter) => letter.id)]);
      claimed(kept);
    },

    /** The latest record this tab holds for `id`. */
    latest(id: string): OutboxRecord | undefined {
      return entries.get(id)?.record;
    },

    /** The held score `id`, if this tab queued one and its follow-up has not ended. */
    held(id: string): OutboxRecord | undefined {
      const record = entries.get(id)?.record;
      return record?.held ? record : undefined;
    },

    /** The follow-up of `id` was stored (or the score went alone): a score still held here goes. */
    endFollowUp(id: string): void {
      if (entries.get(id)?.record.held) forget(id);
    },

    /** What this tab queued and has neither claimed nor sent. */
    unsent(): OutboxRecord[] {
      return [...entries.values()].filter((entry) => !entry.sent).map((entry) => entry.record);
    },
  };
}

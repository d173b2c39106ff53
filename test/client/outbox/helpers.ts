// Shared by the outbox's rule tests: submissions, an outbox over plain Maps, and a transaction
// that counts what the rules ask of storage.
import { enqueue } from '../../../src/client/outbox/enqueue.js';
import { type OutboxRecord, readableRecords } from '../../../src/client/outbox/record.js';
import { settle } from '../../../src/client/outbox/settle.js';
import { type Tables, type Tx, mapTx } from '../../../src/client/store.js';
import type { Submission } from '../../../src/schema/submission.js';

export const T0 = Date.parse('2026-11-23T12:00:00Z');
export const caps = { maxItems: 2_000, maxBytes: 5_000_000 };

let made = 0;
export const sub = (extra: Partial<Submission> = {}): Submission => ({
  id: `s${++made}`,
  kind: 'feedback',
  body: 'words',
  createdAt: new Date(T0).toISOString(),
  ...extra,
});

/** The value at `key` of `table`, and every key of it, as IndexedDB would hold them. */
export const row = (t: Tables, table: keyof Tables, key: unknown) => t[table].get(JSON.stringify(key))?.[1];
export const keysOf = (t: Tables, table: keyof Tables) => [...t[table].values()].map(([k]) => k);
export const values = (t: Tables, table: keyof Tables) => [...t[table].values()].map(([, v]) => v);
/** Writes a row as it is, as another version (or a broken one) might have. */
export const raw = (t: Tables, table: keyof Tables, key: number[] | string, value: unknown) => mapTx(t).put(table, key, value);
/** The stored `state` row, with its stored field names. */
export const state = (t: Tables) =>
  (row(t, 'meta', 'state') ?? {}) as { n?: number; bytes?: number; last?: number; pausedUntil?: number; leases?: { owner: string; until: number; keys: number[] }[] };
export const byId = (t: Tables, id: string) => readableRecords(values(t, 'queue')).find((r) => r.id === id);
export const ids = (t: Tables) => readableRecords(values(t, 'queue')).map((r) => r.id);
export const pause = (t: Tables, until: number) => settle(mapTx(t), [], new Map(), T0, { pausedUntil: until });
export const exactBytes = (t: Tables) => readableRecords(values(t, 'queue')).reduce((s, r) => s + r.bytes, 0);

/** Queues `count` submissions, one a millisecond from `at`. */
export async function fill(t: Tables, count: number, at = T0, extra: Partial<Submission> = {}) {
  const out: OutboxRecord[] = [];
  for (let i = 0; i < count; i++) out.push(await enqueue(mapTx(t), sub(extra), at + i, caps));
  return out;
}

/**
 * A `tx` that counts the storage requests the rules make and the values they read: a cycle must
 * cost a handful of requests and one stretch of the queue, not one request per record.
 */
export function counting(t: Tables) {
  const inner = mapTx(t);
  const seen = { requests: 0, read: 0, writes: [] as string[] };
  const got = <V>(value: V, size = value === undefined ? 0 : 1) => {
    seen.requests++;
    seen.read += size;
    return value;
  };
  const tx: Tx = {
    get: async (n, k) => got(await inner.get(n, k)),
    put: (n, k, v) => {
      seen.requests++;
      seen.writes.push(`${v === undefined ? 'delete' : 'put'} ${n}:${k}`);
      inner.put(n, k, v);
    },
    rows: async (n, from, to, limit) => {
      const rows = await inner.rows(n, from, to, limit);
      return got(rows, rows.length);
    },
    keys: async (n, from, to, limit) => got(await inner.keys(n, from, to, limit), 0),
    drop: (n, from, to) => {
      seen.requests++;
      seen.writes.push(`drop ${n}:${JSON.stringify(from)}..${JSON.stringify(to)}`);
      inner.drop(n, from, to);
    },
  };
  return { tx, seen };
}

/**
 * Storage for the outbox as transactions over three tables: `queue` (one record per submission,
 * keyed by `[queuedAt, rev]`: its place in the queue and its revision), `dead` (dead letters, by
 * id) and `meta` (one `state` row: the queue-wide pause, the count, the byte total, the leases).
 * A transaction is an async function over a `Tx`; it commits when the
 * function resolves and leaves nothing behind when it throws. IndexedDB (`idb.ts`) and memory
 * implement it; the rules live in `outbox/`. A delivery cycle costs a handful of requests, not
 * one per record: reads are `getAll`s of a key range, settling reads keys only, and delivered
 * records go in range deletes.
 */
export const TABLES = ['queue', 'dead', 'meta'] as const;
export type TableName = (typeof TABLES)[number];
/** A queue key is `[queuedAt, rev]`; other tables are keyed by strings. */
export type Key = string | number | number[];

/** One transaction. Await only its reads inside it (IndexedDB commits when nothing is pending). */
export interface Tx {
  get(table: TableName, key: Key): Promise<unknown>;
  /** Writes `value`, or deletes `key` when there is none. */
  put(table: TableName, key: Key, value?: unknown): void;
  /** The rows with keys in [`from`, `to`], in key order, at most `limit` of them. */
  rows(table: TableName, from?: Key, to?: Key, limit?: number): Promise<[Key, unknown][]>;
  /** The keys in [`from`, `to`], in order, at most `limit`: what is there, without reading it. */
  keys(table: TableName, from?: Key, to?: Key, limit?: number): Promise<Key[]>;
  /** Deletes every row with a key in [`from`, `to`]. */
  drop(table: TableName, from: Key, to: Key): void;
}

export interface Storage {
  /** Where records live: `indexeddb` survives reloads and closed tabs, `memory` does not. */
  readonly durability: 'indexeddb' | 'memory';
  /** `strict`: committed to disk before it resolves (a `queued` answer); else as the browser likes. */
  transact<T>(mode: IDBTransactionMode, fn: (tx: Tx) => Promise<T>, strict?: boolean): Promise<T>;
  close(): void;
}

/** A transaction on whatever storage the client opened. */
export type Transact = Storage['transact'];

/** Rows by the JSON of their key (arrays are not Map keys by value). */
export type Tables = Record<TableName, Map<string, [Key, unknown]>>;

/** Empty tables, or copies of `from`'s. */
export function tables(from?: Tables): Tables {
  return Object.fromEntries(TABLES.map((name) => [name, new Map(from?.[name])])) as Tables;
}

/** IndexedDB's order of the keys used here: numbers, strings, arrays of numbers (by element, shorter first). */
export function cmp(a: Key, b: Key): number {
  if (!Array.isArray(a) || !Array.isArray(b)) return a < b ? -1 : a > b ? 1 : 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    // `b` ended: a longer array sorts after its prefix.
    return i < b.length ? cmp(a[i]!, b[i]!) : 1;
  }
  return a.length < b.length ? -1 : 0;
}

/** A transaction over plain Maps, in IndexedDB's key order. */
export function mapTx(t: Tables): Tx {
  const json = JSON.stringify;
  const inRange = (key: Key, from?: Key, to?: Key) => (from === undefined || cmp(key, from) >= 0) && (to === undefined || cmp(key, to) <= 0);
  const rows: Tx['rows'] = async (table, from, to, limit = Infinity) =>
    [...t[table].values()]
      .filter(([key]) => inRange(key, from, to))
      .sort(([a], [b]) => cmp(a, b))
      .slice(0, limit);
  return {
    get: async (table, key) => t[table].get(json(key))?.[1],
    put(table, key, value) {
      if (value === undefined) t[table].delete(json(key));
      else t[table].set(json(key), [key, value]);
    },
    rows,
    keys: async (table, from, to, limit) => (await rows(table, from, to, limit)).map(([key]) => key),
    drop(table, from, to) {
      for (const [stored, [key]] of t[table]) if (inRange(key, from, to)) t[table].delete(stored);
    },
  };
}

/** Outbox storage that lives as long as the page: the fallback where IndexedDB is refused. */
export function memoryStorage(): Storage {
  let data = tables();
  let last: Promise<unknown> = Promise.resolve();
  return {
    durability: 'memory',
    // One at a time, each on copies that replace the data only when it succeeds, as in IndexedDB.
    transact<T>(mode: IDBTransactionMode, fn: (tx: Tx) => Promise<T>): Promise<T> {
      const done = last
        .catch(() => {})
        .then(async () => {
          const copy = tables(data);
          const value = await fn(mapTx(copy));
          if (mode === 'readwrite') data = copy;
          return value;
        });
      last = done;
      return done;
    },
    close() {},
  };
}

/**
 * Storage for the outbox as transactions over three tables: `outbox` (one record per
 * submission, keyed by id, walked in `queuedAt` order), `dead` (dead letters) and `meta` (the
 * queue-wide pause, the outbox's byte total). A transaction is an async function over a `Tx`
 * that touches only what it needs; it commits when the function resolves and leaves nothing
 * behind when it throws. IndexedDB (`idb.ts`) and memory implement it; the rules live in `outbox.ts`.
 */
export const TABLES = ['outbox', 'dead', 'meta'] as const;
export type TableName = (typeof TABLES)[number];
export type Table = Map<string, unknown>;
export const Table = Map<string, unknown>;
export type Tables = Record<TableName, Table>;

/** Cursor directions of the outbox's queue order: oldest first, newest first. */
export type Order = 'next' | 'prev';

/** One transaction. Await only its reads inside it (IndexedDB commits when nothing is pending). */
export interface Tx {
  get(table: TableName, key: string): Promise<unknown>;
  /** Writes `value`, or deletes `key` when there is none. */
  put(table: TableName, key: string, value?: unknown): void;
  count(table: TableName): Promise<number>;
  /**
   * Visits the rows of `table` until `visit` returns false: with an `order`, the outbox in queue
   * order (`queuedAt`, from `from` on), which may miss a record without a numeric `queuedAt`;
   * without, every row.
   */
  each(table: TableName, visit: (value: unknown, key: string) => unknown, order?: Order, from?: number): Promise<void>;
}

export interface Storage {
  /** Where records live: `indexeddb` survives reloads and closed tabs, `memory` does not. */
  readonly durability: 'indexeddb' | 'memory';
  transact<T>(mode: IDBTransactionMode, fn: (tx: Tx) => Promise<T>): Promise<T>;
  close(): void;
}

/** Empty tables, or copies of `from`'s. */
export const tables = (from?: Tables) => Object.fromEntries(TABLES.map((n) => [n, new Table(from?.[n])])) as Tables;

/** `each` over rows in memory, in `order` as IndexedDB's `queuedAt` index gives it (`enqueue` leaves no ties). */
export async function eachRow(rows: [string, unknown][], visit: (value: unknown, key: string) => unknown, order?: Order, from = -Infinity) {
  const at = ([, v]: [string, unknown]) => (v as { queuedAt: number }).queuedAt;
  if (order) rows = rows.filter((row) => at(row) >= from).sort((a, b) => at(a) - at(b));
  for (const [k, v] of order === 'prev' ? rows.reverse() : rows) if (visit(v, k) === false) break;
}

/** Every value of `table`. */
export async function valuesOf(tx: Tx, table: TableName): Promise<unknown[]> {
  const values: unknown[] = [];
  await tx.each(table, (v) => void values.push(v));
  return values;
}

/** A transaction over plain Maps: the memory storage's, and the outbox rules' in tests. */
export const mapTx = (t: Tables): Tx => ({
  get: async (n, k) => t[n].get(k),
  put: (n, k, v) => void (v === undefined ? t[n].delete(k) : t[n].set(k, v)),
  count: async (n) => t[n].size,
  each: (n, visit, order, from) => eachRow([...t[n]], visit, order, from),
});

/** Outbox storage that lives as long as the page: the fallback where IndexedDB is refused. */
export function memoryStorage(): Storage {
  let data = tables();
  let last: Promise<unknown> = Promise.resolve();
  return {
    durability: 'memory',
    // One at a time, each on copies that replace the data only when it succeeds, as in IndexedDB.
    transact: (mode, fn) =>
      (last = last
        .catch(() => {})
        .then(async () => {
          const copy = tables(data);
          const value = await fn(mapTx(copy));
          if (mode === 'readwrite') data = copy;
          return value;
        })) as never,
    close() {},
  };
}

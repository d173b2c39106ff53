/**
 * Storage for the outbox as transactions over three tables: `outbox` (one record per
 * submission), `dead` (dead letters) and `meta` (the queue-wide pause). A transaction reads
 * the tables it names into Maps, runs a synchronous function over them, and writes back what
 * changed, all or nothing. Values are replaced, never mutated, so "changed" means `!==`.
 * IndexedDB (`idb.ts`) and memory implement it; the rules live in `outbox.ts`.
 */
export const TABLES = ['outbox', 'dead', 'meta'] as const;
export type TableName = (typeof TABLES)[number];
export type Table = Map<string, unknown>;
export const Table = Map<string, unknown>;
export type Tables = Record<TableName, Table>;

export interface Storage {
  /** Where records live: `indexeddb` survives reloads and closed tabs, `memory` does not. */
  readonly durability: 'indexeddb' | 'memory';
  transact<T>(names: readonly TableName[], mode: IDBTransactionMode, fn: (tables: Tables) => T): Promise<T>;
  close(): void;
}

/** Copies of the tables `names` of `from`, for one transaction to change. */
export const copyTables = (names: readonly TableName[], from: Partial<Tables>) =>
  Object.fromEntries(names.map((n) => [n, new Table(from[n])])) as Tables;

/** Outbox storage that lives as long as the page: the fallback where IndexedDB is refused. */
export function memoryStorage(): Storage {
  const data = copyTables(TABLES, {});
  return {
    durability: 'memory',
    async transact(names, mode, fn) {
      const tables = copyTables(names, data);
      const result = fn(tables);
      if (mode === 'readwrite') Object.assign(data, tables);
      return result;
    },
    close() {},
  };
}

/**
 * Storage for the outbox as transactions over three tables: `outbox` (one record per
 * submission), `dead` (dead letters) and `meta` (the queue-wide pause). A transaction reads
 * the tables it names, runs a synchronous function over them, and writes back what changed,
 * all or nothing. IndexedDB (`idb.ts`) and memory implement it; the logic lives in `outbox.ts`.
 */
export type TableName = 'outbox' | 'dead' | 'meta';
export const TABLES: readonly TableName[] = ['outbox', 'dead', 'meta'];

/** A table in a transaction: a Map that remembers what was written. */
export class Table extends Map<string, unknown> {
  readonly written = new Set<string>();
  override set(key: string, value: unknown): this {
    this.written?.add(key);
    return super.set(key, value);
  }
  override delete(key: string): boolean {
    this.written.add(key);
    return super.delete(key);
  }
}

export type Tables = Record<TableName, Table>;

export interface Storage {
  /** Where records live: `indexeddb` survives reloads and closed tabs, `memory` does not. */
  readonly durability: 'indexeddb' | 'memory';
  transact<T>(names: readonly TableName[], mode: IDBTransactionMode, fn: (tables: Tables) => T): Promise<T>;
  close(): void;
}

/** Outbox storage that lives as long as the page: the fallback where IndexedDB is refused. */
export function memoryStorage(): Storage {
  const data: Record<TableName, Map<string, unknown>> = { outbox: new Map(), dead: new Map(), meta: new Map() };
  return {
    durability: 'memory',
    async transact(names, _mode, fn) {
      const tables = Object.fromEntries(names.map((n) => [n, new Table(data[n])])) as Tables;
      for (const t of Object.values(tables)) t.written.clear();
      const result = fn(tables);
      for (const n of names) data[n] = new Map(tables[n]);
      return result;
    },
    close() {},
  };
}

/**
 * The outbox's IndexedDB storage: one database, three object stores, and a connection wrapper
 * for the ways browsers break it (reliability.md §2).
 */
import { promisifyRequest } from 'idb-keyval';
import { OPEN_TIMEOUT_MS } from './policy.js';
import { type Storage, TABLES, Table, type TableName, type Tables } from './store.js';

export interface IdbOptions {
  /** @default globalThis.indexedDB */
  factory?: IDBFactory;
  /** @default 1500 ms */
  openTimeoutMs?: number;
}

/** Storage that could not be opened at all: the client falls back to memory. */
export class StorageUnavailableError extends Error {
  override name = 'StorageUnavailableError' as const;
}

/** WebKit drops connections in the background ("Connection to Indexed Database server lost"). */
const isConnectionLost = (e: unknown) =>
  ['UnknownError', 'InvalidStateError'].includes((e as Error | undefined)?.name ?? '');

export function idbStorage(name: string, options: IdbOptions = {}): Storage {
  const factory = options.factory ?? globalThis.indexedDB;
  const timeoutMs = options.openTimeoutMs ?? OPEN_TIMEOUT_MS;
  let dbp: Promise<IDBDatabase> | undefined;

  function open(): Promise<IDBDatabase> {
    return (dbp ??= new Promise<IDBDatabase>((resolve, reject) => {
      let settled = false;
      const fail = (why: string, cause?: unknown) => {
        if (settled) return;
        settled = true;
        dbp = undefined;
        reject(new StorageUnavailableError(why, { cause }));
      };
      // Safari 14 could leave the first open() pending forever (idb-keyval#120).
      const timer = setTimeout(() => fail(`IndexedDB did not open within ${timeoutMs} ms`), timeoutMs);
      let request: IDBOpenDBRequest;
      try {
        if (!factory) throw new Error('no indexedDB');
        request = factory.open(name); // no version: a newer widget may have upgraded it
      } catch (err) {
        clearTimeout(timer);
        return fail('IndexedDB is not available', err); // SecurityError in some private modes
      }
      request.onupgradeneeded = () => {
        for (const table of TABLES)
          if (!request.result.objectStoreNames.contains(table)) request.result.createObjectStore(table);
      };
      request.onblocked = () => fail('IndexedDB open is blocked by another tab');
      request.onerror = () => {
        clearTimeout(timer);
        fail(`IndexedDB refused to open: ${request.error?.name}`, request.error);
      };
      request.onsuccess = () => {
        clearTimeout(timer);
        const db = request.result;
        if (settled) return db.close(); // it opened after we gave up on it
        settled = true;
        // Another tab wants a newer version: step aside rather than block it.
        db.onversionchange = () => {
          db.close();
          dbp = undefined;
        };
        db.onclose = () => (dbp = undefined);
        resolve(db);
      };
    }));
  }

  async function once<T>(names: readonly TableName[], mode: IDBTransactionMode, fn: (t: Tables) => T): Promise<T> {
    const db = await open();
    const tx = db.transaction(names as TableName[], mode, { durability: mode === 'readwrite' ? 'strict' : 'default' });
    const done = promisifyRequest(tx);
    done.catch(() => {}); // awaited below; an early abort must not surface as unhandled
    const tables = {} as Tables;
    await Promise.all(
      names.map(async (n) => {
        const store = tx.objectStore(n);
        const [keys, values] = await Promise.all([promisifyRequest(store.getAllKeys()), promisifyRequest(store.getAll())]);
        tables[n] = new Table(keys.map((k, i) => [String(k), values[i]]));
        tables[n].written.clear();
      }),
    );
    let result: T;
    try {
      result = fn(tables);
      for (const n of names)
        for (const key of tables[n].written)
          tables[n].has(key) ? tx.objectStore(n).put(tables[n].get(key), key) : tx.objectStore(n).delete(key);
    } catch (err) {
      // A synchronous QuotaExceededError from put() lands here, not in onerror (Eventra PR #10904).
      try {
        tx.abort();
      } catch {}
      throw err;
    }
    await done; // resolved only once the transaction has committed
    return result;
  }

  return {
    durability: 'indexeddb',
    async transact(names, mode, fn) {
      try {
        return await once(names, mode, fn);
      } catch (err) {
        if (!isConnectionLost(err)) throw err;
        // Drop the dead connection, reopen, and try once more (Expensify/App#87864).
        (await dbp?.catch(() => undefined))?.close();
        dbp = undefined;
        return once(names, mode, fn);
      }
    },
    close() {
      dbp?.then((db) => db.close(), () => {});
      dbp = undefined;
    },
  };
}

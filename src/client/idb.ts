/**
 * The outbox's IndexedDB storage: one database, three object stores, and a connection wrapper
 * for the ways browsers break it (reliability.md §2).
 */
import { promisifyRequest as done } from 'idb-keyval';
import { OPEN_TIMEOUT_MS } from './policy.js';
import { type Storage, TABLES, type TableName, type Tables, copyTables } from './store.js';

export interface IdbOptions {
  /** @default globalThis.indexedDB */
  factory?: IDBFactory;
  /** @default OPEN_TIMEOUT_MS */
  openTimeoutMs?: number;
}

/** Storage that could not be opened at all: the client falls back to memory. */
export class StorageUnavailableError extends Error {
  override name = 'StorageUnavailableError' as const;
}

/** WebKit drops connections in the background ("Connection to Indexed Database server lost"). */
const CONNECTION_LOST = ['UnknownError', 'InvalidStateError'];

export function idbStorage(
  name: string,
  { factory = globalThis.indexedDB, openTimeoutMs = OPEN_TIMEOUT_MS }: IdbOptions = {},
): Storage {
  let dbp: Promise<IDBDatabase> | undefined;
  const close = () => {
    dbp?.then((db) => db.close(), () => {});
    dbp = undefined;
  };

  const open = () =>
    (dbp ??= new Promise((resolve, reject) => {
      let settled = false;
      const fail = (why: string, cause?: unknown) => {
        clearTimeout(timer);
        if (!settled) reject(new StorageUnavailableError(why, { cause }));
        settled = true;
        dbp = undefined;
      };
      // Safari 14 could leave the first open() pending forever (idb-keyval#120).
      const timer = setTimeout(fail, openTimeoutMs, 'IndexedDB open timed out');
      try {
        const request = factory.open(name); // no version: a newer widget may have upgraded it
        request.onupgradeneeded = () => {
          for (const n of TABLES)
            if (!request.result.objectStoreNames.contains(n)) request.result.createObjectStore(n);
        };
        request.onerror = () => fail('IndexedDB open failed', request.error);
        request.onsuccess = () => {
          const db = request.result;
          if (settled) return db.close(); // it opened after we gave up on it
          settled = true;
          clearTimeout(timer);
          // Another tab wants a newer version: step aside rather than block it. And Safari
          // sometimes just closes the connection: open a new one next time.
          db.onversionchange = db.onclose = close;
          resolve(db);
        };
      } catch (err) {
        fail('no IndexedDB', err); // none at all, or a SecurityError in private modes
      }
    }));

  async function once<T>(names: readonly TableName[], mode: IDBTransactionMode, fn: (t: Tables) => T): Promise<T> {
    const tx = (await open()).transaction(names, mode, { durability: 'strict' });
    const committed = done(tx);
    committed.catch(() => {}); // awaited below; an early abort must not surface as unhandled
    const before: Partial<Tables> = {};
    await Promise.all(
      names.map(async (n) => {
        const store = tx.objectStore(n);
        const [keys, values] = await Promise.all([done(store.getAllKeys()), done(store.getAll())]);
        before[n] = new Map(keys.map((k, i) => [k as string, values[i]]));
      }),
    );
    const tables = copyTables(names, before);
    try {
      const result = fn(tables);
      for (const n of names) {
        const store = tx.objectStore(n);
        tables[n].forEach((v, k) => v !== before[n]!.get(k) && store.put(v, k));
        before[n]!.forEach((_, k) => tables[n].has(k) || store.delete(k));
      }
      await committed; // resolves only once the transaction has committed
      return result;
    } catch (err) {
      // A synchronous QuotaExceededError from put() lands here, not in onerror (Eventra PR #10904).
      try {
        tx.abort();
      } catch {}
      throw err;
    }
  }

  return {
    durability: 'indexeddb',
    async transact(names, mode, fn) {
      try {
        return await once(names, mode, fn);
      } catch (err) {
        if (!CONNECTION_LOST.includes((err as Error)?.name)) throw err;
        // Drop the dead connection, reopen, and try once more (Expensify/App#87864).
        close();
        return once(names, mode, fn);
      }
    },
    close,
  };
}

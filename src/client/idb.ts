/**
 * The outbox's IndexedDB storage: one database, three object stores, and a connection wrapper for
 * the ways browsers break it: opens that never answer, connections dropped in the background,
 * upgrades from another tab, quotas.
 */
import { promisifyRequest as done } from 'idb-keyval';
import { OPEN_TIMEOUT_MS } from './policy.js';
import { type Key, type Storage, TABLES, type TableName, type Tx } from './store.js';

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
/**
 * 3: `queue` (keyed by `[queuedAt, rev]`), `dead`, `meta`. (Versions 1–2 were
 * pre-release layouts with an `outbox` store; a database that has one keeps it untouched.)
 */
const VERSION = 3;

/**
 * [`from`, `to`], either end open. IndexedDB sorts numbers before all other keys and arrays after
 * them, an array by its elements: -Infinity and `[[]]` bound every key the outbox writes (strings,
 * and `[queuedAt, rev]`).
 */
const range = (from?: IDBValidKey, to?: IDBValidKey) =>
  from === undefined && to === undefined ? null : IDBKeyRange.bound(from ?? -Infinity, to ?? [[]]);

export function idbStorage(name: string, { factory = globalThis.indexedDB, openTimeoutMs = OPEN_TIMEOUT_MS }: IdbOptions = {}): Storage {
  let dbp: Promise<IDBDatabase> | undefined;
  let current: IDBDatabase | undefined;
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
      /**
       * Asks for VERSION, which adds whatever is missing (an upgrade only ever adds). A database
       * a newer widget took further refuses it: open it as it is, as a tab on older code would.
       */
      const attempt = (version?: number) => {
        const request = factory.open(name, version);
        request.onupgradeneeded = () => {
          const db = request.result;
          for (const table of TABLES) if (!db.objectStoreNames.contains(table)) db.createObjectStore(table);
        };
        request.onerror = () => {
          if (version) attempt();
          else fail('IndexedDB open failed', request.error);
        };
        request.onsuccess = () => {
          const db = request.result;
          if (settled) return db.close(); // it opened after we gave up on it
          settled = true;
          clearTimeout(timer);
          // Another tab wants a newer version: step aside rather than block it. And Safari
          // sometimes just closes the connection: open a new one next time.
          db.onversionchange = db.onclose = () => {
            db.close();
            // A late event from a connection already replaced must not drop the new one.
            if (current !== db) return;
            current = undefined;
            dbp = undefined;
          };
          current = db;
          resolve(db);
        };
      };
      try {
        attempt(VERSION);
      } catch (err) {
        fail('no IndexedDB', err); // none at all, or a SecurityError in private modes
      }
    }));

  async function once<T>(mode: IDBTransactionMode, fn: (tx: Tx) => Promise<T>, strict?: boolean): Promise<T> {
    const tx = (await open()).transaction(TABLES, mode, { durability: strict ? 'strict' : 'relaxed' });
    const committed = done(tx);
    committed.catch(() => {}); // awaited below; an early abort must not surface as unhandled
    const store = (table: TableName) => tx.objectStore(table);
    try {
      const result = await fn({
        get: (table, key) => done(store(table).get(key)),
        // A synchronous QuotaExceededError from put() lands in the catch below (Eventra PR #10904).
        put(table, key, value) {
          if (value === undefined) store(table).delete(key);
          else store(table).put(value, key);
        },
        async rows(table, from, to, limit) {
          const keyRange = range(from, to);
          const [keys, values] = await Promise.all([done(store(table).getAllKeys(keyRange, limit)), done(store(table).getAll(keyRange, limit))]);
          return keys.map((key, i) => [key as Key, values[i]]);
        },
        keys: (table, from, to, limit) => done(store(table).getAllKeys(range(from, to), limit)) as Promise<Key[]>,
        drop(table, from, to) {
          store(table).delete(IDBKeyRange.bound(from, to));
        },
      });
      await committed; // resolves only once the transaction has committed
      return result;
    } catch (err) {
      try {
        tx.abort();
      } catch {}
      throw err;
    }
  }

  return {
    durability: 'indexeddb',
    async transact(mode, fn, strict) {
      try {
        return await once(mode, fn, strict);
      } catch (err) {
        if (!CONNECTION_LOST.includes((err as Error)?.name)) throw err;
        // Drop the dead connection, reopen, and try once more (Expensify/App#87864).
        close();
        return once(mode, fn, strict);
      }
    },
    close,
  };
}

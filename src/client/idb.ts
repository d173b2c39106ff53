/**
 * The outbox's IndexedDB storage: one database, three object stores and an index of the outbox
 * by `queuedAt`, and a connection wrapper for the ways browsers break it (reliability.md §2).
 */
import { promisifyRequest as done } from 'idb-keyval';
import { OPEN_TIMEOUT_MS } from './policy.js';
import { type Order, type Storage, TABLES, type Tx, eachRow } from './store.js';

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
/** The outbox's index (and the record field it reads): queue order without reading the queue. */
const QUEUED_AT = 'queuedAt';
/** 1: the three stores; 2: and the `queuedAt` index. */
const VERSION = 2;

export function idbStorage(
  name: string,
  { factory = globalThis.indexedDB, openTimeoutMs = OPEN_TIMEOUT_MS }: IdbOptions = {},
): Storage {
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
       * Asks for VERSION, which adds whatever is missing (an upgrade only ever adds: no store or
       * record is deleted). A database a newer widget took further refuses it: open it as it is,
       * as tabs on older code, which ask for no version, always do.
       */
      const attempt = (version?: number) => {
        const request = factory.open(name, version);
        request.onupgradeneeded = () => {
          const db = request.result;
          for (const n of TABLES) if (!db.objectStoreNames.contains(n)) db.createObjectStore(n);
          const outbox = request.transaction!.objectStore('outbox');
          if (!outbox.indexNames.contains(QUEUED_AT)) outbox.createIndex(QUEUED_AT, QUEUED_AT);
        };
        // Not fatal either when the upgrade fails (no quota to build the index): without the
        // index, the outbox reads its whole table to find the queue order, as before.
        request.onerror = () => (version ? attempt() : fail('IndexedDB open failed', request.error));
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
            if (current === db) (current = undefined), (dbp = undefined);
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

  async function once<T>(mode: IDBTransactionMode, fn: (tx: Tx) => Promise<T>): Promise<T> {
    const tx = (await open()).transaction(TABLES, mode, { durability: 'strict' });
    const committed = done(tx);
    committed.catch(() => {}); // awaited below; an early abort must not surface as unhandled
    const store = (n: string) => tx.objectStore(n);
    /** Visits a store or index with a cursor until `visit` returns false. */
    const cursor = (source: IDBObjectStore | IDBIndex, visit: (value: unknown, key: string) => unknown, order?: Order, from = -Infinity) =>
      new Promise<void>((resolve, reject) => {
        const request = source.openCursor(null, order);
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const c = request.result;
          try {
            if (!c) resolve();
            else if ((c.key as number) < from) c.continue(from); // a jump to where the walk starts
            else if (visit(c.value, c.primaryKey as string) !== false) c.continue();
            else resolve();
          } catch (err) {
            reject(err); // a put() that throws, as below
          }
        };
      });
    try {
      const result = await fn({
        get: (n, k) => done(store(n).get(k)),
        // A synchronous QuotaExceededError from put() lands in the catch below (Eventra PR #10904).
        put: (n, k, v) => void (v === undefined ? store(n).delete(k) : store(n).put(v, k)),
        count: (n) => done(store(n).count()),
        async each(n, visit, order, from) {
          const s = store(n);
          if (!order) return cursor(s, visit);
          // Writes between a cursor's steps stop Chromium prefetching it: callers write after their walk.
          if (s.indexNames.contains(QUEUED_AT)) return cursor(s.index(QUEUED_AT), visit, order, from);
          const rows: [string, unknown][] = []; // no index: an upgrade that could not be made
          await cursor(s, (v, k) => void rows.push([k, v]));
          return eachRow(rows, visit, order, from);
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
    async transact(mode, fn) {
      try {
        return await once(mode, fn);
      } catch (err) {
        if (!CONNECTION_LOST.includes((err as Error)?.name)) throw err;
        // Drop the dead connection, reopen, and try once more (Expensify/App#87864).
        close();
        return once(mode, fn);
      }
    },
    close,
  };
}

// @vitest-environment node
// The IndexedDB connection wrapper, on fake-indexeddb, through the faults browsers produce.
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { StorageUnavailableError, idbStorage } from '../../src/client/idb.js';
import { type Order, type TableName, type Tx, memoryStorage } from '../../src/client/store.js';

const write = (key: string, value: unknown) => async (tx: Tx) => tx.put('outbox', key, value);
/** Every `[key, value]` of a table, in key order (or queue order). */
async function rows(tx: Tx, table: TableName = 'outbox', order?: Order) {
  const out: [string, unknown][] = [];
  await tx.each(table, (v, k) => void out.push([k, v]), order);
  return out;
}
const readAll = async (tx: Tx) => Object.fromEntries(await rows(tx));
const queueOrder = async (tx: Tx) => (await rows(tx, 'outbox', 'next')).map(([k]) => k);

/** A factory whose connections throw `name` on their next `count` transactions, as WebKit does. */
function flaky(real: IDBFactory, name: string, count: number): IDBFactory & { failures: number } {
  const state = { left: count, failures: 0 };
  const wrapped = {
    open(db: string, version?: number) {
      const request = real.open(db, version);
      request.addEventListener('success', () => {
        const conn = request.result;
        const original = conn.transaction.bind(conn);
        conn.transaction = ((...args: Parameters<typeof original>) => {
          if (state.left > 0) {
            state.left--;
            state.failures++;
            throw new DOMException('Connection to Indexed Database server lost. Refresh the page to try again', name);
          }
          return original(...args);
        }) as typeof conn.transaction;
      });
      return request;
    },
    get failures() {
      return state.failures;
    },
  };
  return wrapped as unknown as IDBFactory & { failures: number };
}

describe('idbStorage', () => {
  it('writes and reads back across connections, all or nothing', async () => {
    const factory = new IDBFactory();
    await idbStorage('db', { factory }).transact('readwrite', write('a', { n: 1 }));
    const other = idbStorage('db', { factory });
    expect(await other.transact('readonly', readAll)).toEqual({ a: { n: 1 } });
    await expect(
      other.transact('readwrite', async (tx) => {
        tx.put('outbox', 'b', 2);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await other.transact('readonly', readAll)).toEqual({ a: { n: 1 } });
  });

  it.each(['UnknownError', 'InvalidStateError'])('reopens and retries once when the connection is lost (%s)', async (name) => {
    const factory = flaky(new IDBFactory(), name, 1);
    const storage = idbStorage('db', { factory });
    await storage.transact('readwrite', write('a', 1));
    expect(factory.failures).toBe(1);
    expect(await storage.transact('readonly', readAll)).toEqual({ a: 1 });
  });

  it('surfaces a second failure instead of retrying forever', async () => {
    const factory = flaky(new IDBFactory(), 'UnknownError', 2);
    await expect(idbStorage('db', { factory }).transact('readwrite', write('a', 1))).rejects.toMatchObject({ name: 'UnknownError' });
  });

  it('gives up on an open that never answers, as Safari 14 did', async () => {
    const hung = { open: () => ({}) } as unknown as IDBFactory;
    const started = Date.now();
    await expect(idbStorage('db', { factory: hung, openTimeoutMs: 50 }).transact('readonly', async () => 0)).rejects.toBeInstanceOf(StorageUnavailableError);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('reports storage that refuses to open (private mode SecurityError, no indexedDB)', async () => {
    const refusing = { open: () => { throw new DOMException('The operation is insecure.', 'SecurityError'); } } as unknown as IDBFactory;
    await expect(idbStorage('db', { factory: refusing }).transact('readonly', async () => 0)).rejects.toBeInstanceOf(StorageUnavailableError);
    await expect(idbStorage('db', { factory: undefined as unknown as IDBFactory }).transact('readonly', async () => 0)).rejects.toBeInstanceOf(StorageUnavailableError);
  });

  it('steps aside for another tab’s upgrade, then reopens', async () => {
    const factory = new IDBFactory();
    const storage = idbStorage('db', { factory });
    await storage.transact('readwrite', write('a', 1));
    const upgraded = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open('db', 3);
      request.onupgradeneeded = () => request.result.createObjectStore('extra');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error('blocked: the old connection did not close'));
    });
    upgraded.close();
    expect(await storage.transact('readonly', readAll)).toEqual({ a: 1 });
  });

  it('rejects a write the quota refuses and keeps what was there', async () => {
    const factory = new IDBFactory();
    const storage = idbStorage('db', { factory });
    await storage.transact('readwrite', write('a', 1));
    const proto = Object.getPrototypeOf((await new Promise<IDBDatabase>((resolve) => {
      const r = factory.open('probe');
      r.onupgradeneeded = () => r.result.createObjectStore('s');
      r.onsuccess = () => resolve(r.result);
    })).transaction('s', 'readwrite').objectStore('s'));
    const put = proto.put;
    proto.put = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    try {
      await expect(storage.transact('readwrite', write('b', 2))).rejects.toMatchObject({ name: 'QuotaExceededError' });
    } finally {
      proto.put = put;
    }
    expect(await storage.transact('readonly', readAll)).toEqual({ a: 1 });
  });
});

/** What a tab on the previous code does: open with no version, read whole stores, write by key. */
function oldTab(factory: IDBFactory, name = 'db') {
  const open = () =>
    new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(name);
      request.onupgradeneeded = () => {
        for (const n of ['outbox', 'dead', 'meta']) if (!request.result.objectStoreNames.contains(n)) request.result.createObjectStore(n);
      };
      request.onsuccess = () => {
        request.result.onversionchange = () => request.result.close();
        resolve(request.result);
      };
      request.onerror = () => reject(request.error);
    });
  const run = async <T>(fn: (s: IDBObjectStore) => T) => {
    const db = await open();
    const tx = db.transaction(['outbox', 'dead', 'meta'], 'readwrite');
    const result = fn(tx.objectStore('outbox'));
    await new Promise((resolve, reject) => ((tx.oncomplete = resolve), (tx.onerror = () => reject(tx.error))));
    return { db, result };
  };
  return {
    open,
    put: (key: string, value: unknown) => run((s) => s.put(value, key)),
    async all() {
      const db = await open();
      const r = db.transaction('outbox').objectStore('outbox').getAll();
      const values = await new Promise<unknown[]>((resolve) => (r.onsuccess = () => resolve(r.result)));
      db.close();
      return values;
    },
  };
}

const rec = (id: string, queuedAt: number) => ({ v: 1, id, submission: { id, kind: 'feedback', body: id }, bytes: 10, attempts: 0, nextAttemptAt: 0, queuedAt, rev: 1 });

describe('upgrading a database the previous code made', () => {
  it('adds the queuedAt index at version 2, keeping every store and record', async () => {
    const factory = new IDBFactory();
    const old = oldTab(factory);
    (await old.put('b', rec('b', 2))).db.close();
    (await old.put('a', rec('a', 1))).db.close();
    (await old.put('junk', 'not a record')).db.close();

    const storage = idbStorage('db', { factory });
    expect(await storage.transact('readonly', queueOrder)).toEqual(['a', 'b']);
    expect((await storage.transact('readonly', (tx) => rows(tx))).map(([k]) => k).sort()).toEqual(['a', 'b', 'junk']);
    storage.close();

    const db = await old.open();
    expect(db.version).toBe(2);
    expect([...db.objectStoreNames].sort()).toEqual(['dead', 'meta', 'outbox']);
    expect([...db.transaction('outbox').objectStore('outbox').indexNames]).toEqual(['queuedAt']);
    db.close();
  });

  it('is not blocked by a tab on the previous code, which keeps working with no version asked', async () => {
    const factory = new IDBFactory();
    const old = oldTab(factory);
    const { db: oldConnection } = await old.put('a', rec('a', 1)); // left open, as a live tab would
    expect(oldConnection.version).toBe(1);

    const storage = idbStorage('db', { factory, openTimeoutMs: 2_000 });
    await storage.transact('readwrite', async (tx) => tx.put('outbox', 'b', rec('b', 2)));
    // The old tab stepped aside (versionchange) and opens the upgraded database as it is.
    (await old.put('c', rec('c', 3))).db.close();
    expect((await old.all()).map((r) => (r as { id: string }).id)).toEqual(['a', 'b', 'c']);
    expect(await storage.transact('readonly', queueOrder)).toEqual(['a', 'b', 'c']); // the old tab's write is in the index too
  });

  it('opens a database a newer widget took to a later version as it is, and walks it without an index if it has none', async () => {
    const factory = new IDBFactory();
    await new Promise<void>((resolve) => {
      const request = factory.open('db', 7);
      request.onupgradeneeded = () => {
        for (const n of ['outbox', 'dead', 'meta']) request.result.createObjectStore(n);
        request.transaction!.objectStore('outbox').put(rec('z', 2), 'z');
        request.transaction!.objectStore('outbox').put(rec('y', 1), 'y');
      };
      request.onsuccess = () => (request.result.close(), resolve());
    });
    const storage = idbStorage('db', { factory });
    expect(await storage.transact('readonly', queueOrder)).toEqual(['y', 'z']);
  });
});

describe.each([
  ['IndexedDB', () => idbStorage('db', { factory: new IDBFactory() })],
  ['memory', () => memoryStorage()],
])('the %s storage', (_, make) => {
  it('walks the outbox in queue order, either way, until told to stop; only a walk in key order sees a record without queuedAt', async () => {
    const storage = make();
    await storage.transact('readwrite', async (tx) => {
      for (const [k, at] of [['c', 3], ['a', 1], ['b', 2], ['d', 4]] as const) tx.put('outbox', k, rec(k, at));
      tx.put('outbox', 'junk', { v: 1 });
    });
    const seen = (order?: Order, stopAfter = 9, from?: number) =>
      storage.transact('readonly', async (tx) => {
        const keys: string[] = [];
        await tx.each('outbox', (_, k) => (keys.push(k), keys.length < stopAfter), order, from);
        return keys;
      });
    expect(await seen('next')).toEqual(['a', 'b', 'c', 'd']);
    expect(await seen('prev', 1)).toEqual(['d']);
    expect(await seen('next', 2)).toEqual(['a', 'b']);
    expect(await seen('next', 9, 2)).toEqual(['b', 'c', 'd']);
    expect(await seen('next', 9, 2.5)).toEqual(['c', 'd']);
    expect((await seen()).sort()).toEqual(['a', 'b', 'c', 'd', 'junk']);
    expect(await storage.transact('readonly', (tx) => tx.count('outbox'))).toBe(5);
  });

  it('keeps nothing of a transaction that throws, and runs transactions one at a time', async () => {
    const storage = make();
    await expect(
      storage.transact('readwrite', async (tx) => {
        tx.put('outbox', 'a', rec('a', 1));
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await storage.transact('readonly', (tx) => tx.count('outbox'))).toBe(0);
    // Read-modify-write from two transactions at once: neither loses the other's write.
    const bump = () =>
      storage.transact('readwrite', async (tx) => {
        const n = Number(await tx.get('meta', 'n')) || 0;
        await tx.get('meta', 'other'); // more reads in between
        tx.put('meta', 'n', n + 1);
      });
    await Promise.all([bump(), bump(), bump()]);
    expect(await storage.transact('readonly', (tx) => tx.get('meta', 'n'))).toBe(3);
  });
});

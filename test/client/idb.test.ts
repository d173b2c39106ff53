// @vitest-environment node
// The IndexedDB connection wrapper, on fake-indexeddb, through the faults browsers produce.
import { IDBFactory, interceptTransactions } from '../fake-idb.js';
import { describe, expect, it } from 'vitest';
import { StorageUnavailableError, idbStorage } from '../../src/client/idb.js';
import { type Tx, memoryStorage } from '../../src/client/store.js';

const write = (key: number, value: unknown) => async (tx: Tx) => tx.put('queue', key, value);
const readAll = async (tx: Tx) => Object.fromEntries(await tx.rows('queue'));

/** A factory whose connections throw `name` on their next `count` transactions, as WebKit does. */
function flaky(real: IDBFactory, name: string, count: number): IDBFactory & { failures: number } {
  const state = { failures: 0 };
  const factory = interceptTransactions(real, (open, ...args) => {
    if (state.failures === count) return open(...args);
    state.failures++;
    throw new DOMException('Connection to Indexed Database server lost. Refresh the page to try again', name);
  });
  return Object.defineProperty(factory, 'failures', { get: () => state.failures }) as IDBFactory & { failures: number };
}

describe('idbStorage', () => {
  it('writes and reads back across connections, all or nothing', async () => {
    const factory = new IDBFactory();
    await idbStorage('db', { factory }).transact('readwrite', write(1, { id: 'a', n: 1 }));
    const other = idbStorage('db', { factory });
    expect(await other.transact('readonly', readAll)).toEqual({ 1: { id: 'a', n: 1 } });
    await expect(
      other.transact('readwrite', async (tx) => {
        tx.put('queue', 2, { id: 'b' });
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await other.transact('readonly', readAll)).toEqual({ 1: { id: 'a', n: 1 } });
  });

  it.each(['UnknownError', 'InvalidStateError'])('reopens and retries once when the connection is lost (%s)', async (name) => {
    const factory = flaky(new IDBFactory(), name, 1);
    const storage = idbStorage('db', { factory });
    await storage.transact('readwrite', write(1, { id: 'a' }));
    expect(factory.failures).toBe(1);
    expect(await storage.transact('readonly', readAll)).toEqual({ 1: { id: 'a' } });
  });

  it('surfaces a second failure instead of retrying forever', async () => {
    const factory = flaky(new IDBFactory(), 'UnknownError', 2);
    await expect(idbStorage('db', { factory }).transact('readwrite', write(1, { id: 'a' }))).rejects.toMatchObject({ name: 'UnknownError' });
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
    await storage.transact('readwrite', write(1, { id: 'a' }));
    const upgraded = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open('db', 4);
      request.onupgradeneeded = () => request.result.createObjectStore('extra');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error('blocked: the old connection did not close'));
    });
    upgraded.close();
    expect(await storage.transact('readonly', readAll)).toEqual({ 1: { id: 'a' } });
  });

  it('rejects a write the quota refuses and keeps what was there', async () => {
    const factory = new IDBFactory();
    const storage = idbStorage('db', { factory });
    await storage.transact('readwrite', write(1, { id: 'a' }));
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
      await expect(storage.transact('readwrite', write(2, { id: 'b' }))).rejects.toMatchObject({ name: 'QuotaExceededError' });
    } finally {
      proto.put = put;
    }
    expect(await storage.transact('readonly', readAll)).toEqual({ 1: { id: 'a' } });
  });
});

const rec = (id: string, queuedAt: number) => ({ v: 1, id, submission: { id, kind: 'feedback', body: id }, bytes: 10, attempts: 0, nextAttemptAt: 0, queuedAt, rev: 1 });

/** Makes database `db` at `version` with `stores`, filled by `fill`. */
const made = (factory: IDBFactory, version: number, stores: string[], fill: (tx: IDBTransaction) => void = () => {}) =>
  new Promise<void>((resolve, reject) => {
    const request = factory.open('db', version);
    request.onupgradeneeded = () => {
      for (const n of stores) request.result.createObjectStore(n);
      fill(request.transaction!);
    };
    request.onsuccess = () => (request.result.close(), resolve());
    request.onerror = () => reject(request.error);
  });

describe('databases other code made', () => {
  it('adds its stores beside a pre-release layout and leaves that one untouched', async () => {
    const factory = new IDBFactory();
    await made(factory, 2, ['outbox', 'dead', 'meta'], (tx) => tx.objectStore('outbox').put(rec('old', 1), 'old'));
    const storage = idbStorage('db', { factory });
    await storage.transact('readwrite', write(5, rec('new', 5)));
    expect(await storage.transact('readonly', (tx) => tx.get('queue', 5))).toEqual(rec('new', 5));
    storage.close();
    const db = await new Promise<IDBDatabase>((resolve) => {
      const r = factory.open('db');
      r.onsuccess = () => resolve(r.result);
    });
    expect(db.version).toBe(3);
    expect([...db.objectStoreNames].sort()).toEqual(['dead', 'meta', 'outbox', 'queue']);
    const old = await new Promise((resolve) => {
      const r = db.transaction('outbox').objectStore('outbox').getAll();
      r.onsuccess = () => resolve(r.result);
    });
    expect(old).toEqual([rec('old', 1)]);
    db.close();
  });

  it('opens a database a newer widget took to a later version as it is', async () => {
    const factory = new IDBFactory();
    await made(factory, 7, ['queue', 'dead', 'meta'], (tx) => {
      tx.objectStore('queue').createIndex('id', 'id', { unique: true });
      tx.objectStore('queue').put(rec('z', 2), 2);
    });
    const storage = idbStorage('db', { factory });
    expect(await storage.transact('readonly', readAll)).toEqual({ 2: rec('z', 2) });
  });
});

describe.each([
  ['IndexedDB', () => idbStorage('db', { factory: new IDBFactory() })],
  ['memory', () => memoryStorage()],
])('the %s storage', (_, make) => {
  it('reads ranges of the queue in key order and deletes ranges', async () => {
    const storage = make();
    await storage.transact('readwrite', async (tx) => {
      for (const [id, at] of [['c', 30], ['a', 10], ['b', 20], ['d', 40]] as const) tx.put('queue', at, rec(id, at));
    });
    const keys = (from?: number, to?: number, limit?: number) =>
      storage.transact('readonly', async (tx) => (await tx.rows('queue', from, to, limit)).map(([k]) => k));
    expect(await keys()).toEqual([10, 20, 30, 40]);
    expect(await keys(20)).toEqual([20, 30, 40]);
    expect(await keys(15, 30)).toEqual([20, 30]);
    expect(await keys(undefined, 25)).toEqual([10, 20]);
    expect(await keys(undefined, undefined, 2)).toEqual([10, 20]);
    expect(await storage.transact('readonly', (tx) => tx.rows('queue', 30, 30))).toEqual([[30, rec('c', 30)]]);
    await storage.transact('readwrite', async (tx) => tx.drop('queue', 15, 30));
    expect(await keys()).toEqual([10, 40]);
    expect(await storage.transact('readonly', (tx) => tx.get('queue', 20))).toBeUndefined();
  });

  it('orders [queuedAt, rev] keys by place, then revision, and reads keys alone', async () => {
    const storage = make();
    await storage.transact('readwrite', async (tx) => {
      for (const key of [[30, 1], [10, 2], [20, 9], [20, 10], [100, 1]]) tx.put('queue', key, { id: String(key) });
    });
    expect(await storage.transact('readonly', (tx) => tx.keys('queue', [20], [30, Infinity]))).toEqual([[20, 9], [20, 10], [30, 1]]);
    await storage.transact('readwrite', async (tx) => tx.drop('queue', [10, 2], [20, 9]));
    expect(await storage.transact('readonly', (tx) => tx.keys('queue'))).toEqual([[20, 10], [30, 1], [100, 1]]);
  });

  it('keeps nothing of a transaction that throws, and runs transactions one at a time', async () => {
    const storage = make();
    await expect(
      storage.transact('readwrite', async (tx) => {
        tx.put('queue', 1, rec('a', 1));
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await storage.transact('readonly', (tx) => tx.keys('queue'))).toEqual([]);
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

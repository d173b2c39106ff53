// @vitest-environment node
// The IndexedDB connection wrapper, on fake-indexeddb, through the faults browsers produce.
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { StorageUnavailableError, idbStorage } from '../../src/client/idb.js';

const write = (key: string, value: unknown) => (t: { outbox: Map<string, unknown> }) => void t.outbox.set(key, value);
const readAll = (t: { outbox: Map<string, unknown> }) => Object.fromEntries(t.outbox);

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
    await idbStorage('db', { factory }).transact(['outbox'], 'readwrite', write('a', { n: 1 }));
    const other = idbStorage('db', { factory });
    expect(await other.transact(['outbox'], 'readonly', readAll)).toEqual({ a: { n: 1 } });
    await expect(
      other.transact(['outbox'], 'readwrite', (t) => {
        t.outbox.set('b', 2);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await other.transact(['outbox'], 'readonly', readAll)).toEqual({ a: { n: 1 } });
  });

  it.each(['UnknownError', 'InvalidStateError'])('reopens and retries once when the connection is lost (%s)', async (name) => {
    const factory = flaky(new IDBFactory(), name, 1);
    const storage = idbStorage('db', { factory });
    await storage.transact(['outbox'], 'readwrite', write('a', 1));
    expect(factory.failures).toBe(1);
    expect(await storage.transact(['outbox'], 'readonly', readAll)).toEqual({ a: 1 });
  });

  it('surfaces a second failure instead of retrying forever', async () => {
    const factory = flaky(new IDBFactory(), 'UnknownError', 2);
    await expect(idbStorage('db', { factory }).transact(['outbox'], 'readwrite', write('a', 1))).rejects.toMatchObject({ name: 'UnknownError' });
  });

  it('gives up on an open that never answers, as Safari 14 did', async () => {
    const hung = { open: () => ({}) } as unknown as IDBFactory;
    const started = Date.now();
    await expect(idbStorage('db', { factory: hung, openTimeoutMs: 50 }).transact(['meta'], 'readonly', () => 0)).rejects.toBeInstanceOf(StorageUnavailableError);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('reports storage that refuses to open (private mode SecurityError, no indexedDB)', async () => {
    const refusing = { open: () => { throw new DOMException('The operation is insecure.', 'SecurityError'); } } as unknown as IDBFactory;
    await expect(idbStorage('db', { factory: refusing }).transact(['meta'], 'readonly', () => 0)).rejects.toBeInstanceOf(StorageUnavailableError);
    await expect(idbStorage('db', { factory: undefined as unknown as IDBFactory }).transact(['meta'], 'readonly', () => 0)).rejects.toBeInstanceOf(StorageUnavailableError);
  });

  it('steps aside for another tab’s upgrade, then reopens', async () => {
    const factory = new IDBFactory();
    const storage = idbStorage('db', { factory });
    await storage.transact(['outbox'], 'readwrite', write('a', 1));
    const upgraded = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open('db', 2);
      request.onupgradeneeded = () => request.result.createObjectStore('extra');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error('blocked: the old connection did not close'));
    });
    upgraded.close();
    expect(await storage.transact(['outbox'], 'readonly', readAll)).toEqual({ a: 1 });
  });

  it('rejects a write the quota refuses and keeps what was there', async () => {
    const factory = new IDBFactory();
    const storage = idbStorage('db', { factory });
    await storage.transact(['outbox'], 'readwrite', write('a', 1));
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
      await expect(storage.transact(['outbox'], 'readwrite', write('b', 2))).rejects.toMatchObject({ name: 'QuotaExceededError' });
    } finally {
      proto.put = put;
    }
    expect(await storage.transact(['outbox'], 'readonly', readAll)).toEqual({ a: 1 });
  });
});

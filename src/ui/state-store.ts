/**
 * The one place the widget keeps its own state (when a prompt was shown, dismissed, answered):
 * IndexedDB, else localStorage, else memory — each failure falls to the next (user-asks.md §C8).
 */
import { promisifyRequest as done } from 'idb-keyval';

/** One storage layer. */
export interface KeyValue {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<unknown>;
}

export interface StateStore extends KeyValue {
  update<T>(key: string, change: (value: T | undefined) => T): Promise<T>;
}

/** Opening IndexedDB can hang (Safari 14, idb-keyval#120): past this, use the next layer. */
export const STATE_TIMEOUT_MS = 1_000;

/**
 * IndexedDB, in its own small database opened on first use. A connection that breaks later
 * fails the call, and the store moves on to localStorage for good.
 */
export function idbLayer(): KeyValue {
  let db: Promise<IDBDatabase> | undefined;
  const open = () => {
    const request = indexedDB.open('earful-state');
    request.onupgradeneeded = () => request.result.createObjectStore('state');
    return done(request);
  };
  const run = (op: (s: IDBObjectStore) => IDBRequest, mode?: IDBTransactionMode) =>
    Promise.race([
      (db ??= open()).then((d) => done(op(d.transaction('state', mode).objectStore('state')))),
      new Promise((_, reject) => setTimeout(reject, STATE_TIMEOUT_MS, Error('timeout'))),
    ]);
  return {
    get: (k) => run((s) => s.get(k)),
    set: (k, v) => run((s) => s.put(v, k), 'readwrite'),
  };
}

export const localLayer = (): KeyValue => ({
  get: async (k) => JSON.parse(localStorage.getItem(`earful:${k}`)!) ?? undefined,
  set: async (k, v) => localStorage.setItem(`earful:${k}`, JSON.stringify(v)),
});

export function memoryLayer(): KeyValue {
  const m = new Map<string, unknown>();
  return { get: async (k) => m.get(k), set: async (k, v) => m.set(k, v) };
}

/** Tries each layer in turn; one that fails once is not asked again. The last must not fail. */
export function createStateStore(layers: KeyValue[] = [idbLayer(), localLayer(), memoryLayer()]): StateStore {
  let i = 0;
  const run = async <T>(op: (l: KeyValue) => Promise<T>): Promise<T> => {
    for (;;)
      try {
        return await op(layers[i]!);
      } catch (err) {
        if (!layers[++i]) throw err;
      }
  };
  const store: StateStore = {
    get: (k) => run((l) => l.get(k)),
    set: (k, v) => run((l) => l.set(k, v)),
    async update(k, change) {
      const v = change((await store.get(k)) as never);
      await store.set(k, v);
      return v;
    },
  };
  return store;
}

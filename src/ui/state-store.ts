/**
 * The one place the widget keeps its own state (when a prompt was shown, dismissed, answered):
 * IndexedDB, else localStorage, else memory — each failure falls to the next (user-asks.md §C8).
 */
import { createStore, promisifyRequest } from 'idb-keyval';

/** One storage layer. */
export interface KeyValue {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
}

export interface StateStore extends KeyValue {
  update<T>(key: string, change: (value: T | undefined) => T): Promise<T>;
}

/** Opening IndexedDB can hang (Safari 14, idb-keyval#120): past this, use the next layer. */
export const STATE_TIMEOUT_MS = 1_000;

const timed = <T>(p: Promise<T>) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(reject, STATE_TIMEOUT_MS, new Error('timeout')))]);

/** IndexedDB through idb-keyval, in its own small database; opened on first use. */
export function idbLayer(): KeyValue {
  let store: ReturnType<typeof createStore> | undefined;
  // idb-keyval's `get`/`set` would pull in its default store; these are the same two lines.
  const run = <T>(mode: IDBTransactionMode, op: (s: IDBObjectStore) => IDBRequest<T> | IDBTransaction) =>
    timed((store ??= createStore('earful-state', 'state'))(mode, (s) => promisifyRequest(op(s) as IDBRequest<T>)));
  return {
    get: (k) => run('readonly', (s) => s.get(k)),
    set: async (k, v) => void (await run('readwrite', (s) => (s.put(v, k), s.transaction))),
  };
}

export function localLayer(): KeyValue {
  return {
    get: async (k) => JSON.parse(localStorage.getItem(`earful:${k}`) ?? 'null') ?? undefined,
    set: async (k, v) => localStorage.setItem(`earful:${k}`, JSON.stringify(v)),
  };
}

export function memoryLayer(): KeyValue {
  const m = new Map<string, unknown>();
  return { get: async (k) => m.get(k), set: async (k, v) => void m.set(k, v) };
}

/** Tries each layer in turn; one that fails once is not asked again. The last must not fail. */
export function createStateStore(layers: KeyValue[] = [idbLayer(), localLayer(), memoryLayer()]): StateStore {
  let i = 0;
  const run = async <T>(op: (l: KeyValue) => Promise<T>): Promise<T> => {
    for (;;)
      try {
        return await op(layers[i]!);
      } catch (err) {
        if (i >= layers.length - 1) throw err;
        i++;
      }
  };
  const store: StateStore = {
    get: (k) => run((l) => l.get(k)),
    set: (k, v) => run((l) => l.set(k, v)),
    update: async (k, change) => {
      const v = change((await store.get(k)) as never);
      await store.set(k, v);
      return v;
    },
  };
  return store;
}

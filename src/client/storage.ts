/**
 * Where one client's outbox lives: IndexedDB, opened on first use; memory where IndexedDB is
 * missing or refuses (private modes, blocked storage, a hung open), and then the app is told.
 */
import type { Emitter } from './events.js';
import { idbStorage } from './idb.js';
import { type Storage, type Transact, memoryStorage } from './store.js';
import type { ClientEvents, Durability } from './types.js';

/** The `error` code of an outbox that fell back to memory: what is queued is lost with the page. */
export const STORAGE_MEMORY_ONLY = 'storage_memory_only';

export interface OutboxStorageOptions {
  dbName: string;
  /** @default globalThis.indexedDB */
  indexedDB?: IDBFactory;
  emit: Emitter<ClientEvents>['emit'];
}

export interface OutboxStorage {
  /** Opens the storage once; every later call gets the same. */
  open(): Promise<Storage>;
  transact: Transact;
  /** `undefined` until the storage has been opened. */
  readonly durability: Durability | undefined;
  close(): void;
}

export function createOutboxStorage({ dbName, indexedDB, emit }: OutboxStorageOptions): OutboxStorage {
  let opened: Promise<Storage> | undefined;
  let durability: Durability | undefined;

  async function openOnce(): Promise<Storage> {
    const idb = idbStorage(dbName, { factory: indexedDB });
    try {
      await idb.transact('readonly', async () => 0);
      return idb;
    } catch (err) {
      emit('error', { error: `outbox in memory only: ${err}`, code: STORAGE_MEMORY_ONLY });
      return memoryStorage();
    }
  }

  function open(): Promise<Storage> {
    opened ??= openOnce().then((storage) => {
      durability = storage.durability;
      return storage;
    });
    return opened;
  }

  return {
    open,
    transact: async (mode, fn, strict) => (await open()).transact(mode, fn, strict),
    get durability() {
      return durability;
    },
    close() {
      void opened?.then((storage) => storage.close());
    },
  };
}

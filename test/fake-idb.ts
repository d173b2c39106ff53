// fake-indexeddb for tests outside a browser: its IDBFactory, and its IDBKeyRange as the global
// that browser code (src/client/idb.ts) reads. Nothing else becomes global: a test that wants no
// IndexedDB at all still has none.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';

globalThis.IDBKeyRange ??= IDBKeyRange as unknown as typeof globalThis.IDBKeyRange;

export { IDBFactory };

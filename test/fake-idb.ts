// fake-indexeddb for tests outside a browser: its IDBFactory, and its IDBKeyRange as the global
// that browser code (src/client/idb.ts) reads. Nothing else becomes global: a test that wants no
// IndexedDB at all still has none.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';

globalThis.IDBKeyRange ??= IDBKeyRange as unknown as typeof globalThis.IDBKeyRange;

export { IDBFactory };

/**
 * `real`, with every transaction its connections open going through `transaction` first (to
 * record it, or to throw as a browser would).
 */
export function interceptTransactions(
  real: IDBFactory,
  transaction: (open: IDBDatabase['transaction'], ...args: Parameters<IDBDatabase['transaction']>) => IDBTransaction,
): IDBFactory {
  return {
    open(name: string, version?: number) {
      const request = real.open(name, version);
      request.addEventListener('success', () => {
        const db = request.result;
        const open = db.transaction.bind(db);
        db.transaction = ((...args: Parameters<IDBDatabase['transaction']>) => transaction(open, ...args)) as IDBDatabase['transaction'];
      });
      return request;
    },
  } as unknown as IDBFactory;
}

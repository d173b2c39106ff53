/**
 * The widget's own small state (when a prompt was shown, answered, dismissed), kept by the
 * client under `earful:<key>`: beside the outbox in IndexedDB, else in localStorage, else in
 * memory. Each layer that fails falls to the next; the last, memory, cannot.
 */
import type { OutboxStorage } from './storage.js';

export type Remember = <T>(key: string, change: (value: T | undefined) => T) => Promise<T>;

export function createRemember(storage: OutboxStorage): Remember {
  /** What neither IndexedDB nor localStorage keeps. */
  const inMemory = new Map<string, unknown>();

  return async function remember<T>(key: string, change: (value: T | undefined) => T): Promise<T> {
    const name = `earful:${key}`;
    try {
      if ((await storage.open()).durability === 'indexeddb') {
        return await storage.transact('readwrite', async (tx) => {
          const value = change((await tx.get('meta', name)) as T | undefined);
          tx.put('meta', name, value);
          return value;
        });
      }
    } catch {
      // The database failed under us: try the next layer.
    }
    try {
      const stored = JSON.parse(localStorage.getItem(name) ?? 'null') as T | null;
      const value = change(stored ?? undefined);
      localStorage.setItem(name, JSON.stringify(value));
      return value;
    } catch {
      // No localStorage, or it refuses (private modes, quotas): keep it for this page only.
    }
    const value = change(inMemory.get(name) as T | undefined);
    inMemory.set(name, value);
    return value;
  };
}

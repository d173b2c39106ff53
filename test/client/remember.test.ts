// @vitest-environment node
// The widget's own small state, kept by the client: beside the outbox in IndexedDB, else in
// localStorage, else in memory.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type ClientOptions, createClient } from '../../src/client/client.js';
import { IDBFactory } from '../fake-idb.js';

const clients: { destroy(): void }[] = [];
const client = (extra: Partial<ClientOptions> = {}) => {
  const c = createClient({ endpoint: 'http://127.0.0.1/v1/feedback', autoFlush: false, locks: null, channel: undefined, fetch: async () => Response.error(), ...extra });
  clients.push(c);
  return c;
};
const bump = (s: { shown?: number } | undefined) => ({ shown: (s?.shown ?? 0) + 1 });
const storageOf = (data: Map<string, string>) => ({ getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) });

afterEach(() => {
  clients.splice(0).forEach((c) => c.destroy());
  vi.unstubAllGlobals();
});

describe('remember', () => {
  it('keeps state in IndexedDB beside the outbox, for the next page', async () => {
    const indexedDB = new IDBFactory();
    expect(await client({ indexedDB }).remember('nps', bump)).toEqual({ shown: 1 });
    const next = client({ indexedDB });
    expect(await next.remember('nps', bump)).toEqual({ shown: 2 });
    expect(next.durability).toBe('indexeddb');
    expect(await next.remember('csat', (s) => s)).toBeUndefined();
  });

  it('keeps state in localStorage under an earful: key where IndexedDB is refused', async () => {
    const data = new Map<string, string>();
    vi.stubGlobal('localStorage', storageOf(data));
    const refusing = { open: () => { throw new DOMException('The operation is insecure.', 'SecurityError'); } } as unknown as IDBFactory;
    await client({ indexedDB: refusing }).remember('nps', bump);
    expect(JSON.parse(data.get('earful:nps')!)).toEqual({ shown: 1 });
    expect(await client({ indexedDB: refusing }).remember('nps', bump)).toEqual({ shown: 2 });
  });

  it('falls to memory when localStorage refuses too, and still works', async () => {
    vi.stubGlobal('localStorage', {
      getItem() {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem() {
        throw new DOMException('denied', 'SecurityError');
      },
    });
    const c = client({ indexedDB: undefined as unknown as IDBFactory });
    expect(await c.remember('nps', bump)).toEqual({ shown: 1 });
    expect(await c.remember('nps', bump)).toEqual({ shown: 2 });
    expect(c.durability).toBe('memory');
  });

  it('gives up on an IndexedDB open that never answers, and keeps state in localStorage', async () => {
    const data = new Map<string, string>();
    vi.stubGlobal('localStorage', storageOf(data));
    const hung = { open: () => ({}) } as unknown as IDBFactory;
    const started = Date.now();
    expect(await client({ indexedDB: hung }).remember('nps', bump)).toEqual({ shown: 1 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(data.get('earful:nps')).toBe('{"shown":1}');
  });
});

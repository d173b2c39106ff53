// @vitest-environment node
// The widget's state adapter: IndexedDB, else localStorage, else memory — each failure falls
// to the next, and a failed layer is not asked again.
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type KeyValue, createStateStore, idbLayer, localLayer, memoryLayer } from '../../src/ui/state-store.js';

const broken = (): KeyValue & { calls: number } => {
  const layer = {
    calls: 0,
    get: async () => {
      layer.calls++;
      throw new Error('refused');
    },
    set: async () => {
      layer.calls++;
      throw new Error('refused');
    },
  };
  return layer;
};

afterEach(() => vi.unstubAllGlobals());

describe('createStateStore', () => {
  it('uses the first layer that works', async () => {
    const first = memoryLayer();
    const second = memoryLayer();
    const store = createStateStore([first, second]);
    await store.set('nps', { shownAt: 1 });
    expect(await first.get('nps')).toEqual({ shownAt: 1 });
    expect(await second.get('nps')).toBeUndefined();
  });

  it('falls to the next layer when one fails, and stays there', async () => {
    const bad = broken();
    const next = memoryLayer();
    const store = createStateStore([bad, next]);
    await store.set('nps', { dismissedAt: 5 });
    expect(await store.get('nps')).toEqual({ dismissedAt: 5 });
    expect(bad.calls).toBe(1);
    expect(await next.get('nps')).toEqual({ dismissedAt: 5 });
  });

  it('falls from a throwing IndexedDB through a throwing localStorage to memory', async () => {
    vi.stubGlobal('indexedDB', {
      open() {
        throw new DOMException('A mutation operation was attempted', 'InvalidStateError');
      },
    });
    vi.stubGlobal('localStorage', {
      getItem() {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem() {
        throw new DOMException('denied', 'SecurityError');
      },
    });
    const store = createStateStore();
    await store.set('nps', { answeredAt: 7 });
    expect(await store.update('nps', (s: { answeredAt: number } | undefined) => ({ answeredAt: s!.answeredAt + 1 }))).toEqual({ answeredAt: 8 });
    expect(await store.get('nps')).toEqual({ answeredAt: 8 });
  });

  it('works with no storage APIs at all (a server, a worker)', async () => {
    const store = createStateStore();
    await store.set('csat', { impressions: 2 });
    expect(await store.get('csat')).toEqual({ impressions: 2 });
  });

  it('keeps state in IndexedDB through idb-keyval when it is there', async () => {
    vi.stubGlobal('indexedDB', new IDBFactory());
    await idbLayer().set('nps', { shownAt: 3 });
    expect(await idbLayer().get('nps')).toEqual({ shownAt: 3 });
  });

  it('keeps state in localStorage under an earful: key', async () => {
    const data = new Map<string, string>();
    vi.stubGlobal('localStorage', { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => data.set(k, v) });
    await localLayer().set('nps', { shownAt: 4 });
    expect(JSON.parse(data.get('earful:nps')!)).toEqual({ shownAt: 4 });
    expect(await localLayer().get('nps')).toEqual({ shownAt: 4 });
    expect(await localLayer().get('other')).toBeUndefined();
  });

  it('gives up on an IndexedDB open that never answers', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      vi.stubGlobal('indexedDB', { open: () => ({}) }); // a request whose events never fire
      const fallback = memoryLayer();
      const store = createStateStore([idbLayer(), fallback]);
      const write = store.set('nps', { shownAt: 9 });
      await vi.advanceTimersByTimeAsync(1_000);
      await write;
      expect(await fallback.get('nps')).toEqual({ shownAt: 9 });
    } finally {
      vi.useRealTimers();
    }
  });
});

// @vitest-environment node
// What the client fills in on a submission when it is queued.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stamp } from '../../src/client/stamp.js';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const T0 = Date.parse('2026-11-23T12:00:00Z');
afterEach(() => vi.unstubAllGlobals());

describe('stamp', () => {
  it('gives each submission a v4 UUID and the time it was queued, unless the app gave them', () => {
    const a = stamp({ kind: 'feedback', body: 'one' }, undefined, T0);
    const b = stamp({ kind: 'feedback', body: 'two' }, undefined, T0);
    expect(a.id).toMatch(V4);
    expect(a.id).not.toBe(b.id);
    expect(a.createdAt).toBe('2026-11-23T12:00:00.000Z');
    expect(stamp({ id: 'app-1', createdAt: '2026-01-01T00:00:00.000Z', kind: 'feedback', body: 'x' }, undefined, T0)).toMatchObject({
      id: 'app-1',
      createdAt: '2026-01-01T00:00:00.000Z',
    });
  });

  it('makes v4 UUIDs from random bytes where crypto.randomUUID is missing (pages served over plain http)', () => {
    const real = globalThis.crypto;
    vi.stubGlobal('crypto', { getRandomValues: (array: Uint8Array<ArrayBuffer>) => real.getRandomValues(array) });
    const ids = Array.from({ length: 200 }, () => stamp({ kind: 'feedback', body: 'x' }, undefined, T0).id);
    for (const id of ids) expect(id).toMatch(V4);
    expect(new Set(ids).size).toBe(200);
  });
});

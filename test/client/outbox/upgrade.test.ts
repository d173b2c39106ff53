// @vitest-environment node
// Upgrades lose nothing: an outbox written by the widget before this client (stored-v1.ts, by
// hand) is read, delivered and kept by the current one, on fake-indexeddb against the real handler.
import { IDBFactory } from '../../fake-idb.js';
import { afterEach, describe, expect, it } from 'vitest';
import { type Client, createClient } from '../../../src/client/client.js';
import { createProxy } from '../../../src/proxy/create-proxy.js';
import { local } from '../../../src/proxy/local.js';
import { silentLogger } from '../../../src/proxy/log.js';
import type { Submission } from '../../../src/schema/submission.js';
import { STORED_V1, SUBMISSIONS_V1, storedV1 } from './stored-v1.js';

const WRITTEN_AT = Date.parse('2026-11-20T09:30:00.000Z');
const clients: Client[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});

const request = <T>(r: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });

/** Writes the old widget's outbox with plain IndexedDB, as that widget did. */
async function writeStoredV1(factory: IDBFactory) {
  const open = factory.open(STORED_V1.dbName, STORED_V1.dbVersion);
  open.onupgradeneeded = () => {
    for (const name of STORED_V1.stores) open.result.createObjectStore(name);
  };
  const db = await request(open);
  const tx = db.transaction([...STORED_V1.stores], 'readwrite');
  const rows = storedV1(WRITTEN_AT);
  for (const name of STORED_V1.stores) for (const [key, value] of rows[name]) tx.objectStore(name).put(value, key as IDBValidKey);
  await new Promise((resolve) => (tx.oncomplete = resolve));
  db.close();
}

describe('an outbox written by the previous version', () => {
  it('has byte counts that match its submissions, as that version wrote them', () => {
    for (const [, record] of storedV1(WRITTEN_AT).queue) expect(record.bytes).toBe(new Blob([JSON.stringify(record.submission)]).size);
  });

  it('is read, delivered in queue order with the same submissions on the wire, and keeps its dead letters and remembered state', async () => {
    const factory = new IDBFactory();
    await writeStoredV1(factory);
    const handle = createProxy({ destinations: [local()], allowedOrigins: '*', rateLimit: false, logger: silentLogger });
    const sent: Submission[][] = [];
    const c = createClient({
      endpoint: 'http://127.0.0.1/v1/feedback',
      indexedDB: factory,
      locks: null,
      channel: undefined,
      autoFlush: false,
      now: () => WRITTEN_AT + 10 * 60_000, // the page opened ten minutes later
      async fetch(input, init) {
        sent.push((JSON.parse(String(init!.body)) as { items: Submission[] }).items);
        return handle(new Request(String(input), init));
      },
    });
    clients.push(c);
    const { fresh, retried, held, followedUp } = SUBMISSIONS_V1;
    const order = [fresh, retried, held, followedUp].map((s) => s.id);
    expect((await c.pending()).map((r) => [r.id, r.attempts])).toEqual([
      [fresh.id, 0],
      [retried.id, 2],
      [held.id, 0],
      [followedUp.id, 1],
    ]);
    const delivered: string[] = [];
    c.on('delivered', ({ id }) => delivered.push(id));

    await c.flush();
    expect(sent).toEqual([[fresh, retried, held, followedUp]]);
    expect(delivered).toEqual(order);
    expect(await c.pending()).toEqual([]);
    expect(c.durability).toBe('indexeddb');
    expect(await c.deadLetters()).toEqual([expect.objectContaining({ reason: 'rejected', error: 'user.email: invalid email' })]);
    expect(await c.remember('nps', (state) => state)).toEqual({ seenAt: expect.any(Number), roll: 0.42, shownAt: expect.any(Number), impressions: 1 });

    // The state row still counts in the old names, for tabs on the old code.
    const db = await request(factory.open(STORED_V1.dbName));
    const state = await request(db.transaction('meta').objectStore('meta').get('state'));
    db.close();
    expect(state).toMatchObject({ n: 0, bytes: 0, leases: [] });
    expect(db.version).toBe(STORED_V1.dbVersion);
  });
});

// @vitest-environment node
// A proxy with a durable queue (EARFUL_QUEUE) answers `accepted`: the client lets the item go
// as for `delivered` (API.md §4), `submit()` resolves `accepted`, and the `accepted` event fires.
import { IDBFactory } from '../fake-idb.js';
import { afterEach, describe, expect, it } from 'vitest';
import { type Client, type ClientEvents, createClient } from '../../src/client/client.js';
import type { Submission } from '../../src/schema/submission.js';

const clients: Client[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});

/** A client whose proxy answers each item with `answer(item)`, or is unreachable while `offline.now`. */
function client(answer: (item: Submission) => string, offline = { now: false }) {
  const heard: [keyof ClientEvents, unknown][] = [];
  const c = createClient({
    endpoint: 'http://127.0.0.1/v1/feedback',
    indexedDB: new IDBFactory(),
    locks: null,
    channel: { postMessage() {}, close() {}, onmessage: null },
    autoFlush: false,
    amplitudeUserId: false,
    deliveredWaitMs: 300,
    async fetch(_url, init) {
      if (offline.now) throw new TypeError('Failed to fetch');
      const items = (JSON.parse(String(init!.body)) as { items: Submission[] }).items;
      return Response.json({ results: items.map((item) => ({ id: item.id, status: answer(item) })) });
    },
  });
  for (const event of ['delivered', 'accepted', 'retrying'] as const) c.on(event, (detail) => heard.push([event, detail]));
  clients.push(c);
  return { c, heard };
}

describe('an item the proxy accepted into its queue', () => {
  it('resolves submit() as accepted, fires accepted, and leaves the outbox', async () => {
    const { c, heard } = client(() => 'accepted');
    const result = await c.submit({ kind: 'feedback', body: 'Queued by the proxy' });
    expect(result).toEqual({ id: result.id, status: 'accepted' });
    expect(heard).toEqual([['accepted', { id: result.id }]]);
    expect(await c.pending()).toEqual([]);
    expect(await c.deadLetters()).toEqual([]);
  });

  it('goes when a later drain has it accepted, beside one delivered in the same batch', async () => {
    const offline = { now: true };
    const { c, heard } = client((item) => (item.body === 'to the queue' ? 'accepted' : 'delivered'), offline);
    const queued = await c.submit({ kind: 'feedback', body: 'to the queue' });
    const direct = await c.submit({ kind: 'feedback', body: 'straight through' });
    expect([queued.status, direct.status]).toEqual(['queued', 'queued']);
    offline.now = false;
    heard.length = 0;
    await c.flush();
    expect(heard).toEqual([
      ['accepted', { id: queued.id }],
      ['delivered', { id: direct.id }],
    ]);
    expect(await c.pending()).toEqual([]);
  });
});

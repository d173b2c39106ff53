// @vitest-environment node
// The API gaps the UI reported: the identified user, undefined keys in `input.user`, a truthful
// `followUp()`, and the UI options `Earful('init')` passes through to the widget.
import { IDBFactory } from '../fake-idb.js';
import { describe, expect, it, vi } from 'vitest';
import type { Client, ClientOptions } from '../../src/client/client.js';
import { type EmbedOptions, installEarful } from '../../src/embed/commands.js';
import type { Submission } from '../../src/schema/submission.js';
import { testClients } from './test-client.js';

let clock = Date.parse('2026-11-23T12:00:00Z');
const clients = testClients();

type Answer = 'delivered' | 'accepted' | 'rejected' | 'offline';

/** A client whose proxy delivers everything (or queues, rejects, is unreachable: per item when a function), recording what it was sent. */
function client(answer: Answer | ((item: Submission) => Answer) = 'delivered', extra: Partial<ClientOptions> = {}) {
  const sent: Submission[] = [];
  const c = clients.create({
    indexedDB: new IDBFactory(),
    channel: { postMessage() {}, close() {}, onmessage: null },
    amplitudeUserId: false,
    now: () => clock,
    async fetch(_url, init) {
      const items = (JSON.parse(String(init!.body)) as { items: Submission[] }).items;
      const statuses = items.map((item) => (typeof answer === 'function' ? answer(item) : answer));
      if (statuses.includes('offline')) throw new TypeError('Failed to fetch');
      sent.push(...items);
      const results = items.map(({ id }, i) => ({ id, status: statuses[i], error: statuses[i] === 'rejected' ? 'amplitude: Invalid item' : undefined }));
      return Response.json({ results });
    },
    ...extra,
  });
  return { c, sent };
}

describe('client.user', () => {
  it('is the user option, then whatever identify() said last', () => {
    const { c } = client('delivered', { user: { id: 'u1' } });
    expect(c.user).toEqual({ id: 'u1' });
    c.identify({ id: 'u2', email: 'jane@example.com' });
    expect(c.user).toEqual({ id: 'u2', email: 'jane@example.com' });
    c.identify(null);
    expect(c.user).toBeUndefined();
  });
});

describe('the user stamped on a submission', () => {
  it('takes what input.user adds, but its undefined keys wipe nothing the app identified', async () => {
    const { c, sent } = client();
    c.identify({ id: 'u1', email: 'jane@example.com' });
    await c.submit({ kind: 'feedback', body: 'hi', user: { email: undefined, name: 'Jane' } });
    await c.submit({ kind: 'feedback', body: 'hello', user: { email: 'other@example.com' } });
    expect(sent.map((s) => s.user)).toEqual([
      { id: 'u1', email: 'jane@example.com', name: 'Jane' },
      { id: 'u1', email: 'other@example.com' },
    ]);
  });

  it('has no user at all when nobody is identified', async () => {
    const { c, sent } = client();
    await c.submit({ kind: 'feedback', body: 'anonymous', user: { id: undefined } });
    expect(sent[0]).not.toHaveProperty('user');
  });
});

describe('followUp()', () => {
  it('fails, writing nothing, when no score was ever queued', async () => {
    const { c, sent } = client();
    expect(await c.followUp('never-queued', 'A comment')).toEqual({ id: 'never-queued', status: 'failed', error: 'nothing to follow up' });
    expect(await c.followUp('never-queued')).toMatchObject({ status: 'failed' });
    expect(await c.pending()).toEqual([]);
    expect(sent).toEqual([]);
  });

  it('fails after a score that could not be queued', async () => {
    const { c } = client();
    const score = await c.submit({ kind: 'nps', score: 11 }, { holdMs: 60_000 });
    expect(score.status).toBe('failed');
    expect(await c.followUp(score.id, 'Great')).toMatchObject({ id: score.id, status: 'failed' });
    expect(await c.pending()).toEqual([]);
  });

  it('keeps the score held after a comment the check refuses, so a corrected comment still follows it', async () => {
    const { c, sent } = client();
    const { id } = await c.submit({ kind: 'nps', score: 8 }, { holdMs: 60_000 });
    expect(await c.followUp(id, 'x'.repeat(20_001))).toMatchObject({ id, status: 'failed', path: 'body' });
    expect(await c.followUp(id, 'Fast search')).toMatchObject({ id, status: 'delivered' });
    expect(sent.filter((item) => item.id === id).map((item) => [item.score, item.body])).toEqual([[8, 'Fast search']]);
  });

  it('says delivered when the score went out alone after its hold and there is no comment', async () => {
    const { c, sent } = client();
    const { id } = await c.submit({ kind: 'nps', score: 8 }, { holdMs: 60_000 });
    clock += 60_000;
    await c.flush();
    expect(sent.map((s) => s.id)).toEqual([id]);
    expect(await c.followUp(id)).toEqual({ id, status: 'delivered' });
    expect(sent).toHaveLength(1);
  });

  it('says failed, with the reason, when the score went to the dead letters', async () => {
    const { c } = client('rejected');
    const { id } = await c.submit({ kind: 'nps', score: 8 }, { holdMs: 60_000 });
    clock += 60_000;
    await c.flush();
    expect(await c.followUp(id)).toEqual({ id, status: 'failed', error: 'amplitude: Invalid item' });
  });

  it('answers queued for a score still held while offline, and keeps the comment', async () => {
    vi.stubGlobal('navigator', { onLine: false });
    const { c } = client('offline');
    const { id } = await c.submit({ kind: 'csat', score: 2 }, { holdMs: 60_000 });
    expect(await c.followUp(id, 'Slow')).toEqual({ id, status: 'queued', durability: 'indexeddb', problem: 'offline' });
    expect((await c.pending()).map((r) => r.submission)).toMatchObject([{ id, score: 2, body: 'Slow' }]);
  });
});

describe("Earful('init') options", () => {
  it('passes the UI options through to the widget, typed as EmbedOptions', () => {
    const win = {} as Window & { Earful?: never };
    const options: EmbedOptions = {
      endpoint: 'http://127.0.0.1/v1/feedback',
      indexedDB: new IDBFactory(),
      autoFlush: false,
      locks: null,
      channel: { postMessage() {}, close() {}, onmessage: null },
      colorScheme: 'dark',
      strings: { feedback: 'Tell us' },
      fields: { name: 'optional', email: 'required' },
      zIndex: 10,
      nonce: 'abc',
      csat: 'auto',
      inline: true,
    };
    let seen: EmbedOptions | undefined;
    const Earful = installEarful(win, null, (c, o) => {
      clients.destroyAfterTest(c);
      seen = o;
      return { open() {}, close() {}, nps() {}, csat() {}, identify() {}, destroy() {} };
    });
    Earful('init', options);
    expect(seen).toMatchObject({ colorScheme: 'dark', strings: { feedback: 'Tell us' }, fields: { email: 'required' }, zIndex: 10, nonce: 'abc', csat: 'auto', inline: true });
  });
});

// A proxy with a durable queue (EARFUL_QUEUE) answers `accepted`: the client lets the item go as
// for `delivered` (docs/api.md §4), `submit()` resolves `accepted`, and the `accepted` event fires.
describe('an item the proxy accepted into its queue', () => {
  /** What the client emitted of delivered, accepted and retrying. */
  function listen(c: Client) {
    const heard: [string, unknown][] = [];
    for (const event of ['delivered', 'accepted', 'retrying'] as const) c.on(event, (detail) => heard.push([event, detail]));
    return heard;
  }

  it('resolves submit() as accepted, fires accepted, and leaves the outbox', async () => {
    const { c } = client('accepted');
    const heard = listen(c);
    const result = await c.submit({ kind: 'feedback', body: 'Queued by the proxy' });
    expect(result).toEqual({ id: result.id, status: 'accepted' });
    expect(heard).toEqual([['accepted', { id: result.id }]]);
    expect(await c.pending()).toEqual([]);
    expect(await c.deadLetters()).toEqual([]);
  });

  it('goes when a later drain has it accepted, beside one delivered in the same batch', async () => {
    let online = false;
    const { c } = client((item) => (!online ? 'offline' : item.body === 'to the queue' ? 'accepted' : 'delivered'));
    const queued = await c.submit({ kind: 'feedback', body: 'to the queue' });
    const direct = await c.submit({ kind: 'feedback', body: 'straight through' });
    expect([queued.status, direct.status]).toEqual(['queued', 'queued']);
    online = true;
    const heard = listen(c);
    clock += 60_000;
    await c.flush();
    expect(heard).toEqual([
      ['accepted', { id: queued.id }],
      ['delivered', { id: direct.id }],
    ]);
    expect(await c.pending()).toEqual([]);
  });
});

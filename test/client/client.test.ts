// @vitest-environment node
// The client against the real proxy handler (in process) with fake-indexeddb: what an app sees.
import { IDBFactory, interceptTransactions } from '../fake-idb.js';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Client, ClientOptions } from '../../src/client/client.js';
import type { Locks } from '../../src/client/flusher.js';
import { createProxy } from '../../src/proxy/create-proxy.js';
import { local } from '../../src/proxy/local.js';
import { silentLogger } from '../../src/proxy/log.js';
import type { Submission } from '../../src/schema/submission.js';
import { testClients } from './test-client.js';

let factory: IDBFactory;
let clock: number;
let upstream: Submission[][];
let proxyUp: boolean;
let answer: ((items: Submission[]) => Response | undefined) | undefined;

const handle = createProxy({ destinations: [local()], allowedOrigins: '*', rateLimit: false, logger: silentLogger });
const fakeFetch: typeof fetch = async (input, init) => {
  if (!proxyUp) throw new TypeError('Failed to fetch');
  const items = (JSON.parse(String(init!.body)) as { items: Submission[] }).items;
  upstream.push(items);
  return answer?.(items) ?? handle(new Request(String(input), init));
};

/** One lock manager shared by the "tabs" of a test, like navigator.locks in one origin. */
function sharedLocks(): Locks {
  const held = new Set<string>();
  return {
    async request(name, _options, callback) {
      if (held.has(name)) return callback(null);
      held.add(name);
      try {
        return await callback({ name });
      } finally {
        held.delete(name);
      }
    },
  };
}

const clients = testClients();
const client = (extra: Partial<ClientOptions> = {}): Client => clients.create({ indexedDB: factory, fetch: fakeFetch, now: () => clock, ...extra });

const sent = () => upstream.flat().map((s) => s.id);

beforeEach(() => {
  factory = new IDBFactory();
  clock = Date.parse('2026-11-23T12:00:00Z');
  upstream = [];
  proxyUp = true;
  answer = undefined;
});

describe('submit', () => {
  it('answers delivered when the proxy confirms within the wait, and leaves the outbox empty', async () => {
    const c = client();
    const result = await c.submit({ kind: 'feedback', body: 'Search is broken on mobile' });
    expect(result).toMatchObject({ status: 'delivered' });
    expect(sent()).toEqual([result.id]);
    expect(await c.pending()).toEqual([]);
    expect(c.durability).toBe('indexeddb');
  });

  it('answers queued when offline, keeps the record across a new client, then delivers once', async () => {
    proxyUp = false;
    vi.stubGlobal('navigator', { onLine: false });
    const first = client();
    const result = await first.submit({ kind: 'nps', score: 0 });
    expect(result).toEqual({ id: result.id, status: 'queued', durability: 'indexeddb', problem: 'offline' });
    first.destroy(); // the tab is closed

    proxyUp = true;
    clock += 10 * 60_000;
    const second = client();
    expect((await second.pending()).map((r) => r.id)).toEqual([result.id]);
    await second.flush();
    expect(await second.pending()).toEqual([]);
    expect(sent()).toEqual([result.id]);
  });

  it('sends nothing once destroyed, also when its first submit comes after destroy()', async () => {
    const c = client();
    c.destroy();
    expect(await c.submit({ kind: 'feedback', body: 'after the page let go of it' })).toMatchObject({ status: 'queued' });
    expect(sent()).toEqual([]);
  });

  it('keeps one record for an id submitted again while the first is still queued, with the newer words', async () => {
    proxyUp = false;
    const c = client();
    await c.submit({ id: 'app-1', kind: 'feedback', body: 'first draft' });
    await c.submit({ id: 'app-1', kind: 'feedback', body: 'second thoughts' });
    expect((await c.pending()).map((r) => [r.id, r.submission.body])).toEqual([['app-1', 'second thoughts']]);
    proxyUp = true;
    clock += 3_000;
    await c.flush();
    expect(upstream.flat().map((s) => s.body)).toEqual(['second thoughts']);
  });

  it('refuses an invalid submission without queueing it', async () => {
    const c = client();
    expect(await c.submit({ kind: 'nps', score: 11 })).toMatchObject({ status: 'failed', error: 'score: must be between 0 and 10 for nps', path: 'score' });
    expect(await c.pending()).toEqual([]);
  });

  it('names the field it refused, for a form to point at (a stricter rule than the form knows)', async () => {
    const c = client();
    const result = await c.submit({ kind: 'feedback', body: 'Hi', user: { email: 'jane..doe@example.com' } });
    expect(result).toMatchObject({ status: 'failed', path: 'user.email' });
    expect(result.status === 'failed' && result.error).toMatch(/^user\.email: /);
  });

  it('turns a double submit of the same words into one submission', async () => {
    proxyUp = false;
    const c = client();
    const [a, b] = await Promise.all([c.submit({ kind: 'feedback', body: 'Twice' }), c.submit({ kind: 'feedback', body: 'Twice' })]);
    expect(a.id).toBe(b.id);
    expect(await c.pending()).toHaveLength(1);
  });

  it('takes the same words again after a failed write as a retry, not as a double submit', async () => {
    // The first strict write fails as a full disk does; the click after it must try again.
    let refuse = true;
    const failingOnce = interceptTransactions(factory, (open, stores, mode, options) => {
      if (mode === 'readwrite' && refuse) {
        refuse = false;
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return open(stores, mode, options);
    });
    const c = client({ indexedDB: failingOnce });
    const failed = await c.submit({ kind: 'feedback', body: 'Again' });
    expect(failed).toMatchObject({ status: 'failed', error: expect.stringContaining('QuotaExceededError') });
    const retried = await c.submit({ kind: 'feedback', body: 'Again' });
    expect(retried).toMatchObject({ status: 'delivered' });
    expect(retried.id).not.toBe(failed.id);
    expect(sent()).toEqual([retried.id]);
  });

  it('stamps the user at enqueue time: a later identify() changes nothing already queued', async () => {
    proxyUp = false;
    const c = client({ user: { id: 'alice' } });
    await c.submit({ kind: 'feedback', body: 'from alice' });
    c.identify({ id: 'bob' });
    await c.submit({ kind: 'feedback', body: 'from bob' });
    c.identify(null);
    proxyUp = true;
    clock += 60_000;
    await c.flush();
    expect(upstream.flat().map((s) => [s.body, s.user?.id])).toEqual([
      ['from alice', 'alice'],
      ['from bob', 'bob'],
    ]);
  });

  it('takes the Amplitude Browser SDK’s user id when the app gave none, unless switched off', async () => {
    const g = globalThis as { amplitude?: unknown };
    g.amplitude = { getUserId: () => 'amp-user-7' };
    try {
      await client().submit({ kind: 'feedback', body: 'linked' });
      await client({ amplitudeUserId: false }).submit({ kind: 'feedback', body: 'not linked' });
      expect(upstream.flat().map((s) => s.user?.id)).toEqual(['amp-user-7', undefined]);
    } finally {
      delete g.amplitude;
    }
  });

  it('refuses a new submission when the outbox is full, keeping every earlier one', async () => {
    proxyUp = false;
    const c = client({ maxQueueItems: 3 });
    for (let i = 0; i < 3; i++) expect((await c.submit({ kind: 'feedback', body: `n${i}` })).status).toBe('queued');
    expect(await c.submit({ kind: 'feedback', body: 'one too many' })).toMatchObject({ status: 'failed', error: expect.stringMatching(/full/) });
    expect((await c.pending()).map((r) => r.submission.body)).toEqual(['n0', 'n1', 'n2']);
  });

  it('answers queued only after a strict commit, and delivers over relaxed ones', async () => {
    // Every transaction the client opens, with its durability.
    const opened: string[] = [];
    const recording = interceptTransactions(factory, (open, stores, mode, options) => (opened.push(`${mode}:${options?.durability}`), open(stores, mode, options)));
    proxyUp = false;
    const c = client({ indexedDB: recording });
    expect((await c.submit({ kind: 'feedback', body: 'durable' })).status).toBe('queued');
    const [write, ...flushing] = opened.filter((t) => t.startsWith('readwrite'));
    expect(write).toBe('readwrite:strict'); // the submit's
    expect(flushing.length).toBeGreaterThan(0); // its flush, offline: a claim, a settle
    expect(flushing.every((t) => t === 'readwrite:relaxed')).toBe(true);
    proxyUp = true;
    clock += 3_000;
    opened.length = 0;
    await c.flush();
    expect(opened.length).toBeGreaterThan(0);
    expect(opened.every((t) => t === 'readwrite:relaxed')).toBe(true);
  });

  it('falls back to memory and says so, with a code, where IndexedDB is missing', async () => {
    const errors: string[] = [];
    const codes: (string | undefined)[] = [];
    const c = client({ indexedDB: undefined });
    const g = globalThis as { indexedDB?: unknown };
    const saved = g.indexedDB;
    delete g.indexedDB;
    try {
      c.on('error', (e) => {
        errors.push(e.error);
        codes.push(e.code);
      });
      proxyUp = false;
      expect(await c.submit({ kind: 'feedback', body: 'kept in memory' })).toMatchObject({ status: 'queued', durability: 'memory' });
      expect(c.durability).toBe('memory');
      expect(errors.join()).toMatch(/memory/);
      expect(codes).toEqual(['storage_memory_only']);
      proxyUp = true;
      clock += 60_000;
      await c.flush();
      expect(sent()).toHaveLength(1);
    } finally {
      g.indexedDB = saved;
    }
  });
});

describe('delivery', () => {
  it('backs off after a failure the proxy answered and delivers on a later flush, once', async () => {
    answer = () => new Response('', { status: 502 });
    const c = client();
    const { id } = await c.submit({ kind: 'feedback', body: 'eventually' });
    answer = undefined;
    upstream = [];
    await c.flush(); // not due yet: backoff
    expect(sent()).toEqual([]);
    clock += 2_000;
    await c.flush();
    expect(sent()).toEqual([id]);
    expect(await c.pending()).toEqual([]);
  });

  it('on flush() sends at once what failed for want of a network, while other triggers leave it to its backoff', async () => {
    proxyUp = false;
    const c = client();
    const first = await c.submit({ kind: 'feedback', body: 'written offline' });
    expect((await c.pending())[0]).toMatchObject({ attempts: 1, net: true });
    proxyUp = true;
    const second = await c.submit({ kind: 'feedback', body: 'written online' }); // its flush leaves the first to its backoff
    expect(second.status).toBe('delivered');
    expect(sent()).toEqual([second.id]);
    await c.flush();
    expect(sent()).toEqual([second.id, first.id]);
    expect(await c.pending()).toEqual([]);
  });

  it('on flush() still waits out a queue-wide pause and a server’s Retry-After', async () => {
    proxyUp = false;
    const c = client();
    const { id } = await c.submit({ kind: 'feedback', body: 'patience' });
    proxyUp = true;
    answer = (items) => Response.json({ results: items.map((i) => ({ id: i.id, status: 'retry' })) }, { headers: { 'retry-after': '60' } });
    await c.flush();
    answer = undefined;
    expect((await c.pending())[0]).toMatchObject({ attempts: 2, lastError: 'retry' });
    expect((await c.pending())[0]!.net).toBeUndefined();
    await c.flush();
    expect(upstream).toHaveLength(1);
    clock += 60_000;
    answer = () => new Response('', { status: 503, headers: { 'retry-after': '30' } });
    proxyUp = true;
    await c.flush();
    answer = undefined;
    proxyUp = false;
    await c.flush(); // paused: not even tried
    expect(upstream).toHaveLength(2);
    proxyUp = true;
    clock += 30_000;
    await c.flush();
    expect(sent().at(-1)).toBe(id);
    expect(await c.pending()).toEqual([]);
  });

  it('sends nothing before the Retry-After of a 429 and then delivers', async () => {
    proxyUp = false;
    const c = client();
    await c.submit({ kind: 'feedback', body: 'patience' });
    proxyUp = true;
    answer = () => new Response('{"error":"too many requests"}', { status: 429, headers: { 'retry-after': '30' } });
    clock += 5_000;
    await c.flush();
    answer = undefined;
    clock += 29_000;
    await c.flush();
    expect(upstream).toHaveLength(1);
    clock += 1_000;
    await c.flush();
    expect(upstream).toHaveLength(2);
    expect(await c.pending()).toEqual([]);
  });

  it('dead-letters what the proxy rejects and emits rejected with the reason', async () => {
    const c = client();
    const rejected: string[] = [];
    c.on('rejected', (e) => rejected.push(e.error));
    answer = (items) => Response.json({ results: items.map((i) => ({ id: i.id, status: 'rejected', error: 'amplitude: Invalid item' })) });
    // Refused within the wait: submit() says so (never "saved"), with the proxy's words.
    const result = await c.submit({ kind: 'feedback', body: 'doomed' });
    expect(result).toEqual({ id: result.id, status: 'failed', error: 'amplitude: Invalid item' });
    await c.flush();
    expect(rejected).toEqual(['amplitude: Invalid item']);
    expect((await c.deadLetters()).map((d) => [d.id, d.reason])).toEqual([[result.id, 'rejected']]);
    expect(await c.pending()).toEqual([]);
  });

  it("answers failed with the field the proxy named when it rejects the item within the wait, and keeps it as a dead letter", async () => {
    const c = client();
    const seen: unknown[] = [];
    c.on('rejected', (e) => seen.push(e));
    answer = (items) =>
      Response.json({ results: items.map((i) => ({ id: i.id, status: 'rejected', error: 'user.email: invalid email', path: 'user.email' })) });
    const result = await c.submit({ kind: 'feedback', body: 'Hello', user: { email: 'jane@example.com' } });
    expect(result).toEqual({ id: result.id, status: 'failed', error: 'user.email: invalid email', path: 'user.email' });
    expect(seen).toEqual([{ id: result.id, error: 'user.email: invalid email', reason: 'rejected', path: 'user.email' }]);
    expect(await c.deadLetters()).toMatchObject([{ id: result.id, reason: 'rejected', error: 'user.email: invalid email', path: 'user.email' }]);
    expect(await c.pending()).toEqual([]);
  });

  it('splits a batch the proxy answers 413 until it fits', async () => {
    proxyUp = false;
    const c = client();
    for (let i = 0; i < 8; i++) await c.submit({ kind: 'feedback', body: `item ${i}` });
    proxyUp = true;
    answer = (items) => (items.length > 2 ? new Response('', { status: 413 }) : undefined);
    clock += 3_000;
    await c.flush();
    expect(await c.pending()).toEqual([]);
    expect(new Set(sent()).size).toBe(8);
  });

  it('keeps everything and pauses long after a 403', async () => {
    const c = client();
    answer = () => new Response('{"error":"origin not allowed"}', { status: 403 });
    await c.submit({ kind: 'feedback', body: 'misconfigured' });
    answer = undefined;
    clock += 4 * 60_000;
    await c.flush();
    expect(upstream).toHaveLength(1);
    clock += 60_000;
    await c.flush();
    expect(await c.pending()).toEqual([]);
  });

  it('delivers 250 queued items in batches of at most 100', async () => {
    proxyUp = false;
    const c = client();
    for (let i = 0; i < 250; i++) await c.submit({ kind: 'feedback', body: `bulk ${i}` });
    proxyUp = true;
    clock += 3_000;
    upstream = [];
    await c.flush();
    expect(upstream.map((b) => b.length)).toEqual([100, 100, 50]);
    expect(await c.pending()).toEqual([]);
  });

  it('two clients on one database send each item once', async () => {
    proxyUp = false;
    const locks = sharedLocks();
    const [a, b] = [client({ locks }), client({ locks })];
    for (let i = 0; i < 20; i++) await (i % 2 ? a : b).submit({ kind: 'feedback', body: `tab item ${i}` });
    proxyUp = true;
    clock += 3_000;
    upstream = [];
    await Promise.all([a.flush(), b.flush(), a.flush(), b.flush()]);
    await Promise.all([a.flush(), b.flush()]);
    expect(sent()).toHaveLength(20);
    expect(new Set(sent()).size).toBe(20);
  });

  it('expires a record after 7 days into the dead letters', async () => {
    proxyUp = false;
    const c = client();
    const { id } = await c.submit({ kind: 'feedback', body: 'too late' });
    const rejected: string[] = [];
    c.on('rejected', (e) => rejected.push(e.reason));
    clock += 7 * 86_400_000 + 1;
    proxyUp = true;
    await c.flush();
    expect(rejected).toEqual(['expired']);
    expect((await c.deadLetters()).map((d) => [d.id, d.reason])).toEqual([[id, 'expired']]);
    expect(sent()).toEqual([]);
  });
});

describe('NPS follow-up', () => {
  it('holds a score until its comment, then sends one submission with both', async () => {
    const c = client();
    const { id, status } = await c.submit({ kind: 'nps', score: 9 }, { holdMs: 60_000 });
    expect(status).toBe('queued');
    await c.flush();
    expect(sent()).toEqual([]);
    expect(await c.followUp(id, 'Fast and simple')).toEqual({ id, status: 'delivered' });
    expect(upstream.flat()).toMatchObject([{ id, kind: 'nps', score: 9, body: 'Fast and simple' }]);
  });

  it('sends the score alone when the follow-up is dismissed', async () => {
    const c = client();
    const { id } = await c.submit({ kind: 'nps', score: 0 }, { holdMs: 60_000 });
    expect((await c.followUp(id)).status).toBe('delivered');
    expect(upstream.flat()).toMatchObject([{ id, score: 0 }]);
    expect(upstream.flat()[0]!.body).toBeUndefined();
  });

  it('sends the score after the hold even if nobody comes back, and a late comment as a part', async () => {
    const c = client({ user: { id: 'u1', name: 'Jane' } });
    const { id } = await c.submit({ kind: 'csat', score: 4 }, { holdMs: 60_000 });
    clock += 60_000;
    await c.flush();
    expect(sent()).toEqual([id]);
    await c.followUp(id, 'Took a while to find');
    expect(upstream.flat()[1]).toMatchObject({
      id,
      kind: 'csat',
      score: 4,
      parts: [{ id: `${id}:comment`, body: 'Took a while to find', userId: 'u1', author: 'Jane' }],
    });
  });

  it('lets a changed score replace the one queued: one submission goes, with the last score and the comment', async () => {
    const c = client();
    const first = await c.submit({ kind: 'nps', score: 7 }, { holdMs: 60_000 });
    await c.submit({ id: first.id, kind: 'nps', score: 9 }, { holdMs: 60_000 });
    expect((await c.pending()).map((r) => r.submission.score)).toEqual([9]);
    expect(await c.followUp(first.id, 'Great product')).toEqual({ id: first.id, status: 'delivered' });
    clock += 120_000; // past any hold
    await c.flush();
    expect(upstream.flat()).toMatchObject([{ id: first.id, score: 9, body: 'Great product' }]);
    expect(upstream.flat()).toHaveLength(1);
  });

  it('sends a held score by itself when its hold ends, with no flush called', async () => {
    const c = client();
    const { id } = await c.submit({ kind: 'nps', score: 7 }, { holdMs: 200 });
    clock += 200;
    await new Promise((r) => setTimeout(r, 1_500));
    expect(sent()).toEqual([id]);
  });
});


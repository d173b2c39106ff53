// Clients for the UI tests: a real one on fake-indexeddb with a recording fetch, and a fake
// whose answers the test controls.
import { IDBFactory } from '../fake-idb.js';
import { vi } from 'vitest';
import { type Client, type SubmitResult, createClient } from '../../src/client/client.js';
import type { Submission } from '../../src/schema/submission.js';

/** A real client whose proxy answers `delivered` (or fails, when `online` is false). */
export function realClient(options: { online?: boolean } = {}) {
  const sent: Submission[] = [];
  const client = createClient({
    endpoint: 'http://127.0.0.1/v1/feedback',
    indexedDB: new IDBFactory(),
    autoFlush: false,
    locks: null,
    channel: { postMessage() {}, close() {}, onmessage: null },
    fetch: async (_url, init) => {
      if (options.online === false) throw new TypeError('Failed to fetch');
      const items = (JSON.parse(String(init!.body)) as { items: Submission[] }).items;
      sent.push(...items);
      const results = items.map(({ id }) => ({ id, status: 'delivered' }));
      return new Response(JSON.stringify({ results }), { headers: { 'content-type': 'application/json' } });
    },
  });
  return { client, sent };
}

/** A client's answer without its id (which the fake fills in), for each kind of answer. */
export type Answer = SubmitResult extends infer R ? (R extends SubmitResult ? Omit<R, 'id'> : never) : never;

/** A client whose `submit` and `followUp` resolve when the test says so. */
export function fakeClient() {
  let n = 0;
  const pending: ((result: SubmitResult) => void)[] = [];
  /** What the widget asked the client to remember, by key. */
  const kept = new Map<string, unknown>();
  const client = {
    submit: vi.fn((input: { id?: string }) => {
      const id = input.id ?? `id-${++n}`;
      return new Promise<SubmitResult>((resolve) => pending.push((r) => resolve({ ...r, id })));
    }),
    followUp: vi.fn(async (id: string) => ({ id, status: 'queued', durability: 'indexeddb' }) as SubmitResult),
    identify: vi.fn(),
    flush: vi.fn(async () => {}),
    on: vi.fn(() => () => {}),
    pending: vi.fn(async () => []),
    deadLetters: vi.fn(async () => []),
    remember: async <T>(key: string, change: (value: T | undefined) => T) => {
      const value = change(kept.get(key) as T | undefined);
      kept.set(key, value);
      return value;
    },
    durability: 'indexeddb',
    destroy: vi.fn(),
  } satisfies Client;
  /** Answers the oldest unanswered call. */
  const answer = (result: Answer) =>
    pending.shift()!(result as SubmitResult);
  return { client, answer, kept };
}

/** A client that answers every submit at once with `result`. */
export function answeringClient(result: Answer) {
  const faked = fakeClient();
  faked.client.submit.mockImplementation(async (input: { id?: string }) => ({ ...result, id: input.id ?? 'id-1' }) as SubmitResult);
  return faked;
}

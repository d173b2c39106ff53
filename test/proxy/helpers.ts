/** Shared pieces of the proxy tests: a Submission factory, what Amplitude must hold for it, a poster and a fake Amplitude per file. */
import { afterAll, beforeEach } from 'vitest';
import type { ProxyContext, ProxyHandler } from '../../src/proxy/create-proxy.js';
import type { Logger } from '../../src/proxy/log.js';
import { type FakeAmplitude, type FakeAmplitudeOptions, startFakeAmplitude } from '../fakes/amplitude.js';

export const ORIGIN = 'https://app.example.com';

let seq = 0;
export function feedback(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  seq++;
  return {
    id: `fb-${seq}-${Math.random().toString(36).slice(2, 8)}`,
    kind: 'feedback',
    body: `Search is broken on mobile (${seq})`,
    user: { id: 'user-123', email: 'jane@example.com', name: 'Jane Doe' },
    url: 'https://app.example.com/search?q=shoes',
    createdAt: '2026-03-15T10:30:00.000Z',
    ...overrides,
  };
}

/** The Amplitude item the proxy must write for a `feedback()` item: each field under Amplitude's name. */
export function amplitudeItemOf(item: Record<string, unknown>): Record<string, unknown> {
  return {
    unique_id: item.id,
    body: item.body,
    author: 'Jane Doe',
    email: 'jane@example.com',
    user_id: 'user-123',
    url: 'https://app.example.com/search?q=shoes',
    created_at: '2026-03-15T10:30:00.000Z',
  };
}

/**
 * A fake Amplitude for the test file that awaits this at its top level: emptied before each
 * test and closed after the file's tests. It starts at once, not in beforeAll, so that the file
 * reads `fake` as a plain constant; it is one server in this process, up in milliseconds.
 */
export async function fakeAmplitudeForFile(options?: FakeAmplitudeOptions): Promise<FakeAmplitude> {
  const fake = await startFakeAmplitude(options);
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());
  return fake;
}

export function postRequest(
  items: unknown,
  init: { origin?: string | null; contentType?: string; body?: BodyInit; headers?: Record<string, string>; url?: string } = {},
): Request {
  const headers: Record<string, string> = { 'content-type': init.contentType ?? 'application/json', ...init.headers };
  const origin = init.origin === undefined ? ORIGIN : init.origin;
  if (origin !== null) headers.origin = origin;
  return new Request(init.url ?? 'https://proxy.example.com/v1/feedback', {
    method: 'POST',
    headers,
    body: init.body ?? JSON.stringify({ items }),
  });
}

/** A POST whose body is `stream`, read only as the proxy pulls it. */
export function streamedRequest(stream: ReadableStream<Uint8Array>, origin = ORIGIN): Request {
  return new Request('https://proxy.example.com/v1/feedback', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: stream,
    duplex: 'half',
  } as RequestInit);
}

export async function post(handle: ProxyHandler, items: unknown, init: Parameters<typeof postRequest>[1] = {}, context?: ProxyContext) {
  const res = await handle(postRequest(items, init), context);
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { res, status: res.status, body };
}

/** A logger that keeps every line, to prove what was (and was not) logged. */
export function captureLogs(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(`info ${m}`),
    warn: (m) => lines.push(`warn ${m}`),
    error: (m) => lines.push(`error ${m}`),
  };
}

import type { ItemResult, Submission } from '../schema/submission.js';

/** What one POST to the proxy came to; classified in `classify.ts`, never by "fetch did not throw". */
export type Attempt =
  | { kind: 'response'; status: number; retryAfter: string | null; results?: ItemResult[] }
  | { kind: 'network'; error: string };

/**
 * POSTs `{ items }` to the proxy. A network error, a timeout or a blocked request is `network`.
 * `keepalive` (page hide): the request outlives the page, as `text/plain` so no preflight is needed.
 */
export async function post(
  endpoint: string,
  items: readonly Submission[],
  fetch: typeof globalThis.fetch,
  timeoutMs: number,
  keepalive?: boolean,
): Promise<Attempt> {
  try {
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': keepalive ? 'text/plain' : 'application/json' },
      body: JSON.stringify({ items }),
      keepalive,
      credentials: 'omit',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const results = (await res.json().catch(() => undefined))?.results;
    return {
      kind: 'response',
      status: res.status,
      retryAfter: res.headers.get('retry-after'),
      results: Array.isArray(results) ? results : undefined,
    };
  } catch (err) {
    // Offline, DNS, CORS, an ad blocker, the keepalive budget, a timeout: all look alike here.
    return { kind: 'network', error: String(err) };
  }
}

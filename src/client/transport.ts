import type { ItemResult, Submission } from '../schema/submission.js';

/**
 * What one POST to the proxy came to; classified in `classify.ts`, never by "fetch did not throw".
 * `status` 0 is no answer at all (as XMLHttpRequest says it), and then `error` says why.
 */
export interface Attempt {
  status: number;
  retryAfter?: string | null;
  results?: ItemResult[];
  error?: string;
}

/**
 * POSTs `{ items }` to the proxy. A network error, a timeout or a blocked request is status 0.
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
      status: res.status,
      retryAfter: res.headers.get('retry-after'),
      results: Array.isArray(results) ? results : undefined,
    };
  } catch (err) {
    // Offline, DNS, CORS, an ad blocker, the keepalive budget, a timeout: all look alike here.
    return { status: 0, error: String(err) };
  }
}

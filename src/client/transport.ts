import type { ItemResult, Submission } from '../schema/submission.js';

/** What one POST to the proxy came to; classified in `classify.ts`, never by "fetch did not throw". */
export type Attempt =
  | { kind: 'response'; status: number; retryAfter: string | null; results?: ItemResult[] }
  | { kind: 'network'; error: string };

export interface PostOptions {
  fetch: typeof fetch;
  timeoutMs: number;
  /** Page hide: survive the page, as `text/plain` so no preflight is needed. */
  keepalive?: boolean;
}

/** POSTs `{ items }` to the proxy. A network error, a timeout or a blocked request is `network`. */
export async function post(endpoint: string, items: readonly Submission[], options: PostOptions): Promise<Attempt> {
  try {
    const res = await options.fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': options.keepalive ? 'text/plain;charset=UTF-8' : 'application/json' },
      body: JSON.stringify({ items }),
      keepalive: options.keepalive,
      credentials: 'omit',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const body = (await res.json().catch(() => undefined)) as { results?: unknown } | undefined;
    return {
      kind: 'response',
      status: res.status,
      retryAfter: res.headers.get('retry-after'),
      results: Array.isArray(body?.results) ? (body.results as ItemResult[]) : undefined,
    };
  } catch (err) {
    // Offline, DNS, CORS, an ad blocker, the keepalive budget, a timeout: all look alike here.
    return { kind: 'network', error: `${(err as Error)?.name ?? 'Error'}: ${(err as Error)?.message ?? err}` };
  }
}

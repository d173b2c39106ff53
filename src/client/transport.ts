import type { ItemResult, Submission } from '../schema/submission.js';

/**
 * What one POST to the proxy came to; classified in `classify.ts`, never by "fetch did not throw".
 * `status` 0 is no answer at all (as XMLHttpRequest says it), and then `error` says why.
 */
export interface Attempt {
  status: number;
  retryAfter?: string | null;
  results?: ItemResult[];
  /** The `code` of a non-2xx answer's JSON body, e.g. `origin_not_allowed`. */
  code?: string;
  error?: string;
  /** No answer, and the browser said it was offline when the attempt failed. */
  offline?: boolean;
}

export interface PostOptions {
  fetch: typeof globalThis.fetch;
  timeoutMs: number;
  /** Page hide: the request outlives the page, as `text/plain` so no preflight is needed. */
  keepalive?: boolean;
}

/** A JSON body's `results` (a 2xx) or `code` (any other answer), when it has them. */
function readBody(status: number, body: unknown): Pick<Attempt, 'results' | 'code'> {
  const { results, code } = (body ?? {}) as { results?: unknown; code?: unknown };
  const ok = status >= 200 && status < 300;
  return {
    results: Array.isArray(results) ? results : undefined,
    code: !ok && typeof code === 'string' ? code : undefined,
  };
}

/** POSTs `{ items }` to the proxy. A network error, a timeout or a blocked request is status 0. */
export async function post(endpoint: string, items: readonly Submission[], { fetch, timeoutMs, keepalive = false }: PostOptions): Promise<Attempt> {
  try {
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': keepalive ? 'text/plain' : 'application/json' },
      body: JSON.stringify({ items }),
      keepalive,
      credentials: 'omit',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await res.json().catch(() => undefined);
    return { status: res.status, retryAfter: res.headers.get('retry-after'), ...readBody(res.status, body) };
  } catch (err) {
    // Offline, DNS, CORS, an ad blocker, the keepalive budget, a timeout: all look alike here;
    // the browser's online flag is the one hint that tells "offline" apart.
    const offline = (globalThis.navigator as Navigator | undefined)?.onLine === false;
    return { status: 0, error: String(err), ...(offline && { offline }) };
  }
}

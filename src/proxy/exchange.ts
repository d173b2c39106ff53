/**
 * The proxy's own view of one HTTP exchange: what it reads of a request and what it answers.
 * Each platform adapter fills these in its cheapest way (the web handler from a `Request`,
 * the Node server straight from `node:http`), and the same code decides every answer.
 */

/** What the proxy reads of a request. */
export interface ProxyRequest {
  readonly method: string;
  /** The full URL; read only for the default allowlist (the proxy's own origin). */
  readonly url: string;
  /** A header by lower-case name, several values joined with `, ` as `Headers.get` does; or null. */
  header(name: string): string | null;
  /**
   * The whole body; rejects with a 413 `HttpError` past `maxBytes`, and with a 408 when it has
   * not all arrived within `timeoutMs` (see `read-body.ts`).
   */
  bytes(maxBytes: number, timeoutMs: number): Promise<Uint8Array>;
  /** The peer's address, when the platform knows it. */
  readonly clientAddress?: string;
  /** The request as a WHATWG `Request`, for `ProxyConfig.clientIp`. */
  toRequest(): Request;
}

/** An answer, before it becomes a `Response` or a `node:http` response. */
export interface ProxyAnswer {
  status: number;
  headers: Record<string, string>;
  /** The body as text, or null for none. */
  body: string | null;
}

/** A JSON answer, with the content type `c.json()` would give it. */
export function jsonAnswer(status: number, value: unknown, headers: Record<string, string> = {}): ProxyAnswer {
  return { status, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(value) };
}

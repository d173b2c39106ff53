/**
 * The web-standard adapter: a `Request` as a `ProxyRequest`, a `ProxyAnswer` as a `Response`.
 * What `createProxy` runs on Next.js, Cloudflare Workers, Deno and Bun.
 */
import type { ProxyAnswer, ProxyRequest } from './exchange.js';
import { readBody } from './read-body.js';

export function fromWebRequest(request: Request, clientAddress?: string): ProxyRequest {
  return {
    method: request.method,
    url: request.url,
    header: (name) => request.headers.get(name),
    bytes: (maxBytes, timeoutMs) => readBody(request, maxBytes, timeoutMs),
    clientAddress,
    toRequest: () => request,
  };
}

export const toResponse = (answer: ProxyAnswer): Response =>
  new Response(answer.body, { status: answer.status, headers: answer.headers });

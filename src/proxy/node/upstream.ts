/**
 * The Node server's transport to Amplitude and BuildBetter: node:http(s) with keep-alive
 * agents. Node 20's built-in fetch (undici) cost ~0.4 ms of CPU per upstream call in
 * `npm run bench`, more than everything else the proxy does for a batch. A call's deadline
 * (`init.timeoutMs`) is a plain timer here: an `AbortSignal` per call cost ~12 µs.
 */
import { Agent as HttpAgent, type IncomingMessage, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { UpstreamFetch, UpstreamResponse } from '../destination.js';

/** An upstream answer larger than this is cut off: we only ever read a short JSON. */
const MAX_RESPONSE_BYTES = 1024 * 1024;
/** Parsed endpoints kept: the destinations call a handful of fixed URLs. */
const MAX_CACHED_URLS = 100;

/** What `fetch` rejects with at a deadline, so callers see the same `TimeoutError`. */
const timeoutError = () => new DOMException('The operation was aborted due to timeout', 'TimeoutError');

function answer(res: IncomingMessage, text: string): UpstreamResponse {
  const status = res.statusCode ?? 0;
  return {
    status,
    ok: status >= 200 && status < 300,
    headers: {
      get: (name) => {
        const value = res.headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    },
    json: async () => JSON.parse(text),
  };
}

export function createUpstreamFetch(): UpstreamFetch & { close(): void } {
  const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };
  /** Where a URL goes, parsed once: the destinations call a handful of fixed URLs. */
  interface Target {
    request: typeof httpRequest;
    agent: HttpAgent;
    hostname: string;
    port: string;
    path: string;
  }
  const targets = new Map<string, Target>();
  const target = (url: string): Target => {
    let found = targets.get(url);
    if (!found) {
      const { protocol, hostname, port, pathname, search } = new URL(url);
      const secure = protocol === 'https:';
      found = {
        request: secure ? httpsRequest : httpRequest,
        agent: secure ? agents.https : agents.http,
        hostname: hostname.replace(/^\[|\]$/g, ''),
        port,
        path: pathname + search,
      };
      if (targets.size >= MAX_CACHED_URLS) targets.clear();
      targets.set(url, found);
    }
    return found;
  };

  const upstream: UpstreamFetch = (url, init) =>
    new Promise<UpstreamResponse>((resolve, reject) => {
      const { request, agent, hostname, port, path } = target(url);
      // Encoded once: its length is the Content-Length, and these bytes are what is written.
      const payload = Buffer.from(init.body, 'utf8');
      const headers = { ...init.headers, 'content-length': String(payload.length) };
      const req = request({ agent, hostname, port, path, method: init.method, headers });
      // The deadline: our own timer when the caller gave one, else its signal, if any.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const signal = init.timeoutMs === undefined ? init.signal : undefined;
      const abort = () => req.destroy(signal?.reason ?? new Error('aborted'));
      const done = () => (timer === undefined ? signal?.removeEventListener('abort', abort) : clearTimeout(timer));
      // Unref'd, as AbortSignal.timeout's is: a deadline never keeps the process alive by itself.
      if (init.timeoutMs !== undefined) (timer = setTimeout(() => req.destroy(timeoutError()), init.timeoutMs)).unref();
      else if (signal?.aborted) return abort();
      else signal?.addEventListener('abort', abort, { once: true });
      req.on('error', (err) => {
        done();
        reject(err);
      });
      req.on('response', (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) return req.destroy(new Error('upstream answer too large'));
          chunks.push(chunk);
        });
        res.on('error', reject);
        res.on('close', () => {
          done();
          if (!res.complete) reject(new Error('upstream closed the connection mid-answer'));
        });
        res.on('end', () => {
          resolve(answer(res, Buffer.concat(chunks, size).toString('utf8')));
        });
      });
      req.end(payload);
    });
  return Object.assign(upstream, {
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  });
}

/**
 * The Node server's transport to Amplitude and BuildBetter: node:http(s) with keep-alive
 * agents. Node 20's built-in fetch (undici) cost ~0.4 ms of CPU per upstream call in
 * `npm run bench`, more than everything else the proxy does for a batch.
 */
import { Agent as HttpAgent, type IncomingMessage, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { UpstreamFetch, UpstreamResponse } from '../destination.js';

/** An upstream answer larger than this is cut off: we only ever read a short JSON. */
const MAX_RESPONSE_BYTES = 1024 * 1024;

export function createUpstreamFetch(): UpstreamFetch & { close(): void } {
  const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };
  const upstream: UpstreamFetch = (url, init) =>
    new Promise<UpstreamResponse>((resolve, reject) => {
      const secure = url.startsWith('https:');
      const send = secure ? httpsRequest : httpRequest;
      const req = send(url, {
        method: init.method,
        agent: secure ? agents.https : agents.http,
        headers: { ...init.headers, 'content-length': String(Buffer.byteLength(init.body)) },
      });
      const abort = () => req.destroy(init.signal?.reason ?? new Error('aborted'));
      if (init.signal?.aborted) return abort();
      init.signal?.addEventListener('abort', abort, { once: true });
      req.on('error', (err) => {
        init.signal?.removeEventListener('abort', abort);
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
        res.on('close', () => res.complete || reject(new Error('upstream closed the connection mid-answer')));
        res.on('end', () => {
          init.signal?.removeEventListener('abort', abort);
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          resolve({
            status,
            ok: status >= 200 && status < 300,
            headers: {
              get: (name) => {
                const value = res.headers[name.toLowerCase()];
                return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
              },
            },
            json: async () => JSON.parse(text),
          });
        });
      });
      req.end(init.body);
    });
  return Object.assign(upstream, {
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  });
}

/**
 * Limits on reading request bodies, so that stalled uploads pin neither memory nor the
 * server for long: at most a few bodies read at once per client (past that, 429), and a
 * body must have arrived by the time the answer is due (else 408). Ordinary traffic never
 * meets either: a batch of feedback is a few kilobytes, read in a millisecond.
 */
import type { ProxyRequest } from './exchange.js';
import { HttpError } from './errors.js';

/** Bodies read at once per client: 16 requests in flight from one address are served as before. */
const MAX_BODIES_PER_CLIENT = 16;

/** Counts the bodies being read per client address (an address leaves the count at 0). */
export function createUploadGuard(maxPerClient = MAX_BODIES_PER_CLIENT) {
  const reading = new Map<string, number>();

  /** Reads `request`'s body for `client` within `timeoutMs`, refusing one more than its share at once. */
  return async function readBody(request: ProxyRequest, client: string | undefined, maxBytes: number, timeoutMs: number) {
    const read = () => request.bytes(maxBytes, Math.max(0, timeoutMs));
    // With no address known there is no one to count: the deadline alone holds.
    if (client === undefined) return read();
    const count = reading.get(client) ?? 0;
    if (count >= maxPerClient)
      throw new HttpError(429, `too many uploads at once from one address (max ${maxPerClient})`, { retryAfterSeconds: 1 });
    reading.set(client, count + 1);
    try {
      return await read();
    } finally {
      const left = (reading.get(client) ?? 1) - 1;
      if (left > 0) reading.set(client, left);
      else reading.delete(client);
    }
  };
}

/**
 * Limits on reading request bodies, so that stalled uploads pin neither memory nor the
 * server for long: at most a few bodies read at once per client (past that, 429), and a
 * body must have arrived by the time the answer is due (else 408). Ordinary traffic never
 * meets either: a batch of feedback is a few kilobytes, read in a millisecond.
 */
import type { ProxyRequest } from './exchange.js';
import { HttpError } from './errors.js';

/** Bodies read at once per client: 16 requests in flight from one address are served as before. */
export const MAX_BODIES_PER_CLIENT = 16;

/** Clients with bodies being read, remembered at most (a count per address, freed when it reaches 0). */
export function createUploadGuard(maxPerClient = MAX_BODIES_PER_CLIENT) {
  const reading = new Map<string, number>();

  /** Reads `request`'s body for `client` within `timeoutMs`, refusing one more than its share at once. */
  return async function readBody(request: ProxyRequest, client: string | undefined, maxBytes: number, timeoutMs: number) {
    const key = client ?? '';
    const count = reading.get(key) ?? 0;
    if (client !== undefined && count >= maxPerClient)
      throw new HttpError(429, `too many uploads at once from one address (max ${maxPerClient})`, { retryAfterSeconds: 1 });
    reading.set(key, count + 1);
    try {
      return await request.bytes(maxBytes, Math.max(0, timeoutMs));
    } finally {
      const left = (reading.get(key) ?? 1) - 1;
      if (left > 0) reading.set(key, left);
      else reading.delete(key);
    }
  };
}

export type UploadGuard = ReturnType<typeof createUploadGuard>;

import { HttpError } from './errors.js';

/** The 413 for a body past the limit: an answer, never a reset connection (README, "Routes and answers"). */
export const bodyTooLarge = (maxBytes: number) => new HttpError(413, `body too large (max ${maxBytes} bytes)`);

/** The 400 for a body the client stopped sending half-way (or a stream that failed). */
export const bodyUnreadable = () => new HttpError(400, 'the request body could not be read');

/** The 408 for a body still arriving when the answer was due (a stalled or trickling upload). */
export const bodyTooSlow = () => new HttpError(408, 'the request body did not arrive in time');

/**
 * Reads a `Request`'s body, refusing with 413 the moment it passes `maxBytes`, so an
 * oversized upload never sits in memory whole, and with 408 when it has not all arrived
 * within `timeoutMs`.
 */
export async function readBody(request: Request, maxBytes: number, timeoutMs: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  return beforeDeadline(reader, readAll(reader, maxBytes), timeoutMs, () => {
    throw bodyTooSlow();
  });
}

/**
 * `work` on `reader`, or, when it has not finished within `timeoutMs`, the reader cancelled (so
 * a client that never ends its body holds nothing) and `late()`'s answer instead.
 */
async function beforeDeadline<T>(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  work: Promise<T>,
  timeoutMs: number,
  late: () => T,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<T>((resolve, reject) => {
    timer = setTimeout(() => {
      reader.cancel().catch(() => {});
      try {
        resolve(late());
      } catch (err) {
        reject(err);
      }
    }, timeoutMs);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function readAll(reader: ReadableStreamDefaultReader<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const step = await reader.read().catch(unreadable);
    if (step.done) break;
    total += step.value.byteLength;
    if (total > maxBytes) {
      await discard(reader, discardCap(maxBytes) - total);
      throw bodyTooLarge(maxBytes);
    }
    chunks.push(step.value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.byteLength;
  }
  return bytes;
}

/**
 * How much of a refused body is read and dropped before the answer: enough that workerd does
 * not reset the connection under a client still sending an oversized batch (it did, now and
 * then, to posts of 6 MB: test/runtimes/contract.test.ts), bounded so that a huge upload is
 * cut off rather than read whole.
 */
export const discardCap = (maxBytes: number): number => 4 * maxBytes;

/** Reads and drops up to `capBytes` more of a stream, then lets go of it; never throws. */
async function discard(reader: ReadableStreamDefaultReader<Uint8Array>, capBytes: number): Promise<void> {
  let left = capBytes;
  try {
    while (left > 0) {
      const step = await reader.read();
      if (step.done) return;
      left -= step.value.byteLength;
    }
    await reader.cancel();
  } catch {
    // A client that stopped sending: nothing is left to drain.
  }
}

/**
 * How long an answer given before the body was read waits for that body to drain. Past it the
 * body is let go and the answer goes anyway: a client whose body never ends still hears it.
 */
export const DRAIN_WITHIN_MS = 1_000;

/**
 * Drains a body no one read (the answer came first), for at most `withinMs`, unless it says it
 * is longer than `capBytes`; never throws.
 */
export async function discardUnread(request: Request, capBytes: number, withinMs: number): Promise<void> {
  if (!request.body || request.bodyUsed) return;
  if (Number(request.headers.get('content-length')) > capBytes) {
    request.body.cancel().catch(() => {});
    return;
  }
  const reader = request.body.getReader();
  await beforeDeadline(reader, discard(reader, capBytes), withinMs, () => undefined);
}

const unreadable = (): never => {
  throw bodyUnreadable();
};

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The body as text; 400 when it is not UTF-8. */
export function decodeBody(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new HttpError(400, 'the body is not valid UTF-8');
  }
}

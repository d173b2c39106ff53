import { HttpError } from './errors.js';

/**
 * Reads a request body as UTF-8 text, refusing with 413 the moment it passes `maxBytes`,
 * so an oversized upload never sits in memory whole.
 */
export async function readBody(request: Request, maxBytes: number): Promise<string> {
  const tooLarge = () => new HttpError(413, `body too large (max ${maxBytes} bytes)`);
  const length = request.headers.get('content-length');
  if (Number(length) > maxBytes) throw tooLarge();
  if (!request.body) return '';
  // A declared length bounds the body (the HTTP framing enforces it): read it in one go.
  if (length !== null) {
    const bytes = new Uint8Array(await request.arrayBuffer().catch(unreadable));
    if (bytes.byteLength > maxBytes) throw tooLarge();
    return decode(bytes);
  }
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const step = await reader.read().catch(unreadable);
    if (step.done) break;
    total += step.value.byteLength;
    if (total > maxBytes) {
      reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(step.value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.byteLength;
  }
  return decode(bytes);
}

const unreadable = (): never => {
  throw new HttpError(400, 'the request body could not be read');
};

function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError(400, 'the body is not valid UTF-8');
  }
}

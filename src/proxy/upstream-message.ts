import type { UpstreamResponse } from './destination.js';
import { redact } from './log.js';

const MAX_MESSAGE_LENGTH = 200;

/**
 * A short, printable reason from an upstream error answer: its JSON `error` or `message`
 * string, never the raw body (which could echo anything back to a browser).
 */
export async function upstreamMessage(res: UpstreamResponse, secrets: readonly string[]): Promise<string | undefined> {
  const body = (await res.json().catch(() => undefined)) as Record<string, unknown> | undefined;
  const text = [body?.error, body?.message].find((v): v is string => typeof v === 'string');
  return text && redact(text.replace(/[\u0000-\u001f]+/g, ' '), secrets).slice(0, MAX_MESSAGE_LENGTH);
}

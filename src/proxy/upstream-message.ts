import type { UpstreamResponse } from './destination.js';
import { redact } from './log.js';

const MAX_MESSAGE_LENGTH = 200;

/**
 * An upstream's words made safe to show: control characters blanked, every secret redacted,
 * and only then cut to `maxLength`. Cutting first would leave the head of a key that
 * straddles the cut, which no redaction then recognises.
 */
export function upstreamText(text: string, secrets: readonly string[], maxLength: number): string {
  return redact(text.replace(/[\u0000-\u001f]+/g, ' '), secrets).slice(0, maxLength);
}

/**
 * A short, printable reason from an upstream error answer: its JSON `error` or `message`
 * string, never the raw body (which could echo anything back to a browser).
 */
export async function upstreamMessage(res: UpstreamResponse, secrets: readonly string[]): Promise<string | undefined> {
  const body = (await res.json().catch(() => undefined)) as Record<string, unknown> | undefined;
  const text = [body?.error, body?.message].find((v): v is string => typeof v === 'string');
  return text && upstreamText(text, secrets, MAX_MESSAGE_LENGTH);
}

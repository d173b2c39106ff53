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

/** An answer's JSON body, or undefined when it has none that parses. */
export const readJson = (res: UpstreamResponse): Promise<unknown> => res.json().catch(() => undefined);

/**
 * A short, printable reason from an upstream error answer's JSON: its `error` or `message`
 * string, never the raw body (which could echo anything back to a browser).
 */
export function upstreamMessage(body: unknown, secrets: readonly string[]): string | undefined {
  const fields = (body ?? {}) as Record<string, unknown>;
  const text = [fields.error, fields.message].find((v): v is string => typeof v === 'string');
  return text && upstreamText(text, secrets, MAX_MESSAGE_LENGTH);
}

import { codePointUtf8Length } from './utf8-length.js';

/** How far back from a chunk's end a whitespace break is preferred over a hard cut. */
const BREAK_LOOKBACK_CHARS = 200;

/**
 * Cuts `text` into chunks of at most `maxBytes` UTF-8 bytes that join back to `text` exactly:
 * never inside a code point, after whitespace when there is some near the end of a chunk.
 */
export function splitByBytes(text: string, maxBytes: number): string[] {
  if (maxBytes < 4) throw new RangeError('maxBytes must be at least 4 (one code point)');
  const chunks: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = start;
    let bytes = 0;
    while (end < text.length) {
      const cp = text.codePointAt(end)!;
      const size = codePointUtf8Length(cp);
      if (bytes + size > maxBytes) break;
      bytes += size;
      end += cp > 0xffff ? 2 : 1;
    }
    if (end < text.length) end = preferWhitespaceBreak(text, start, end);
    chunks.push(text.slice(start, end));
    start = end;
  }
  return chunks;
}

function preferWhitespaceBreak(text: string, start: number, end: number): number {
  const floor = Math.max(start, end - BREAK_LOOKBACK_CHARS);
  // Whitespace is always a single UTF-16 unit, so cutting right after it never splits a pair.
  for (let i = end - 1; i >= floor; i--) if (/\s/.test(text[i]!)) return i + 1;
  return end;
}

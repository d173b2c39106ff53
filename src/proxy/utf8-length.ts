/** Any character outside ASCII: only then does a string's UTF-8 size differ from its length. */
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * The number of bytes `TextEncoder` would write for `text`, without allocating them: the
 * Amplitude chunker sizes every item it sends, and encoding each one cost more than the rest
 * of its work. A lone surrogate counts 3 bytes, as the U+FFFD it is encoded to.
 */
export function utf8Length(text: string): number {
  if (!NON_ASCII.test(text)) return text.length;
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) bytes += 1;
    else if (code >= 0xd800 && code < 0xdc00 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2; // a pair: 4 bytes for 2 code units
      i++;
    } else bytes += 2;
  }
  return bytes;
}

/**
 * The one UTF-8 byte counter: what `TextEncoder` would write, without allocating it. A lone
 * surrogate counts 3 bytes, as the U+FFFD it is encoded to.
 */

/** The UTF-8 bytes of one code point. */
export function codePointUtf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  return codePoint < 0x10000 ? 3 : 4;
}

/** The UTF-8 bytes of `text`. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const codePoint = text.codePointAt(i)!;
    bytes += codePointUtf8Length(codePoint);
    if (codePoint > 0xffff) i++; // the second half of a pair
  }
  return bytes;
}

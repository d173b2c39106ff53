/**
 * Ids the proxy makes for records the client never named (a comment moved into its own part,
 * a follow-up's new words): derived from what they stand for, so every re-send, on every
 * instance, names the same record and the upstream's deduplication keeps one.
 */

/** Bytes as lowercase hex, two digits each: how digests and signatures are written. */
export const toHex = (bytes: ArrayBuffer): string => Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, '0')).join('');

/** Hex SHA-256 of the UTF-8 of `parts`, each ended by a NUL so that no two lists collide. */
export async function digestHex(...parts: string[]): Promise<string> {
  const bytes = new TextEncoder().encode(parts.map((part) => `${part}\0`).join(''));
  return toHex(await crypto.subtle.digest('SHA-256', bytes));
}

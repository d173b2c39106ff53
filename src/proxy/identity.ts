/**
 * Identity verification (`EARFUL_IDENTITY_SECRET`): the host app's server signs the user id,
 * `hash = hex(HMAC-SHA256(secret, id))`, so a page cannot file feedback as another user.
 */
const HEX = /^(?:[0-9a-f]{2})+$/i;

export function createIdentityCheck(secret: string) {
  const key = crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ]);

  /** Whether `hash` signs `id`. `crypto.subtle.verify` compares in constant time. */
  return async function verify(id: string, hash: string): Promise<boolean> {
    if (hash.length !== 64 || !HEX.test(hash)) return false;
    const bytes = new Uint8Array(32);
    for (let i = 0; i < 32; i++) bytes[i] = parseInt(hash.slice(i * 2, i * 2 + 2), 16);
    return crypto.subtle.verify('HMAC', await key, bytes, new TextEncoder().encode(id));
  };
}

/** What the host app's server computes; exported for tests and server-side helpers. */
export async function signUserId(secret: string, id: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(id)));
  return Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join('');
}

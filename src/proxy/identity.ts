/**
 * Identity verification (`EARFUL_IDENTITY_SECRET`): the host app's server signs what it knows
 * of the user, and the page hands the signature on in `user.hash` (`data-user-hash`), so a
 * page cannot file feedback as someone else. Two forms of hash, both hex HMAC-SHA256:
 *
 * - of `"earful-identity-v1\0" + id + "\0" + email + "\0" + name`, each claim `""` when not
 *   sent: it vouches for every claim it names;
 * - of the id alone, as before: it vouches for the id and nothing else.
 *
 * A claim the hash does not sign never reaches an upstream as identity (`signed-claims.ts` drops it).
 */
import { toHex } from './derived-id.js';

const VERSION = 'earful-identity-v1';
const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/** The claims a hash may sign. */
export interface IdentityClaims {
  id?: string;
  email?: string;
  name?: string;
}

/** The signed message of the claims: NUL-separated, since no email has a NUL and ids and names with one are not signed. */
const claimsMessage = ({ id = '', email = '', name = '' }: IdentityClaims) => [VERSION, id, email, name].join('\0');

const encode = (text: string) => new TextEncoder().encode(text);

const importKey = (secret: string, usage: 'sign' | 'verify') =>
  crypto.subtle.importKey('raw', encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);

async function hmacHex(secret: string, message: string): Promise<string> {
  return toHex(await crypto.subtle.sign('HMAC', await importKey(secret, 'sign'), encode(message)));
}

/** What the host app's server computes for `user.hash`: the signature of every claim given. */
export const signIdentity = (secret: string, claims: IdentityClaims): Promise<string> => hmacHex(secret, claimsMessage(claims));

/** The id-only hash of earlier versions, still accepted: it vouches for the id alone. */
export const signUserId = (secret: string, id: string): Promise<string> => hmacHex(secret, id);

/** Every way to sign some of `claims`: the id (when given) with each subset of email and name, most first. */
function candidates({ id, email, name }: IdentityClaims): IdentityClaims[] {
  // A claim with a NUL could be read two ways in the message: it is never signed.
  const signable = (claim?: string) => (claim && !claim.includes('\0') ? claim : undefined);
  if (id?.includes('\0')) return [];
  const list: IdentityClaims[] = [];
  for (const withEmail of new Set([signable(email), undefined]))
    for (const withName of new Set([signable(name), undefined]))
      if (id !== undefined || withEmail !== undefined || withName !== undefined) list.push({ id, email: withEmail, name: withName });
  return list;
}

/**
 * Makes the check of one secret: `signed(claims, hash)` answers which of the claims the hash
 * signs, or `undefined` when it signs none of them. Web Crypto's `verify` compares in
 * constant time.
 */
export function createIdentityCheck(secret: string) {
  const key = importKey(secret, 'verify');
  const verifies = async (hash: Uint8Array<ArrayBuffer>, message: string) => crypto.subtle.verify('HMAC', await key, hash, encode(message));

  return async function signed(claims: IdentityClaims, hash: string): Promise<IdentityClaims | undefined> {
    if (!HEX_SHA256.test(hash)) return undefined;
    const bytes = new Uint8Array(32);
    for (let i = 0; i < 32; i++) bytes[i] = parseInt(hash.slice(i * 2, i * 2 + 2), 16);
    for (const candidate of candidates(claims)) if (await verifies(bytes, claimsMessage(candidate))) return candidate;
    if (claims.id !== undefined && (await verifies(bytes, claims.id))) return { id: claims.id };
    return undefined;
  };
}

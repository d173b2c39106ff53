// @vitest-environment node
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createIdentityCheck, signIdentity, signUserId } from '../../src/proxy/identity.js';

const SECRET = 'identity-secret';

/** The README's server-side snippet for Node, word for word. */
function earfulUserHash(secret: string, { id = '', email = '', name = '' }: { id?: string; email?: string; name?: string }) {
  return createHmac('sha256', secret).update(['earful-identity-v1', id, email, name].join('\0')).digest('hex');
}

describe('identity hashes', () => {
  it('signs what the README tells a host server to compute', async () => {
    const claims = { id: 'user-123', email: 'jane@example.com', name: 'Jane Ö. Doe' };
    expect(await signIdentity(SECRET, claims)).toBe(earfulUserHash(SECRET, claims));
    expect(await signIdentity(SECRET, { email: 'jane@example.com' })).toBe(earfulUserHash(SECRET, { email: 'jane@example.com' }));
    expect(await signUserId(SECRET, 'user-123')).toBe(createHmac('sha256', SECRET).update('user-123').digest('hex'));
  });

  it('answers which claims a hash signs, and none for a hash of another secret, claim or shape', async () => {
    const signed = createIdentityCheck(SECRET);
    const all = { id: 'u1', email: 'a@example.com', name: 'Ann' };
    expect(await signed(all, await signIdentity(SECRET, all))).toEqual(all);
    expect(await signed(all, await signIdentity(SECRET, { id: 'u1', name: 'Ann' }))).toEqual({ id: 'u1', name: 'Ann' });
    expect(await signed(all, await signUserId(SECRET, 'u1'))).toEqual({ id: 'u1' });
    expect(await signed(all, (await signIdentity(SECRET, all)).toUpperCase())).toEqual(all);
    expect(await signed(all, await signIdentity('other', all))).toBeUndefined();
    expect(await signed(all, await signIdentity(SECRET, { ...all, id: 'u2' }))).toBeUndefined();
    expect(await signed(all, 'not hex')).toBeUndefined();
  });

  it('signs no claim that a NUL would make ambiguous', async () => {
    const signed = createIdentityCheck(SECRET);
    // "id\0email" signed as an id would read as the id "id" with the email "email" otherwise.
    const hash = await signIdentity(SECRET, { id: 'u1', email: 'a@example.com', name: '' });
    expect(await signed({ id: 'u1\0a@example.com' }, hash)).toBeUndefined();
    expect(await signed({ id: 'u1', email: 'a@example.com', name: 'x\0y' }, hash)).toEqual({ id: 'u1', email: 'a@example.com', name: undefined });
  });
});

/**
 * What identity verification (`EARFUL_IDENTITY_SECRET`; README, "Identity verification") does
 * to an item the schema accepted: no claim reaches an upstream as identity unless `user.hash`
 * signs it. An id must be signed: an unsigned or forged one is rejected, as it always was. An
 * email or a name that is not signed is dropped and the words go on without it, so hosts that
 * send an email beside an id-only hash, and items already queued in browsers, keep flowing.
 * A part's email and author pass only when they are the signed email and name.
 */
import type { SubmissionIssue } from '../schema/messages.js';
import type { Submission } from '../schema/submission.js';
import { createIdentityCheck } from './identity.js';
import type { Logger } from './log.js';

/** The item as far as its claims are signed, or why it can never be taken. */
export type ClaimCheck = (item: Submission) => Promise<Submission | SubmissionIssue>;

export function createClaimCheck(secret: string, log: Logger): ClaimCheck {
  const signedClaims = createIdentityCheck(secret);
  let warned = false;
  const warnOnce = () => {
    if (warned) return;
    warned = true;
    log.warn(
      'identity: dropped a user.email or user.name that user.hash has not signed; sign every claim the page ' +
        'sends (README, "Identity verification") to keep them. Logged once.',
    );
  };

  return async (item) => {
    const user = item.user ?? {};
    const { id, hash } = user;
    if (id !== undefined && !hash) return { path: 'user.hash', message: 'required with user.id when identity verification is on' };
    const signed = hash ? await signedClaims(user, hash) : undefined;
    if (id !== undefined && signed === undefined) return { path: 'user.hash', message: 'does not match user.id' };
    const spoofed = item.parts?.findIndex((p) => p.userId !== undefined && p.userId !== id) ?? -1;
    if (spoofed >= 0) return { path: `parts.${spoofed}.userId`, message: 'must be the verified user.id' };

    // zod's output is a fresh copy of the client's item: changed in place.
    let dropped = false;
    const drop = <T extends object>(holder: T, key: keyof T, signedValue: string | undefined) => {
      if (holder[key] === undefined || holder[key] === signedValue) return;
      delete holder[key];
      dropped = true;
    };
    drop(user, 'email', signed?.email);
    drop(user, 'name', signed?.name);
    for (const part of item.parts ?? []) {
      drop(part, 'email', signed?.email);
      drop(part, 'author', signed?.name);
    }
    if (dropped) warnOnce();
    return item;
  };
}

/**
 * Which words an item's BuildBetter record holds, when it was there already. BuildBetter has no
 * update and no way to read a record back: a re-sent item whose record exists must guess
 * whether its words are in it. Alone, a process knows only what it sent itself (`stored` in
 * `buildbetter.ts`); after a restart, or on another instance, it does not, and a score's words
 * go again as a follow-up. With a shared store every sender first claims the record for the
 * words it carries: a record found there already holds the words of the one claim made, and
 * when senders with different words met (a score and its comment, at once) it is unknown. So a
 * worker killed between BuildBetter storing a record and hearing so neither loses the words
 * nor sends them twice.
 */
import type { SharedState } from './shared-state.js';
import { digestHex } from './derived-id.js';

/** The words a record holds are not known (a restart, another instance, two senders at once). */
export const WORDS_UNKNOWN = '?';

/** Claims are kept as long as an item can come back: the browser gives up after 7 days, so does the queue. */
const CLAIM_TTL_MS = 7 * 24 * 60 * 60_000;

export interface WordClaims {
  /** Says that `words` (a digest, '' for none) go out in the record `externalId`. */
  claim(externalId: string, words: string): Promise<void>;
  /** What the record `externalId`, found there already, holds: `words` if they were the only claim, else unknown. */
  heldWords(externalId: string, words: string): Promise<string>;
}

/** The claims of `namespace` (one per API key) in a shared store, each under a digest of its record's id. */
export function sharedWordClaims(shared: SharedState, namespace: string): WordClaims {
  const keyOf = async (externalId: string) => `${namespace}:words:${await digestHex(externalId)}`;
  return {
    async claim(externalId, words) {
      const key = await keyOf(externalId);
      const first = await shared.rememberFirst(key, words, CLAIM_TTL_MS);
      if (first !== words) await shared.remember(key, WORDS_UNKNOWN, CLAIM_TTL_MS);
    },
    async heldWords(externalId, words) {
      return (await shared.recall(await keyOf(externalId))) === words ? words : WORDS_UNKNOWN;
    },
  };
}

/**
 * What a BuildBetter delivery spends and learns from, for one API key: the budget, the people
 * and which words each record went out with. In this process's memory; or, given a shared
 * store (`DeliveryContext.shared`), where every instance finds them, under names made from a
 * digest of the key (never the key).
 */
import { type PeopleStore, sharedPeople } from './buildbetter-people.js';
import { type WordClaims, sharedWordClaims } from './buildbetter-words.js';
import { digestHex } from './derived-id.js';
import type { DeliveryContext } from './destination.js';
import { FairBudget } from './fair-budget.js';
import { type Budget, isSharedStateError } from './shared-state.js';

/**
 * BuildBetter's window is 60 s, counted when requests arrive; ours counts them when they
 * leave. A request that takes longer on its way than the one sent 60 s after it would share
 * its window at BuildBetter (three fleets' first requests, opening connections, took 10-20 ms
 * more): a slot frees a second late, so only a request a second slower could.
 */
export const WINDOW_MS = 61_000;

export interface Shares {
  /** This process's budget, or the one every instance shares. */
  budget: Budget;
  /** Where people are shared between instances, when they are. */
  peopleStore?: PeopleStore;
  /** Which words each item's record went out with, when instances share it. */
  wordClaims?: WordClaims;
}

/** The shares of the key `apiKey` (`limit` requests a window) and its source `sourceId`, per delivery. */
export function createShares(apiKey: string, sourceId: string, limit: number): (ctx: DeliveryContext) => Promise<Shares> {
  const own: Shares = { budget: new FairBudget(limit, WINDOW_MS) };
  let sharedName: Promise<string> | undefined;
  return async (ctx) => {
    if (!ctx.shared) return own;
    sharedName ??= digestHex('buildbetter', apiKey).then((hex) => `buildbetter:${hex.slice(0, 16)}`);
    const name = await sharedName;
    return {
      budget: ctx.shared.budget(name, limit, WINDOW_MS),
      peopleStore: sharedPeople(ctx.shared, name),
      wordClaims: sharedWordClaims(ctx.shared, `${name}:${sourceId}`),
    };
  };
}

/**
 * Waits for a budget's bookkeeping, which may fail only when a shared store is down: slots
 * then stay counted until they leave the window, which errs on the side of sending less.
 */
export async function settleQuietly(work: void | Promise<void>): Promise<void> {
  try {
    await work;
  } catch (err) {
    if (!isSharedStateError(err)) throw err;
  }
}

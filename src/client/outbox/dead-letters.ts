/**
 * Dead letters: what will never be delivered (the proxy rejected it, it expired, it was too large
 * or unreadable), kept by id in the `dead` table for the app to inspect (`client.deadLetters()`).
 */
import type { Key, Tx } from '../store.js';
import { RECORD_VERSION } from './record.js';

/** Dead letters kept for the app to inspect; past this the oldest goes. */
export const MAX_DEAD_LETTERS = 200;

export type DeadReason = 'rejected' | 'expired' | 'corrupt' | 'too_large';

export interface DeadLetter {
  v: typeof RECORD_VERSION;
  id: string;
  submission?: unknown;
  reason: DeadReason;
  error: string;
  /** The field the proxy refused (`user.email`), when it named one. */
  path?: string;
  at: number;
}

export interface Burial {
  /** The queue row to move. */
  key: Key;
  id: string;
  /** What is left of the submission: a corrupt row may hold anything. */
  submission: unknown;
  reason: DeadReason;
  error: string;
  path?: string;
  at: number;
}

/** Moves a queue row (a record, or what is left of one) to the dead letters. */
export function bury(tx: Tx, { key, id, submission, reason, error, path, at }: Burial): DeadLetter {
  const letter: DeadLetter = { v: RECORD_VERSION, id, submission, reason, error, at };
  if (path !== undefined) letter.path = path;
  tx.put('queue', key);
  tx.put('dead', id, letter);
  return letter;
}

/** After burying: keeps the newest dead letters, up to MAX_DEAD_LETTERS. */
export async function trimDeadLetters(tx: Tx): Promise<void> {
  const newestFirst = (await tx.rows('dead')).sort(([, a], [, b]) => (b as DeadLetter).at - (a as DeadLetter).at);
  for (const [id] of newestFirst.slice(MAX_DEAD_LETTERS)) tx.put('dead', id);
}

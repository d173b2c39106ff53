/**
 * Where a prompt's state is kept: beside the outbox, through the client's `remember`, under one
 * key per prompt kind and user. With a user id the key carries a hash of it (not the id
 * itself), so a second person on a shared computer is asked on their own schedule and the
 * device keeps no one's id for it.
 */
import type { Client } from '../client/client.js';
import type { ScaleKind } from './scale-choice.js';
import { type PromptState, neverAsked } from './targeting.js';

/** Every prompt kind, each with a state of its own. */
export const PROMPT_KINDS: readonly ScaleKind[] = ['nps', 'csat'];
type Keeper = Pick<Client, 'remember' | 'user'>;

/** A short, stable hash (FNV-1a, 32 bits) in base 36. */
const hash = (text: string) => {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
};

/** `nps` for an anonymous visitor, `nps:<hash of the user id>` once one is known. */
export const promptKey = (kind: ScaleKind, userId?: string) => (userId ? `${kind}:${hash(userId)}` : kind);

/** Changes the kept state of `kind`'s prompt for the client's current user; resolves to the new state. */
export const changePrompt = (client: Keeper, kind: ScaleKind, change: (s: PromptState) => PromptState) =>
  client.remember<PromptState>(promptKey(kind, client.user?.id), (s) => change(s ?? {}));

/**
 * Forgets that the current user (or anonymous visitor) was ever asked, for both prompts: they
 * may be asked again from their next page view, as the rules allow. For developers, and for
 * "ask me again" flows.
 * @example
 * import { resetPrompts } from 'earful';  // the script tag: Earful('resetPrompts')
 * await resetPrompts(client);
 */
export async function resetPrompts(client: Keeper): Promise<void> {
  await Promise.all(PROMPT_KINDS.map((kind) => changePrompt(client, kind, neverAsked)));
}

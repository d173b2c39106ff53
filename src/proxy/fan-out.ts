/**
 * Hands accepted items to every destination at once and answers one outcome per item
 * (README, "What it decides per item"). The feedback route uses it, and so does `local`, which
 * runs the real destinations against a recording transport.
 */
import type { Submission } from '../schema/submission.js';
import type { DeliveryContext, Destination, DeliveryOutcome, RetryOutcome } from './destination.js';
import { everyItem, retry } from './destination.js';

/** A destination still busy this long after the answer was due is given up on: its items are `retry`. */
const GRACE_MS = 1_000;

export async function deliverToAll(
  destinations: readonly Destination[],
  items: readonly Submission[],
  ctx: DeliveryContext,
): Promise<Map<string, DeliveryOutcome>> {
  const perDestination = await Promise.all(destinations.map((d) => deliverGuarded(d, items, ctx)));
  return new Map(items.map((item) => [item.id, combineOutcomes(perDestination.map((m) => m.get(item.id)))]));
}

/**
 * One destination's outcomes, whatever it does: a bug must not lose the batch, and one that
 * ignores the deadline must not hold the answer (both keep the items in the client's outbox).
 */
async function deliverGuarded(destination: Destination, items: readonly Submission[], ctx: DeliveryContext) {
  const ids = items.map((item) => item.id);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => {
    if (ctx.timeLeftMs) timer = setTimeout(() => resolve(undefined), Math.max(0, ctx.timeLeftMs()) + GRACE_MS);
  });
  try {
    const outcomes = await Promise.race([destination.deliver(items, ctx), late]);
    if (outcomes) return outcomes;
    ctx.log.error(`${destination.name} had not finished when the answer was due; its items are answered retry`);
    return everyItem(ids, retry(`${destination.name}: not finished before the answer was due`));
  } catch (err) {
    ctx.log.error(`${destination.name} failed unexpectedly: ${(err as Error)?.stack ?? String(err)}`);
    return everyItem(ids, retry(`${destination.name}: internal error`));
  } finally {
    clearTimeout(timer);
  }
}

/**
 * One outcome from several destinations: delivered only when every one has it, accepted when
 * every one has it or holds it in its queue; rejected only once every destination that could
 * take it has it, so a retry still reaches the others; retry otherwise.
 */
function combineOutcomes(outcomes: readonly (DeliveryOutcome | undefined)[]): DeliveryOutcome {
  // One destination that settled the item (the usual case): its outcome is the answer.
  if (outcomes.length === 1 && outcomes[0] && outcomes[0].status !== 'retry') return outcomes[0];
  const rejected = outcomes.filter((o) => o?.status === 'rejected') as Extract<DeliveryOutcome, { status: 'rejected' }>[];
  // Not settled: a retry, or no outcome at all (a destination that left the item out).
  const pending = outcomes.filter((o) => o === undefined || o.status === 'retry');
  if (rejected.length && !pending.length) return { status: 'rejected', error: rejected.map((o) => o.error).join('; ') };
  if (!pending.length) return { status: outcomes.some((o) => o?.status === 'accepted') ? 'accepted' : 'delivered' };
  const retries = pending.filter((o): o is RetryOutcome => o !== undefined);
  const retryAfterMs = Math.max(0, ...retries.map((o) => o.retryAfterMs ?? 0)) || undefined;
  return retry(retries.map((o) => o.error).join('; ') || 'not delivered', retryAfterMs);
}

/**
 * The `createdAt` the destinations get. The schema has already written every timestamp in
 * UTC as `toISOString` does (`src/schema/datetime.ts`), a form whose text sorts in time order;
 * here a missing one becomes now, and one further ahead than a fast client clock explains is
 * clamped to now.
 */

/** `createdAt` further ahead than this is a fast client clock: clamp it to now. */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/** The clamp for one batch, against one `now`. */
export function clampCreatedAt(now: number): (createdAt: string | undefined) => string {
  const latest = new Date(now + MAX_CLOCK_SKEW_MS).toISOString();
  let nowIso: string | undefined; // written only when an item needs it
  return (createdAt) => (createdAt === undefined || createdAt > latest ? (nowIso ??= new Date(now).toISOString()) : createdAt);
}

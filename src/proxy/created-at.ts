/**
 * The `createdAt` the destinations get: the client's timestamp in UTC as `toISOString` writes
 * it, or now when it is missing or further ahead than a fast client clock explains.
 */
import { isIsoUtc } from '../schema/iso-utc.js';

/** `createdAt` further ahead than this is a fast client clock: clamp it to now. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Normalizes the `createdAt`s of one batch against one `now`. A timestamp already in
 * `toISOString` form is compared as text (the format sorts in time order) and passed on as
 * it is: parsing and re-formatting it cost more than validating the item.
 */
export function createdAtFor(now: number): (createdAt: string | undefined) => string {
  let nowIso: string | undefined; // written only when an item needs it
  const clamped = () => (nowIso ??= new Date(now).toISOString());
  const latest = new Date(now + MAX_CLOCK_SKEW_MS).toISOString();
  const comparable = latest.length === 24; // a 4-digit year, as every isIsoUtc string has
  return (createdAt) => {
    if (createdAt === undefined) return clamped();
    if (comparable && isIsoUtc(createdAt)) return createdAt > latest ? clamped() : createdAt;
    const at = Date.parse(createdAt);
    return at > now + MAX_CLOCK_SKEW_MS ? clamped() : new Date(at).toISOString();
  };
}

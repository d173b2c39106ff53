/**
 * The `createdAt` the destinations get: the client's timestamp in UTC as `toISOString` writes
 * it, or now when it is missing or further ahead than a fast client clock explains.
 */

/** `createdAt` further ahead than this is a fast client clock: clamp it to now. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/** The shape `toISOString` writes for years 0000–9999, each field in its range. */
const ISO_UTC = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

const digits = (s: string, from: number, to: number) => Number(s.slice(from, to));

/**
 * Whether `toISOString(Date.parse(s))` is `s` itself: the shape, and a day the month has
 * (`Date.parse` turns 2025-02-30 into 2025-03-02).
 */
export function isIsoUtc(s: string): boolean {
  if (!ISO_UTC.test(s)) return false;
  const day = digits(s, 8, 10);
  if (day <= 28) return true;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 7);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/**
 * Normalizes the `createdAt`s of one batch against one `now`. A timestamp already in
 * `toISOString` form is compared as text (the format sorts in time order) and passed on as
 * it is: parsing and re-formatting it cost more than validating the item.
 */
export function createdAtFor(now: number): (createdAt: string | undefined) => string {
  const nowIso = new Date(now).toISOString();
  const latest = new Date(now + MAX_CLOCK_SKEW_MS).toISOString();
  const comparable = latest.length === 24; // a 4-digit year, as every isIsoUtc string has
  return (createdAt) => {
    if (createdAt === undefined) return nowIso;
    if (comparable && isIsoUtc(createdAt)) return createdAt > latest ? nowIso : createdAt;
    const at = Date.parse(createdAt);
    return at > now + MAX_CLOCK_SKEW_MS ? nowIso : new Date(at).toISOString();
  };
}

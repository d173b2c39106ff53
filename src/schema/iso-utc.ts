/**
 * Timestamps exactly as `Date.prototype.toISOString` writes them, the form the widget sends:
 * recognised without parsing, for the schema's check and the proxy's clamp of `createdAt`.
 */

/** The shape `toISOString` writes for years 0000–9999, each field in its range. */
const ISO_UTC = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

/** The number written by the ASCII digits of `s` from `from` to `to` (checked digits only). */
const digits = (s: string, from: number, to: number) => {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + s.charCodeAt(i) - 48;
  return n;
};

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

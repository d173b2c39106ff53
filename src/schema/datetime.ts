/**
 * The wire format's timestamps, and the one form the proxy sends on: ISO 8601 as
 * `toISOString` writes it. Read the same way in the proxy and the browser, by arithmetic
 * rather than `Date.parse`, whose leniency differs between engines.
 */

/** A date, a time (seconds and their fraction optional), a zone: `Z`, `±hh:mm` or `±hhmm`. */
const DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):?(\d{2}))$/;

const MS_PER_MINUTE = 60_000;

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return leap ? 29 : 28;
}

/**
 * `value` in UTC as `toISOString` writes it (`2026-03-15T10:30:00.000Z`), or `undefined` when
 * it is not a real moment in that shape: a day the month lacks (`2026-02-30`), `24:00` or a
 * zone past ±23:59 is refused rather than rolled over, as Amplitude refuses it; so is a time
 * whose UTC form would leave the years 0000–9999.
 */
export function toIsoUtc(value: string): string | undefined {
  const match = DATETIME.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second = '0', fraction = '', utc, sign, offsetHours = '0', offsetMinutes = '0'] = match;
  const date = { year: Number(year), month: Number(month), day: Number(day), hour: Number(hour), minute: Number(minute) };
  if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > daysInMonth(date.year, date.month)) return undefined;
  if (date.hour > 23 || date.minute > 59 || Number(second) > 59) return undefined;
  if (Number(offsetHours) > 23 || Number(offsetMinutes) > 59) return undefined;
  // The widget's own form, already as toISOString writes it: nothing to compute.
  if (utc && fraction.length === 3 && match[6] !== undefined) return value;
  const at = new Date(0);
  at.setUTCFullYear(date.year, date.month - 1, date.day); // not Date.UTC, which reads years 0–99 as 1900–1999
  at.setUTCHours(date.hour, date.minute, Number(second), Number(fraction.padEnd(3, '0').slice(0, 3)));
  const offset = (Number(offsetHours) * 60 + Number(offsetMinutes)) * (sign === '-' ? -1 : 1);
  const iso = new Date(at.getTime() - offset * MS_PER_MINUTE).toISOString();
  return iso.length === 24 ? iso : undefined;
}

/**
 * The wire format's timestamps, and the one form the proxy sends on: ISO 8601 as
 * `toISOString` writes it. Read the same way in the proxy and the browser, by arithmetic
 * rather than `Date.parse`, whose leniency differs between engines.
 */

/** A date, a time (seconds and their fraction optional), a zone: `Z`, `±hh:mm` or `±hhmm`. */
const DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d{2}):?(\d{2}))$/;

const MS_PER_MINUTE = 60_000;

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
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
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0)) as number[] as [
    number, number, number, number, number, number,
  ];
  const [fraction = '', sign, offsetHours = '0', offsetMinutes = '0'] = match.slice(7);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59 || Number(offsetHours) > 23 || Number(offsetMinutes) > 59) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // not Date.UTC, which reads years 0–99 as 1900–1999
  date.setUTCHours(hour, minute, second, Number(fraction.padEnd(3, '0').slice(0, 3)));
  const offset = (Number(offsetHours) * 60 + Number(offsetMinutes)) * (sign === '-' ? -1 : 1);
  const iso = new Date(date.getTime() - offset * MS_PER_MINUTE).toISOString();
  return iso.length === 24 ? iso : undefined;
}

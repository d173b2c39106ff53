// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toIsoUtc } from '../../src/schema/datetime.js';

const pad = (n: number, width: number) => String(n).padStart(width, '0');
/** Timestamps in every accepted form, fields anywhere in their digit width, in range or not. */
const shaped = fc
  .record({
    year: fc.integer({ min: 0, max: 9999 }),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 24 }),
    minute: fc.integer({ min: 0, max: 60 }),
    second: fc.option(fc.integer({ min: 0, max: 60 })),
    fraction: fc.option(fc.stringMatching(/^\d{1,9}$/)),
    zone: fc.oneof(fc.constant('Z'), fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 60 }), fc.boolean())),
  })
  .map(({ year, month, day, hour, minute, second, fraction, zone }) => {
    const seconds = second === null ? '' : `:${pad(second, 2)}${fraction === null ? '' : `.${fraction}`}`;
    const offset = typeof zone === 'string' ? zone : `${zone[0]}${pad(zone[1], 2)}${zone[3] ? ':' : ''}${pad(zone[2], 2)}`;
    return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}${seconds}${offset}`;
  });

/** Whether each field is in its range, read back from the text. */
function inRange(s: string): boolean {
  const [, y, mo, d, h, mi, sec = '0', oh = '0', om = '0'] = /^(\d+)-(\d+)-(\d+)T(\d+):(\d+)(?::(\d+))?(?:\.\d+)?(?:Z|[+-](\d\d):?(\d\d))$/.exec(s)!;
  const days = new Date(Date.UTC(2000, Number(mo), 0)).getUTCDate() - (Number(mo) === 2 && !isLeap(Number(y)) ? 1 : 0);
  return Number(mo) >= 1 && Number(mo) <= 12 && Number(d) >= 1 && Number(d) <= days && Number(h) <= 23 && Number(mi) <= 59 && Number(sec) <= 59 && Number(oh) <= 23 && Number(om) <= 59;
}
const isLeap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);

describe('toIsoUtc', () => {
  it('gives back every toISOString of a year 0000–9999 unchanged', () => {
    const date = fc.date({ min: new Date('0000-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true });
    fc.assert(fc.property(date, (d) => toIsoUtc(d.toISOString()) === d.toISOString()));
  });

  it('writes the moment V8 reads, for every timestamp whose fields are in range, and refuses the others', () => {
    fc.assert(
      fc.property(shaped, (s) => {
        const iso = toIsoUtc(s);
        if (!inRange(s)) return iso === undefined;
        const parsed = new Date(Date.parse(s)).toISOString();
        return parsed.length === 24 ? iso === parsed : iso === undefined;
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    ['2026-03-15T10:30Z', '2026-03-15T10:30:00.000Z'],
    ['2026-03-15T11:30+0100', '2026-03-15T10:30:00.000Z'],
    ['2026-03-15T10:30:00.1234567-05:30', '2026-03-15T16:00:00.123Z'],
    ['2024-02-29T23:59:59.999Z', '2024-02-29T23:59:59.999Z'],
    ['0000-01-01T00:30:00+01:00', undefined],
    ['9999-12-31T23:59:59.999-00:01', undefined],
    ['2025-02-29T10:00:00Z', undefined],
    ['2026-01-01T24:00:00Z', undefined],
    ['2026-01-01 10:00:00Z', undefined],
    ['2026-01-01T10:00:00', undefined],
  ])('reads %s as %s', (input, expected) => {
    expect(toIsoUtc(input)).toBe(expected);
  });
});

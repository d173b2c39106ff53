// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_CLOCK_SKEW_MS, createdAtFor } from '../../src/proxy/created-at.js';
import { isIsoUtc } from '../../src/schema/iso-utc.js';

const NOW = Date.parse('2026-11-23T12:00:00.000Z');
/** What the proxy did before the text fast path: parse, clamp, format. */
const parsedAndFormatted = (s: string, now: number) => {
  const at = Date.parse(s);
  return new Date(at > now + MAX_CLOCK_SKEW_MS ? now : at).toISOString();
};

const pad = (n: number, width: number) => String(n).padStart(width, '0');
/** `YYYY-MM-DDTHH:mm:ss.sssZ` with fields anywhere in their digit width, in range or not. */
const isoShaped = fc
  .tuple(
    fc.integer({ min: 0, max: 9999 }),
    fc.integer({ min: 0, max: 13 }),
    fc.integer({ min: 0, max: 32 }),
    fc.integer({ min: 0, max: 24 }),
    fc.integer({ min: 0, max: 60 }),
    fc.integer({ min: 0, max: 60 }),
    fc.integer({ min: 0, max: 999 }),
  )
  .map(([y, mo, d, h, mi, s, ms]) => `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}.${pad(ms, 3)}Z`);

describe('isIsoUtc', () => {
  it('holds for every toISOString of a year 0000–9999', () => {
    const date = fc.date({ min: new Date('0000-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true });
    fc.assert(fc.property(date, (d) => isIsoUtc(d.toISOString())));
  });

  it('holds only where formatting the parsed time gives the same text back', () => {
    fc.assert(
      fc.property(isoShaped, (s) => {
        const at = Date.parse(s);
        const roundTrips = !Number.isNaN(at) && new Date(at).toISOString() === s;
        return isIsoUtc(s) === roundTrips;
      }),
      { numRuns: 5000 },
    );
    for (const s of ['2025-02-29T00:00:00.000Z', '2024-02-30T00:00:00.000Z', '2025-04-31T00:00:00.000Z', '1900-02-29T00:00:00.000Z'])
      expect([s, isIsoUtc(s)]).toEqual([s, false]);
    expect(isIsoUtc('2000-02-29T00:00:00.000Z')).toBe(true);
  });
});

describe('createdAtFor', () => {
  it('keeps an honest time, clamps one more than five minutes ahead, and fills a missing one with now', () => {
    const createdAt = createdAtFor(NOW);
    expect(createdAt('2026-11-23T12:04:59.999Z')).toBe('2026-11-23T12:04:59.999Z');
    expect(createdAt('2026-11-23T12:05:00.000Z')).toBe('2026-11-23T12:05:00.000Z');
    expect(createdAt('2026-11-23T12:05:00.001Z')).toBe('2026-11-23T12:00:00.000Z');
    expect(createdAt('2026-11-24T12:00:00+02:00')).toBe('2026-11-23T12:00:00.000Z');
    expect(createdAt('2026-11-23T13:04:00+01:00')).toBe('2026-11-23T12:04:00.000Z');
    expect(createdAt('2025-02-30T10:00:00.000Z')).toBe('2025-03-02T10:00:00.000Z');
    expect(createdAt(undefined)).toBe('2026-11-23T12:00:00.000Z');
  });

  it('answers as parsing and formatting would, for any time of that shape and any now', () => {
    const now = fc.integer({ min: Date.parse('1970-01-01T00:00:00Z'), max: Date.parse('9999-01-01T00:00:00Z') });
    fc.assert(
      fc.property(isoShaped, now, (s, at) => Number.isNaN(Date.parse(s)) || createdAtFor(at)(s) === parsedAndFormatted(s, at)),
      { numRuns: 5000 },
    );
  });
});

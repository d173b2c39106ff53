// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SlidingWindow } from '../../src/proxy/sliding-window.js';

const MINUTE = 60_000;

describe('SlidingWindow', () => {
  it('grants up to the limit and then says how long until the oldest slot frees', () => {
    const w = new SlidingWindow(3, MINUTE);
    expect(w.take(1, 0)).toBe(0);
    expect(w.take(2, 10_000)).toBe(0);
    expect(w.take(1, 20_000)).toBe(40_000);
    expect(w.used(20_000)).toBe(3);
  });

  it('frees a slot exactly one window after it was used', () => {
    const w = new SlidingWindow(1, MINUTE);
    w.take(1, 5);
    expect(w.take(1, MINUTE + 4)).toBe(1);
    expect(w.take(1, MINUTE + 5)).toBe(0);
  });

  it('takes several slots at once or none at all', () => {
    const w = new SlidingWindow(3, MINUTE);
    w.take(1, 0);
    w.take(1, 1_000);
    expect(w.take(2, 2_000)).toBe(58_000);
    expect(w.used(2_000)).toBe(2);
    expect(w.take(2, 60_000)).toBe(0);
    expect(w.used(60_000)).toBe(3);
  });

  it('waits for as many slots as the request needs, not just the first', () => {
    const w = new SlidingWindow(3, MINUTE);
    w.take(1, 0);
    w.take(1, 10_000);
    w.take(1, 20_000);
    expect(w.waitMs(2, 30_000)).toBe(10_000 + MINUTE - 30_000);
  });

  it('refuses anything before a block ends, even with free slots', () => {
    const w = new SlidingWindow(10, MINUTE);
    w.blockUntil(7_000);
    expect(w.blockedMs(0)).toBe(7_000);
    expect(w.take(1, 0)).toBe(7_000);
    expect(w.take(1, 6_999)).toBe(1);
    expect(w.take(1, 7_000)).toBe(0);
  });

  it('keeps the later of two blocks', () => {
    const w = new SlidingWindow(10, MINUTE);
    w.blockUntil(9_000);
    w.blockUntil(3_000);
    expect(w.blockedMs(0)).toBe(9_000);
  });

  it('moves a reserved slot to when its request really went out', () => {
    const w = new SlidingWindow(1, MINUTE);
    w.take(1, 0);
    expect(w.restamp(0, 30_000)).toBe(true);
    expect(w.take(1, MINUTE)).toBe(30_000);
  });

  it('reports a reservation that has expired instead of restamping it', () => {
    const w = new SlidingWindow(2, MINUTE);
    w.take(1, 0);
    expect(w.restamp(0, MINUTE + 1)).toBe(false);
    expect(w.used(MINUTE + 1)).toBe(0);
  });

  it('gives back unused slots', () => {
    const w = new SlidingWindow(3, MINUTE);
    w.take(3, 100);
    w.release(2, 100);
    expect(w.used(100)).toBe(1);
    expect(w.take(2, 200)).toBe(0);
  });

  it('rejects a request for more slots than the window holds', () => {
    const w = new SlidingWindow(3, MINUTE);
    expect(() => w.take(4, 0)).toThrow(RangeError);
    expect(() => new SlidingWindow(0, MINUTE)).toThrow(RangeError);
  });

  it('never lets more than the limit into any rolling window, whatever the arrival times', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5_000 }), fc.integer({ min: 1, max: 3 })), {
          maxLength: 300,
        }),
        (steps) => {
          const w = new SlidingWindow(10, 10_000);
          const sent: number[] = [];
          let now = 0;
          for (const [gap, n] of steps) {
            now += gap;
            if (w.take(n, now) === 0) sent.push(...Array<number>(n).fill(now));
          }
          for (const t of sent) expect(sent.filter((s) => s >= t && s < t + 10_000).length).toBeLessThanOrEqual(10);
        },
      ),
    );
  });

  it('grants a request once the wait it was told has passed', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3_000 }), { maxLength: 50 }), (gaps) => {
        const w = new SlidingWindow(5, 10_000);
        let now = 0;
        for (const gap of gaps) {
          now += gap;
          const wait = w.take(2, now);
          if (wait > 0) expect(w.take(2, now + wait)).toBe(0);
        }
      }),
    );
  });
});

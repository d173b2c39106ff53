// @vitest-environment node
// When a prompt may ask: pure rules over remembered state, no DOM, storage or timers.
import { describe, expect, it } from 'vitest';
import { DAY_MS, type PromptState, answered, dismissed, mayAsk, shown, visited } from '../../src/ui/targeting.js';

const now = Date.parse('2026-11-23T12:00:00Z');
const url = 'https://app.example.com/search';
const fresh = visited({}, now, 0.5);

describe('targeting', () => {
  it('asks a visitor seen for the first time, by default', () => {
    expect(mayAsk(fresh, {}, now, url)).toBe(true);
  });

  it('fixes the first-seen time and the sampling draw on the first visit only', () => {
    expect(fresh).toEqual({ seenAt: now, roll: 0.5 });
    expect(visited(fresh, now + DAY_MS, 0.9)).toEqual(fresh);
  });

  it('waits the first-ask delay after the visitor was first seen', () => {
    const rules = { firstAskAfterDays: 7 };
    expect(mayAsk(fresh, rules, now + 6 * DAY_MS, url)).toBe(false);
    expect(mayAsk(fresh, rules, now + 7 * DAY_MS, url)).toBe(true);
  });

  it('asks only the sampled share of visitors, the same ones every time', () => {
    expect(mayAsk(visited({}, now, 0.14), { sampleRate: 0.15 }, now, url)).toBe(true);
    expect(mayAsk(visited({}, now, 0.15), { sampleRate: 0.15 }, now, url)).toBe(false);
    expect(mayAsk(visited({}, now, 0), { sampleRate: 0 }, now, url)).toBe(false);
  });

  it('asks again 90 days after an answer, not before', () => {
    const s = answered(fresh, now);
    expect(mayAsk(s, {}, now + 89 * DAY_MS, url)).toBe(false);
    expect(mayAsk(s, {}, now + 90 * DAY_MS, url)).toBe(true);
    expect(mayAsk(s, { reaskAfterAnswerDays: 30 }, now + 30 * DAY_MS, url)).toBe(true);
  });

  it('asks again 14 days after a dismissal, not before', () => {
    const s = dismissed(fresh, now);
    expect(mayAsk(s, {}, now + 13 * DAY_MS, url)).toBe(false);
    expect(mayAsk(s, {}, now + 14 * DAY_MS, url)).toBe(true);
    expect(mayAsk(s, { reaskAfterDismissDays: 1 }, now + DAY_MS, url)).toBe(true);
  });

  it('does not show an ignored prompt again on every page: a day later at the earliest', () => {
    const s = shown(fresh, now);
    expect(mayAsk(s, {}, now + 60_000, url)).toBe(false);
    expect(mayAsk(s, {}, now + DAY_MS, url)).toBe(true);
  });

  it('stops after the maximum number of unanswered showings, and an answer resets the count', () => {
    let s: PromptState = fresh;
    for (let i = 0; i < 3; i++) s = shown(s, now - 10 * DAY_MS);
    expect(s.impressions).toBe(3);
    expect(mayAsk(s, {}, now, url)).toBe(false);
    expect(mayAsk(s, { maxImpressions: 4 }, now, url)).toBe(true);
    const later = answered(s, now - 100 * DAY_MS);
    expect(later.impressions).toBe(0);
    expect(mayAsk(later, {}, now, url)).toBe(true);
  });

  it('asks only on routes that pass the route condition', () => {
    const route = (u: string) => new URL(u).pathname.startsWith('/search');
    expect(mayAsk(fresh, { route }, now, url)).toBe(true);
    expect(mayAsk(fresh, { route }, now, 'https://app.example.com/checkout')).toBe(false);
  });

  it('treats score-like zeros as values, not as missing', () => {
    const s = { ...fresh, answeredAt: 0, impressions: 0 };
    expect(mayAsk(s, {}, 89 * DAY_MS, url)).toBe(false);
  });
});

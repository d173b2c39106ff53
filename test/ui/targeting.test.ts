// @vitest-environment node
// When a prompt may ask: pure rules over remembered state, no DOM, storage or timers.
import { describe, expect, it } from 'vitest';
import {
  DAY_MS,
  type PromptState,
  SESSION_GAP_MS,
  answered,
  dismissed,
  mayAsk,
  neverAsked,
  shown,
  visited,
} from '../../src/ui/targeting.js';

const now = Date.parse('2026-11-23T12:00:00Z');
const url = 'https://app.example.com/search';
const first = visited({}, now - DAY_MS, 0.5);
/** A visitor on their second page, in their second session. */
const returning = visited(first, now, 0.9);

describe('targeting', () => {
  it('fixes the first-seen time and the sampling draw on the first visit only', () => {
    expect(first).toEqual({ seenAt: now - DAY_MS, roll: 0.5, lastSeenAt: now - DAY_MS, sessions: 1, pageViews: 1 });
    expect(returning).toMatchObject({ seenAt: now - DAY_MS, roll: 0.5, lastSeenAt: now });
  });

  it('counts every page view, and a new session after 30 minutes without one', () => {
    let s: PromptState = visited({}, now, 0);
    s = visited(s, now + SESSION_GAP_MS - 1, 0);
    expect(s).toMatchObject({ sessions: 1, pageViews: 2 });
    s = visited(s, now + 2 * SESSION_GAP_MS - 1, 0);
    expect(s).toMatchObject({ sessions: 2, pageViews: 3 });
  });

  it('never asks in a visitor’s first session, however many pages they see', () => {
    let s = visited({}, now, 0);
    for (let i = 1; i < 20; i++) s = visited(s, now + i * 60_000, 0);
    expect(s.sessions).toBe(1);
    expect(mayAsk(s, {}, now + 20 * 60_000, url)).toBe(false);
    expect(mayAsk(s, { minSessions: 1 }, now + 20 * 60_000, url)).toBe(true);
  });

  it('never asks on a visitor’s first page view, even where the first session may', () => {
    expect(mayAsk(visited({}, now, 0), { minSessions: 1 }, now, url)).toBe(false);
    expect(mayAsk(visited({}, now, 0), { minSessions: 1, minPageViews: 1 }, now, url)).toBe(true);
  });

  it('asks a visitor in their second session, by default', () => {
    expect(returning).toMatchObject({ sessions: 2, pageViews: 2 });
    expect(mayAsk(returning, {}, now, url)).toBe(true);
  });

  it('waits the first-ask delay after the visitor was first seen', () => {
    const rules = { firstAskAfterDays: 7 };
    expect(mayAsk(returning, rules, now + 5 * DAY_MS, url)).toBe(false);
    expect(mayAsk(returning, rules, now + 6 * DAY_MS, url)).toBe(true);
  });

  it('asks only the sampled share of visitors, the same ones every time', () => {
    const drawn = (roll: number) => ({ ...returning, roll });
    expect(mayAsk(drawn(0.14), { sampleRate: 0.15 }, now, url)).toBe(true);
    expect(mayAsk(drawn(0.15), { sampleRate: 0.15 }, now, url)).toBe(false);
    expect(mayAsk(drawn(0), { sampleRate: 0 }, now, url)).toBe(false);
  });

  it('asks again 90 days after an answer, not before', () => {
    const s = answered(returning, now);
    expect(mayAsk(s, {}, now + 89 * DAY_MS, url)).toBe(false);
    expect(mayAsk(s, {}, now + 90 * DAY_MS, url)).toBe(true);
    expect(mayAsk(s, { reaskAfterAnswerDays: 30 }, now + 30 * DAY_MS, url)).toBe(true);
  });

  it('asks again 14 days after a dismissal, not before', () => {
    const s = dismissed(returning, now);
    expect(mayAsk(s, {}, now + 13 * DAY_MS, url)).toBe(false);
    expect(mayAsk(s, {}, now + 14 * DAY_MS, url)).toBe(true);
    expect(mayAsk(s, { reaskAfterDismissDays: 1 }, now + DAY_MS, url)).toBe(true);
  });

  it('does not show an ignored prompt again on every page: a day later at the earliest', () => {
    const s = shown(returning, now);
    expect(mayAsk(s, {}, now + 60_000, url)).toBe(false);
    expect(mayAsk(s, {}, now + DAY_MS, url)).toBe(true);
  });

  it('stops after the maximum number of unanswered showings, and an answer resets the count', () => {
    let s: PromptState = returning;
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
    expect(mayAsk(returning, { route }, now, url)).toBe(true);
    expect(mayAsk(returning, { route }, now, 'https://app.example.com/checkout')).toBe(false);
  });

  it('treats score-like zeros as values, not as missing', () => {
    const s = { ...returning, answeredAt: 0, impressions: 0 };
    expect(mayAsk(s, {}, 89 * DAY_MS, url)).toBe(false);
  });

  it('forgets every ask on reset, and keeps the visits and the sampling draw', () => {
    const asked = dismissed(shown(answered(returning, now), now), now);
    const reset = neverAsked(asked);
    expect(mayAsk(asked, {}, now + DAY_MS, url)).toBe(false);
    expect(mayAsk(reset, {}, now + DAY_MS, url)).toBe(true);
    expect(reset).toEqual({ seenAt: returning.seenAt, roll: 0.5, lastSeenAt: now, sessions: 2, pageViews: 2 });
  });
});

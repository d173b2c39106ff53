/**
 * When may an NPS or CSAT prompt show? Pure functions over a small state record, so every
 * rule is tested without DOM, storage or timers (research/user-asks.md §E3).
 */
export const DAY_MS = 24 * 60 * 60_000;

/** When to ask. Every field is optional; the defaults ask often enough and never nag. */
export interface TargetingRules {
  /** Wait this long on the page before showing; the route is checked again when it fires. @default 0 */
  delayMs?: number;
  /** Not before this long after the visitor was first seen. @default 0 */
  firstAskAfterDays?: number;
  /** Share of visitors ever asked (0..1), drawn once per visitor. @default 1 */
  sampleRate?: number;
  /** @default 90 */
  reaskAfterAnswerDays?: number;
  /** @default 14 */
  reaskAfterDismissDays?: number;
  /** A prompt shown and ignored (neither answered nor closed) shows again after this. @default 1 */
  reshowAfterDays?: number;
  /** Showings without an answer; an answer starts the count again. @default 3 */
  maxImpressions?: number;
  /** Only on pages whose URL passes. */
  route?: (url: string) => boolean;
}

/** What is remembered per prompt kind, in ms since the epoch. */
export interface PromptState {
  /** First seen, for `firstAskAfterDays`. */
  seenAt?: number;
  /** This visitor's sampling draw in [0, 1). */
  roll?: number;
  shownAt?: number;
  dismissedAt?: number;
  answeredAt?: number;
  impressions?: number;
}

/** The state on a visit: first-seen time and sampling draw fixed once. */
export const visited = (s: PromptState, now: number, random: number): PromptState => ({
  seenAt: now,
  roll: random,
  ...s,
});

/** `at` is within `days` of `now`; never when `at` is missing (NaN compares false). */
const within = (at: number | undefined, days: number, now: number) => now - at! < days * DAY_MS;

/** Whether the prompt may show now on `url`. */
export function mayAsk(s: PromptState, r: TargetingRules, now: number, url: string): boolean {
  return !(
    (r.route && !r.route(url)) ||
    (s.roll ?? 0) >= (r.sampleRate ?? 1) ||
    within(s.seenAt ?? now, r.firstAskAfterDays ?? 0, now) ||
    within(s.answeredAt, r.reaskAfterAnswerDays ?? 90, now) ||
    within(s.dismissedAt, r.reaskAfterDismissDays ?? 14, now) ||
    within(s.shownAt, r.reshowAfterDays ?? 1, now) ||
    (s.impressions ?? 0) >= (r.maxImpressions ?? 3)
  );
}

export const shown = (s: PromptState, now: number): PromptState => ({ ...s, shownAt: now, impressions: (s.impressions ?? 0) + 1 });
export const answered = (s: PromptState, now: number): PromptState => ({ ...s, answeredAt: now, impressions: 0 });
export const dismissed = (s: PromptState, now: number): PromptState => ({ ...s, dismissedAt: now });

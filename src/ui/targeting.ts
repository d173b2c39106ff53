/**
 * When may an NPS or CSAT prompt show? Pure functions over a small state record, so every
 * rule is tested without DOM, storage or timers (research/user-asks.md §E3). The defaults
 * follow survey practice (README, "When a prompt asks"): never in a visitor's first session
 * or on their first page, only after some seconds on the page, not again for 90 days after an
 * answer or 14 after a dismissal, and never more than three showings without an answer.
 */
export const DAY_MS = 24 * 60 * 60_000;
/** A visit ends after this long without a page view, as analytics tools count sessions. */
export const SESSION_GAP_MS = 30 * 60_000;

/** When to ask. Every field is optional; the defaults ask rarely and never ambush. */
export interface TargetingRules {
  /** How long the page must have been in view (hidden time does not count) before the prompt shows; route changes that keep it eligible do not restart it. @default 10_000 */
  delayMs?: number;
  /** Not before the visitor's n-th session (a session ends after 30 minutes without a page view). @default 2 */
  minSessions?: number;
  /** Not before the visitor's n-th page view (single-page-app navigations count). @default 2 */
  minPageViews?: number;
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
  /** Only on pages whose URL passes; checked again on every single-page-app navigation. */
  route?: (url: string) => boolean;
}

/** What is remembered per prompt kind (and user), times in ms since the epoch. */
export interface PromptState {
  /** First seen, for `firstAskAfterDays`. */
  seenAt?: number;
  /** This visitor's sampling draw in [0, 1). */
  roll?: number;
  /** The last page view, to tell a new session from the same one. */
  lastSeenAt?: number;
  sessions?: number;
  pageViews?: number;
  shownAt?: number;
  dismissedAt?: number;
  answeredAt?: number;
  impressions?: number;
}

/** The state after a page view: first-seen time and sampling draw fixed once, views and sessions counted. */
export function visited(state: PromptState, now: number, random: number): PromptState {
  const sameSession = state.lastSeenAt !== undefined && now - state.lastSeenAt < SESSION_GAP_MS;
  return {
    seenAt: now,
    roll: random,
    ...state,
    lastSeenAt: now,
    sessions: (state.sessions ?? 0) + (sameSession ? 0 : 1),
    pageViews: (state.pageViews ?? 0) + 1,
  };
}

/** `at` is within `days` of `now`; never when `at` is missing. */
const within = (at: number | undefined, days: number, now: number) => at !== undefined && now - at < days * DAY_MS;

/** Whether the prompt may show now on `url`. */
export function mayAsk(state: PromptState, rules: TargetingRules, now: number, url: string): boolean {
  return !(
    (rules.route && !rules.route(url)) ||
    (state.sessions ?? 0) < (rules.minSessions ?? 2) ||
    (state.pageViews ?? 0) < (rules.minPageViews ?? 2) ||
    (state.roll ?? 0) >= (rules.sampleRate ?? 1) ||
    within(state.seenAt ?? now, rules.firstAskAfterDays ?? 0, now) ||
    within(state.answeredAt, rules.reaskAfterAnswerDays ?? 90, now) ||
    within(state.dismissedAt, rules.reaskAfterDismissDays ?? 14, now) ||
    within(state.shownAt, rules.reshowAfterDays ?? 1, now) ||
    (state.impressions ?? 0) >= (rules.maxImpressions ?? 3)
  );
}

export const shown = (s: PromptState, now: number): PromptState => ({ ...s, shownAt: now, impressions: (s.impressions ?? 0) + 1 });
export const answered = (s: PromptState, now: number): PromptState => ({ ...s, answeredAt: now, impressions: 0 });
export const dismissed = (s: PromptState, now: number): PromptState => ({ ...s, dismissedAt: now });
/** As if never asked: showings, answers and dismissals forgotten; visits and the sampling draw kept. */
export const neverAsked = ({ shownAt, dismissedAt, answeredAt, impressions, ...visits }: PromptState): PromptState => visits;

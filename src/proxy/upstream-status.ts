/**
 * What an upstream's failure means for the items it carried: one policy, as data, for
 * Amplitude and BuildBetter alike (README, "What it decides per item"). None of these is the
 * item's fault, so none rejects it: each is `retry`, after a wait, logged at a level, and all
 * but a rate limit mark the destination failing at `/healthz`. What is particular to a
 * destination (Amplitude's whole-request 400, BuildBetter's duplicate) stays in its module.
 */
import { type HealthTracker, type RetryOutcome, retry } from './destination.js';
import type { Logger } from './log.js';

export interface UpstreamFailureRule {
  /** Back off this long unless the upstream's `Retry-After` says otherwise. */
  retryAfterMs: number;
  level: 'warn' | 'error';
  /** Whether `/healthz` reports the destination failing. */
  marksFailing: boolean;
}

export const UPSTREAM_FAILURES = {
  /** 401, 403, 404, or a request refused as such: a human must act, so no point coming back soon. */
  misconfigured: { retryAfterMs: 5 * 60_000, level: 'error', marksFailing: true },
  /** 429: the upstream's own pacing; the destination is well. */
  rateLimited: { retryAfterMs: 60_000, level: 'warn', marksFailing: false },
  /** 5xx, 408, any other status, a network error, a timeout. */
  unavailable: { retryAfterMs: 10_000, level: 'warn', marksFailing: true },
} as const satisfies Record<string, UpstreamFailureRule>;

export type UpstreamFailure = keyof typeof UPSTREAM_FAILURES;

/** The kind of failure an unexpected status is (2xx and a destination's own cases aside). */
export function failureOf(status: number): UpstreamFailure {
  if (status === 401 || status === 403 || status === 404) return 'misconfigured';
  if (status === 429) return 'rateLimited';
  return 'unavailable';
}

export interface FailureReport {
  /** In words an operator can act on; logged and shown as the reason (never a secret). */
  reason: string;
  /** The upstream's `Retry-After`, parsed and clamped, when it sent one. */
  retryAfterMs?: number;
  /** The outcome's error for the client, when it should say less than the log line. */
  error?: string;
}

/** Logs a failure by its rule, marks health, and gives the items' outcome. */
export function reportFailure(
  kind: UpstreamFailure,
  report: FailureReport,
  at: { log: Logger; health: HealthTracker; now: number },
): RetryOutcome {
  const rule: UpstreamFailureRule = UPSTREAM_FAILURES[kind];
  at.log[rule.level](report.reason);
  if (rule.marksFailing) at.health.failing(report.reason, at.now);
  return retry(report.error ?? report.reason, report.retryAfterMs ?? rule.retryAfterMs);
}

/**
 * Turns one attempt into an outcome per item (pure). The rules of the issue: 2xx with results →
 * per item; 408/429/5xx/network → retry; 413 → split; 400 → dead-letter only what fails the
 * local check; 401/403 (and other 4xx) → keep everything and pause long; 429/503 pause the queue.
 */
import { checkSubmission } from '../schema/check-submission.js';
import type { ItemResult } from '../schema/submission.js';
import { retryAfterMs } from './backoff.js';
import type { Outcome, OutboxRecord } from './outbox.js';
import { DEFAULT_RETRY_AFTER_MS, MAX_DELAY_MS } from './policy.js';
import type { Attempt } from './transport.js';

export interface Verdict {
  outcomes: Map<string, Outcome>;
  /** Pause the whole queue this long. */
  pauseMs?: number;
  /** 413 on a batch of several: send it again in halves. */
  split?: boolean;
}

const each = (sent: readonly OutboxRecord[], outcome: (r: OutboxRecord) => Outcome) =>
  new Map(sent.map((r) => [r.id, outcome(r)]));

function fromResults(results: readonly ItemResult[], sent: readonly OutboxRecord[], wait?: number): Map<string, Outcome> {
  const outcomes = new Map<string, Outcome>();
  sent.forEach((r, i) => {
    // Results come in request order; match by id, or by position for an unusable id ("").
    const result = results[i]?.id === r.id || results[i]?.id === '' ? results[i] : results.find((x) => x?.id === r.id);
    if (result?.status === 'delivered') outcomes.set(r.id, { status: 'delivered' });
    else if (result?.status === 'rejected') outcomes.set(r.id, { status: 'rejected', error: String(result.error ?? 'rejected') });
    else outcomes.set(r.id, { status: 'retry', error: String((result as { error?: unknown })?.error ?? 'not delivered yet'), retryAfterMs: wait });
  });
  return outcomes;
}

export function classify(attempt: Attempt, sent: readonly OutboxRecord[], now: number): Verdict {
  if (attempt.kind === 'network') return { outcomes: each(sent, () => ({ status: 'retry', error: attempt.error })) };
  const { status, results } = attempt;
  const wait = retryAfterMs(attempt.retryAfter, now);
  const pausing = status === 429 || status === 503;
  if (results && ((status >= 200 && status < 300) || pausing))
    return { outcomes: fromResults(results, sent, wait), pauseMs: pausing ? (wait ?? DEFAULT_RETRY_AFTER_MS) : undefined };
  const retryAll = (error: string, ms = wait) => each(sent, () => ({ status: 'retry', error, retryAfterMs: ms }));
  if (status === 413) {
    if (sent.length > 1) return { outcomes: new Map(), split: true };
    return { outcomes: each(sent, () => ({ status: 'rejected', reason: 'too_large', error: 'too large for the proxy (413)' })) };
  }
  if (status === 400)
    return {
      outcomes: each(sent, (r) => {
        const problem = checkSubmission(r.submission);
        return problem ? { status: 'rejected', error: problem } : { status: 'retry', error: 'the proxy refused the request (400)' };
      }),
    };
  if (status === 408 || status >= 500 || (status >= 200 && status < 300))
    return { outcomes: retryAll(`the proxy answered ${status}`), pauseMs: pausing ? (wait ?? DEFAULT_RETRY_AFTER_MS) : undefined };
  if (pausing) return { outcomes: retryAll('rate limited (429)'), pauseMs: wait ?? DEFAULT_RETRY_AFTER_MS };
  // 401, 403 (origin not allowed), 404, 405, 415…: a deployment problem no retry soon will fix.
  return { outcomes: retryAll(`the proxy answered ${status}`, MAX_DELAY_MS), pauseMs: MAX_DELAY_MS };
}

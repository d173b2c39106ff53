/**
 * Turns one attempt into an outcome per item (pure). The rules of the issue: 2xx with results →
 * per item; 408/429/5xx/network → retry; 413 → split; 400 → dead-letter only what fails the
 * local check; 401/403 (and other 4xx) → keep everything and pause long; 429/503 pause the queue.
 */
import { checkSubmission } from '../schema/check-submission.js';
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

export function classify({ status, retryAfter, results, error = `HTTP ${status}` }: Attempt, sent: readonly OutboxRecord[], now: number): Verdict {
  if (status === 413 && sent.length > 1) return { outcomes: new Map(), split: true };
  const network = !status;
  const wait = retryAfterMs(retryAfter, now);
  const ok = status > 199 && status < 300;
  const throttled = status === 429 || status === 503;
  // 401, 403 (origin not allowed), 404, 405, 415…: a deployment problem no retry soon will fix.
  const broken = !network && !ok && status < 500 && ![400, 408, 413, 429].includes(status);
  const outcome = (r: OutboxRecord, i: number): Outcome => {
    if (results && (ok || throttled)) {
      // Results come in request order; match by id, or by position for an unusable id ("").
      const at = results[i];
      const x = at && (at.id === r.id || at.id === '') ? at : results.find((x) => x?.id === r.id);
      if (x?.status === 'delivered') return { status: 'delivered' };
      const why = String((x as { error?: unknown })?.error ?? x?.status ?? 'no result');
      if (x?.status === 'rejected') return { status: 'rejected', error: why };
      return { status: 'retry', error: why, retryAfterMs: wait };
    }
    if (status === 413) return { status: 'rejected', reason: 'too_large', error };
    const problem = status === 400 && checkSubmission(r.submission);
    if (problem) return { status: 'rejected', error: problem };
    // No answer at all: `online` and `flush()` need not wait out the backoff.
    return { status: 'retry', error, retryAfterMs: broken ? MAX_DELAY_MS : wait, net: network };
  };
  return {
    outcomes: new Map(sent.map((r, i) => [r.id, outcome(r, i)])),
    pauseMs: throttled ? (wait ?? DEFAULT_RETRY_AFTER_MS) : broken ? MAX_DELAY_MS : undefined,
  };
}

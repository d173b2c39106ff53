/**
 * Turns one attempt into an outcome per item (pure): 2xx with results → per item;
 * 408/429/5xx/network → retry; 413 → split; 400 → dead-letter only what fails the local check;
 * 401/403 (and other 4xx) → keep everything and pause long; 429/503 pause the queue. And says
 * why what it leaves queued was not delivered (a `DeliveryProblem`).
 */
import { findSubmissionIssue } from '../schema/check-submission.js';
import { issueText } from '../schema/messages.js';
import { retryAfterMs } from './backoff.js';
import type { OutboxRecord } from './outbox/record.js';
import type { Outcome } from './outbox/settle.js';
import { DEFAULT_RETRY_AFTER_MS, MAX_DELAY_MS } from './policy.js';
import type { Attempt } from './transport.js';
import type { DeliveryProblem } from './types.js';

export interface Verdict {
  outcomes: Map<string, Outcome>;
  /** Pause the whole queue this long. */
  pauseMs?: number;
  /** 413 on a batch of several: send it again in halves. */
  split?: boolean;
  /** Why the items it leaves queued were not delivered. */
  problem?: DeliveryProblem;
}

/** The proxy's `code` for a page whose origin it does not allow (`EARFUL_ALLOWED_ORIGINS`). */
export const ORIGIN_NOT_ALLOWED = 'origin_not_allowed';

/** Why an attempt with this answer leaves items queued. */
function problemOf({ status, code, offline }: Attempt): DeliveryProblem {
  if (!status) return offline ? 'offline' : 'unreachable';
  if (status === 403 && code === ORIGIN_NOT_ALLOWED) return 'refused';
  const comeBackLater = (status >= 200 && status < 300) || status === 408 || status === 429 || status >= 500;
  return comeBackLater ? 'unavailable' : 'misconfigured';
}

export function classify(attempt: Attempt, sent: readonly OutboxRecord[], now: number): Verdict {
  const { status, retryAfter, results, error = `HTTP ${status}` } = attempt;
  if (status === 413 && sent.length > 1) return { outcomes: new Map(), split: true };
  const network = !status;
  const wait = retryAfterMs(retryAfter, now);
  const ok = status >= 200 && status < 300;
  const throttled = status === 429 || status === 503;
  // 401, 403 (origin not allowed), 404, 405, 415…: a deployment problem no retry soon will fix.
  const broken = !network && !ok && status < 500 && ![400, 408, 413, 429].includes(status);
  const outcome = (record: OutboxRecord, index: number): Outcome => {
    if (results && (ok || throttled)) {
      // Results come in request order; match by id, or by position for an unusable id ("").
      const atIndex = results[index];
      const result = atIndex && (atIndex.id === record.id || atIndex.id === '') ? atIndex : results.find((r) => r?.id === record.id);
      if (result?.status === 'delivered' || result?.status === 'accepted') return { status: result.status };
      const why = String((result as { error?: unknown } | undefined)?.error ?? result?.status ?? 'no result');
      if (result?.status === 'rejected') {
        const path = (result as { path?: unknown }).path;
        return typeof path === 'string' ? { status: 'rejected', error: why, path } : { status: 'rejected', error: why };
      }
      return { status: 'retry', error: why, retryAfterMs: wait };
    }
    if (status === 413) return { status: 'rejected', reason: 'too_large', error };
    const invalid = status === 400 ? findSubmissionIssue(record.submission) : undefined;
    if (invalid) return { status: 'rejected', error: issueText(invalid), path: invalid.path };
    // No answer at all: `online` and `flush()` need not wait out the backoff.
    return { status: 'retry', error, retryAfterMs: broken ? MAX_DELAY_MS : wait, net: network };
  };
  return {
    outcomes: new Map(sent.map((record, index) => [record.id, outcome(record, index)])),
    pauseMs: throttled ? (wait ?? DEFAULT_RETRY_AFTER_MS) : broken ? MAX_DELAY_MS : undefined,
    problem: problemOf(attempt),
  };
}

import { type ProxyAnswer, jsonAnswer } from './exchange.js';
import { isHttpError } from './errors.js';
import type { Logger } from './log.js';

/**
 * The one place failures become answers. A client's mistake (an `HttpError`) is its 4xx with
 * its `Retry-After` and issues; anything else is logged and answered 500 without details (no
 * stack, no upstream text, no key). `cors` is empty unless the origin is allowed.
 */
export function errorAnswer(err: unknown, cors: Record<string, string>, log: Logger): ProxyAnswer {
  if (isHttpError(err)) {
    const headers: Record<string, string> = { ...cors };
    if (err.details.retryAfterSeconds) headers['retry-after'] = String(err.details.retryAfterSeconds);
    const body = err.details.issues ? { error: err.message, issues: err.details.issues } : { error: err.message };
    return jsonAnswer(err.status, body, headers);
  }
  log.error(`unexpected error: ${(err as Error)?.stack ?? String(err)}`);
  return jsonAnswer(500, { error: 'internal error' }, cors);
}

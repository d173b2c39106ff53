/**
 * Reading Amplitude's answers: the `{ ingested, failed, errors }` of a 200 item by item, and
 * what a whole-request refusal (400) says about itself. Pure: no I/O.
 */
import type { AmplitudeItem } from './amplitude-map.js';
import { type DeliveryOutcome, retry } from './destination.js';
import { upstreamText } from './upstream-message.js';
import { UPSTREAM_FAILURES } from './upstream-status.js';

/** How much of Amplitude's reason for refusing one item the client is shown. */
const MAX_ITEM_ERROR_LENGTH = 300;

type IngestError = { unique_id?: unknown; error?: unknown };

/**
 * The outcomes of a 200. An item named in `errors`, itself or by one of its parts, is rejected
 * with that error; the rest are delivered only when the counts confirm them (`ingested`
 * covers them, every failure is explained); else they are retried, which is an upsert.
 * `undefined` when the answer cannot be read.
 */
export function readIngestAnswer(
  items: readonly AmplitudeItem[],
  answer: unknown,
  secrets: readonly string[],
): Map<string, DeliveryOutcome> | undefined {
  const { ingested, failed, errors } = (answer ?? {}) as { ingested?: unknown; failed?: unknown; errors?: unknown };
  if (typeof ingested !== 'number' || !Array.isArray(errors)) return undefined;
  const outcomes = new Map<string, DeliveryOutcome>();
  let unexplained = 0;
  if (errors.length) {
    const owners = ownersOf(items);
    for (const entry of errors as IngestError[]) {
      const named = typeof entry?.unique_id === 'string' ? owners.get(entry.unique_id) : undefined;
      if (named === undefined) unexplained++;
      else if (!outcomes.has(named)) outcomes.set(named, { status: 'rejected', error: itemError(entry, named, secrets) });
    }
  }
  const rest = items.length - outcomes.size;
  const failures = typeof failed === 'number' ? failed : outcomes.size;
  const confirmed = ingested >= rest && failures <= outcomes.size && unexplained === 0;
  const outcome: DeliveryOutcome = confirmed ? { status: 'delivered' } : retry('Amplitude did not account for every item', UPSTREAM_FAILURES.unavailable.retryAfterMs);
  for (const item of items) if (!outcomes.has(item.unique_id)) outcomes.set(item.unique_id, outcome);
  return outcomes;
}

/** Each item's and each part's `unique_id` → the item's. */
function ownersOf(items: readonly AmplitudeItem[]): Map<string, string> {
  const owners = new Map<string, string>();
  for (const item of items) {
    owners.set(item.unique_id, item.unique_id);
    for (const part of item.conversation_parts ?? []) owners.set(part.unique_id, item.unique_id);
  }
  return owners;
}

function itemError(entry: IngestError, itemId: string, secrets: readonly string[]): string {
  const why = typeof entry.error === 'string' ? upstreamText(entry.error, secrets, MAX_ITEM_ERROR_LENGTH) : 'failed validation';
  return entry.unique_id === itemId ? `amplitude: ${why}` : `amplitude: part ${String(entry.unique_id)}: ${why}`;
}

/** What a whole-request 400 says: whether it is about the request as such, and which items it names. */
export interface Refusal {
  status: number;
  /** Its `error`/`message`, made safe to show. */
  message?: string;
  /** An issue names something other than an item (`source_id`, `items` itself): a fault of the request. */
  aboutRequest: boolean;
  /**
   * Items an issue names, by index in the request or by `unique_id`, each with what its first
   * issue says (`body: Required`), made safe to show, when it says anything.
   */
  named: Map<string, string | undefined>;
}

/** `items[3].email`, `items.3.email` or `["items", 3, "email"]`: the item's index, and the field after it. */
const ITEM_PATH = /^items(?:\[(\d+)\]|\.(\d+))(?:\.(.+))?/;

type Issue = { path?: unknown; unique_id?: unknown; message?: unknown };

/** Reads a refusal's `issues`, in the forms validation libraries write them. */
export function readRefusal(
  status: number,
  body: unknown,
  items: readonly AmplitudeItem[],
  secrets: readonly string[],
  message?: string,
): Refusal {
  const issues = (body as { issues?: unknown } | undefined)?.issues;
  const named = new Map<string, string | undefined>();
  let aboutRequest = false;
  for (const issue of Array.isArray(issues) ? (issues as Issue[]) : []) {
    const path = Array.isArray(issue?.path) ? issue.path.join('.') : issue?.path;
    const index = typeof path === 'string' ? ITEM_PATH.exec(path) : null;
    const byIndex = index ? items[Number(index[1] ?? index[2])]?.unique_id : undefined;
    const byId = items.find((item) => item.unique_id === issue?.unique_id)?.unique_id;
    const id = byIndex ?? byId;
    if (id === undefined) {
      if (typeof path === 'string') aboutRequest = true;
      continue;
    }
    // The first issue that says something speaks for its item.
    named.set(id, named.get(id) ?? issueWords(index?.[3], issue?.message, secrets));
  }
  return { status, message, aboutRequest, named };
}

/** `email: Invalid email`, from an issue's field within its item and its message. */
function issueWords(field: string | undefined, message: unknown, secrets: readonly string[]): string | undefined {
  if (typeof message !== 'string') return undefined;
  return upstreamText(field ? `${field}: ${message}` : message, secrets, MAX_ITEM_ERROR_LENGTH);
}

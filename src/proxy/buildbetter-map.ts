/**
 * Maps a Submission onto BuildBetter feedback records (README, "What it decides per item").
 * Pure: the sender in `buildbetter.ts` adds `person_id` and does the I/O.
 */
import type { Submission, SubmissionPart } from '../schema/submission.js';
import { splitByBytes } from './split-by-bytes.js';

/** BuildBetter's documented limit is 10 KB per field value; stay a little under it. */
export const MAX_FIELD_BYTES = 10_000;
/** Names this mapping or the sender may give their own fields: a metadata key never takes one. */
const RESERVED_NAMES = [
  'feedback',
  'nps_score',
  'csat_score',
  'score',
  'user_id',
  'kind',
  'page_url',
  'thread_id',
  'user_name',
  'email',
];

/** One entry of a record's `fields`. */
export interface BuildBetterField {
  category: 'content' | 'identity' | 'metadata';
  type: 'string' | 'integer' | 'float' | 'boolean';
  name: string;
  value: string | number | boolean;
}

/** The body of `POST /v3/rest/feedback-sources/{id}/records`. */
export interface BuildBetterRecord {
  external_id: string;
  display_ts?: string;
  person_id?: number | string;
  fields: BuildBetterField[];
}

/** One record to send, with the person (if any) the sender must upsert first. */
export interface BuildBetterRecordPlan {
  externalId: string;
  email?: string;
  name?: string;
  body: Omit<BuildBetterRecord, 'person_id'>;
}

/** The item's record, then one record per part, in order. */
export function toRecords(item: Submission): BuildBetterRecordPlan[] {
  return [itemRecord(item), ...(item.parts ?? []).map((part) => partRecord(item, part))];
}

/**
 * The record for words re-sent under an item's id (an NPS comment after its score): BuildBetter
 * has no update, so they go as a follow-up record linked by `thread_id`, as a part does,
 * with the item's user and page; `externalId` is derived from the id and the words.
 */
export function followUpRecord(item: Submission, externalId: string): BuildBetterRecordPlan {
  const { id: userId, email, name } = item.user ?? {};
  return partRecord(item, { id: externalId, body: item.body ?? '', userId, email, author: name, url: item.url });
}

/** `'Ada King Lovelace'` → `{ first_name: 'Ada', last_name: 'King Lovelace' }`. */
export function splitName(name: string): {
  first_name: string;
  last_name: string;
} {
  const [first = '', ...rest] = name.trim().split(/\s+/);
  return { first_name: first, last_name: rest.join(' ') };
}

/** `pageSection` → `page_section`, `Plan Tier` → `plan_tier`, `HTTPCode` → `http_code`. */
export function snakeCase(name: string): string {
  return name
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1_$2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1_$2')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '');
}

/** The record without a person: the email (and name) travel as identity fields instead. */
export function withoutPerson(plan: BuildBetterRecordPlan): BuildBetterRecordPlan['body'] {
  const fields = [...plan.body.fields];
  const has = (name: string) => fields.some((f) => f.name === name);
  if (plan.email !== undefined && !has('email'))
    fields.push({
      category: 'identity',
      type: 'string',
      name: 'email',
      value: plan.email,
    });
  if (plan.name && !has('user_name'))
    fields.push({
      category: 'identity',
      type: 'string',
      name: 'user_name',
      value: plan.name,
    });
  return { ...plan.body, fields };
}

function itemRecord(item: Submission): BuildBetterRecordPlan {
  const fields = feedbackFields(item.body);
  if (item.score !== undefined) {
    const name = item.kind === 'feedback' ? 'score' : `${item.kind}_score`;
    fields.push({
      category: 'content',
      type: 'integer',
      name,
      value: item.score,
    });
  }
  const { id: userId, email, name } = item.user ?? {};
  if (userId !== undefined) fields.push(identity('user_id', userId));
  fields.push(meta('kind', item.kind));
  if (item.url !== undefined) fields.push(meta('page_url', item.url));
  if (name && email === undefined) fields.push(identity('user_name', name));
  fields.push(...metadataFields(item.metadata ?? {}, fields));
  return plan(item.id, item.createdAt, fields, email, name);
}

function partRecord(item: Submission, part: SubmissionPart): BuildBetterRecordPlan {
  const fields = feedbackFields(part.body);
  if (part.userId !== undefined) fields.push(identity('user_id', part.userId));
  fields.push(meta('kind', item.kind));
  if (part.url !== undefined) fields.push(meta('page_url', part.url));
  fields.push(meta('thread_id', item.id));
  if (part.author && part.email === undefined) fields.push(identity('user_name', part.author));
  return plan(part.id, part.createdAt ?? item.createdAt, fields, part.email, part.author);
}

function plan(
  externalId: string,
  displayTs: string | undefined,
  fields: BuildBetterField[],
  email: string | undefined,
  name: string | undefined,
): BuildBetterRecordPlan {
  // `display_ts` as given: the schema has written every `createdAt` in UTC as `toISOString` does.
  const body = {
    external_id: externalId,
    ...(displayTs !== undefined && { display_ts: displayTs }),
    fields,
  };
  return {
    externalId,
    ...(email !== undefined && { email }),
    ...(name && { name }),
    body,
  };
}

function feedbackFields(body: string | undefined): BuildBetterField[] {
  return splitByBytes(body ?? '', MAX_FIELD_BYTES).map((chunk, i) => ({
    category: 'content',
    type: 'string',
    name: i === 0 ? 'feedback' : `feedback_${i + 1}`,
    value: chunk,
  }));
}

function metadataFields(
  metadata: Record<string, string | number | boolean>,
  taken: readonly BuildBetterField[],
): BuildBetterField[] {
  const used = new Set([...RESERVED_NAMES, ...taken.map((f) => f.name)]);
  return Object.entries(metadata).map(([key, value]) => {
    const name = freeName(snakeCase(key) || 'meta', used);
    used.add(name);
    return {
      category: 'metadata',
      type: typeOf(value),
      name,
      value: typeOf(value) === 'string' ? String(value) : value,
    };
  });
}

function freeName(base: string, used: ReadonlySet<string>): string {
  if (!used.has(base)) return base;
  const prefixed = `meta_${base}`;
  if (!used.has(prefixed)) return prefixed;
  let n = 2;
  while (used.has(`${prefixed}_${n}`)) n++;
  return `${prefixed}_${n}`;
}

function typeOf(value: string | number | boolean): BuildBetterField['type'] {
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return 'string';
  if (Number.isSafeInteger(value)) return 'integer';
  // NaN and Infinity have no JSON form; send their text rather than a null.
  return Number.isFinite(value) ? 'float' : 'string';
}

const identity = (name: string, value: string): BuildBetterField => ({
  category: 'identity',
  type: 'string',
  name,
  value,
});
const meta = (name: string, value: string): BuildBetterField => ({
  category: 'metadata',
  type: 'string',
  name,
  value,
});

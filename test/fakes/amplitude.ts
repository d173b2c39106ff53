// Fake Amplitude AI Feedback ingest API, written from Amplitude's published reference
// (https://amplitude.com/docs/apis/analytics/ai-feedback). Where the reference is silent the
// fake picks the strictest reasonable behaviour; each such choice is marked
// "Silent:" below.
import {
  fail,
  isEmail,
  isHttpUrl,
  isIsoDateTime,
  isJsonContentType,
  isPlainObject,
  json,
  parseJson,
  startFakeServer,
  unknownKeys,
} from './http.js';
import type { Call, Fault, FakeRequest, Reply } from './http.js';

export type SourceType = 'webhook' | 'other';
export type ValidationMode = 'per-item' | 'whole-request';

export interface FakeAmplitudeOptions {
  apiKey?: string;
  secretKey?: string;
  sources?: Record<string, SourceType>;
  validation?: ValidationMode;
  now?: () => number;
}

export interface StoredPart {
  unique_id: string;
  body?: string;
  author?: string;
  email?: string;
  user_id?: string;
  url?: string;
  created_at?: string;
}

export interface StoredItem extends StoredPart {
  conversation_parts: StoredPart[];
}

export interface FakeAmplitude {
  url: string;
  calls: Call[];
  failNext(fault: Fault): void;
  stored(sourceId?: string): StoredItem[];
  readonly writes: number;
  reset(): void;
  close(): Promise<void>;
}

export const INGEST_PATH = '/api/1/ai-feedback/ingest';
// "Maximum payload size is 5 MB": MB read as 10^6 bytes (stricter than 2^20).
export const MAX_BODY_BYTES = 5_000_000;
export const MAX_ITEMS = 100;
export const MAX_PARTS = 100;
export const MAX_SOURCE_ID = 128;

// Max lengths in characters. Silent: "characters" is counted as JS string
// length (UTF-16 code units, as zod does), which is the stricter count.
const MAX_LENGTH = {
  unique_id: 1024,
  body: 20_000,
  author: 512,
  email: 512,
  user_id: 1024,
  url: 2048,
} as const;
const PART_KEYS = ['unique_id', 'body', 'author', 'email', 'user_id', 'url', 'created_at'];
const ITEM_KEYS = [...PART_KEYS, 'conversation_parts'];
const ENVELOPE_KEYS = ['source_id', 'items'];

interface Issue {
  path: string;
  message: string;
}
type Obj = Record<string, unknown>;
type Incoming = Obj & { unique_id: string };

export async function startFakeAmplitude(
  options: FakeAmplitudeOptions = {},
): Promise<FakeAmplitude> {
  const {
    apiKey = 'amp-key',
    secretKey = 'amp-secret',
    sources = { 'src-1': 'webhook' },
    validation = 'per-item',
    now = () => Date.now(),
  } = options;
  const store = new Map<string, Map<string, StoredItem>>();
  let writes = 0;

  const storeFor = (sourceId: string) => {
    let items = store.get(sourceId);
    if (!items) store.set(sourceId, (items = new Map()));
    return items;
  };

  const upsert = (items: Map<string, StoredItem>, incoming: Incoming) => {
    const { conversation_parts: parts, ...fields } = incoming;
    const item = items.get(incoming.unique_id) ?? {
      unique_id: incoming.unique_id,
      conversation_parts: [],
    };
    // Later fields overwrite; fields absent from this request keep their old values.
    // The fake stores exactly what was sent: it does not fill in the documented
    // created_at default, so tests can see whether the proxy forwarded it.
    Object.assign(item, fields);
    for (const part of (parts ?? []) as StoredPart[]) {
      const old = item.conversation_parts.find((p) => p.unique_id === part.unique_id);
      if (old) Object.assign(old, part);
      else item.conversation_parts.push({ ...part });
    }
    items.set(item.unique_id, item);
    writes++;
  };

  // Silent on order and on 405/413 (the reference lists only 200/400/401/403/404):
  // route, method, auth, size, Content-Type, JSON, envelope, source, then items.
  const handle = (req: FakeRequest): Reply => {
    if (req.path !== INGEST_PATH) return fail(404, 'Not found');
    if (req.method !== 'POST') return fail(405, 'Method not allowed', { allow: 'POST' });
    const denied = checkAuth(req.headers.authorization, apiKey, secretKey);
    if (denied) return denied;
    if (req.raw.length > MAX_BODY_BYTES) return fail(413, 'Payload too large');
    const type = req.headers['content-type'];
    if (!isJsonContentType(type)) return fail(400, 'Content-Type must be application/json');
    const parsed = parseJson(req.rawBody);
    if (!parsed.ok) return fail(400, 'Malformed JSON');
    const envelopeIssues = checkEnvelope(parsed.value);
    if (envelopeIssues.length > 0) return invalid(envelopeIssues);
    const { source_id: sourceId, items } = parsed.value as { source_id: string; items: Incoming[] };

    // Silent: the envelope is validated (400) before the source is looked up (404/403).
    if (!Object.hasOwn(sources, sourceId)) return fail(404, `No source found: ${sourceId}`);
    if (sources[sourceId] !== 'webhook') return fail(403, 'Source is not a webhook source');

    const existing = storeFor(sourceId);
    const checked = checkItems(items, existing);
    if (validation === 'whole-request') {
      const issues = checked.flatMap(({ item, issues }, i) =>
        issues.map(({ path, message }) => ({
          unique_id: item.unique_id,
          path: `items[${i}].${path}`,
          message,
        })),
      );
      if (issues.length > 0) return invalid(issues);
    }
    const errors: Array<{ unique_id: string; error: string }> = [];
    for (const { item, issues } of checked) {
      if (issues.length === 0) upsert(existing, item);
      else errors.push({ unique_id: item.unique_id, error: describe(issues) });
    }
    return json(200, { ingested: checked.length - errors.length, failed: errors.length, errors });
  };

  const server = await startFakeServer(handle, now);
  const firstSource = Object.keys(sources)[0] ?? '';
  return {
    url: server.url,
    calls: server.calls,
    failNext: server.failNext,
    stored: (sourceId = firstSource) => structuredClone([...(store.get(sourceId)?.values() ?? [])]),
    get writes() {
      return writes;
    },
    reset() {
      server.calls.length = 0;
      server.clearFaults();
      store.clear();
      writes = 0;
    },
    close: server.close,
  };
}

const invalid = (issues: unknown[]) => json(400, { error: 'Invalid request body', issues });
const describe = (issues: Issue[]) => issues.map((i) => `${i.path}: ${i.message}`).join('; ');

function checkItems(items: Incoming[], existing: Map<string, StoredItem>) {
  const seen = new Set<string>();
  return items.map((item) => {
    const issues = checkItem(item, existing.has(item.unique_id));
    // Silent: the same unique_id twice in one request is an error on the later
    // copy (the proxy must de-duplicate a batch itself).
    if (seen.has(item.unique_id)) {
      issues.push({ path: 'unique_id', message: 'Duplicate unique_id in request' });
    }
    seen.add(item.unique_id);
    return { item, issues };
  });
}

// 401 "Missing authentication": no header, or not the Basic scheme (scheme name
// case-insensitive per RFC 7617). 403 "Invalid credentials": anything else that
// is not exactly apiKey:secretKey.
function checkAuth(header: string | undefined, key: string, secret: string): Reply | undefined {
  const match = /^Basic +(\S+)$/i.exec(header ?? '');
  if (!match?.[1]) {
    return fail(401, 'Missing authentication', { 'www-authenticate': 'Basic realm="amplitude"' });
  }
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const sep = decoded.indexOf(':');
  if (sep < 0 || decoded.slice(0, sep) !== key || decoded.slice(sep + 1) !== secret) {
    return fail(403, 'Invalid credentials');
  }
  return undefined;
}

function checkEnvelope(body: unknown): Issue[] {
  if (!isPlainObject(body)) return [{ path: '', message: 'Expected a JSON object' }];
  const issues: Issue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });
  // Silent: unknown top-level fields are rejected.
  for (const key of unknownKeys(body, ENVELOPE_KEYS)) add(key, 'Unrecognized field');
  const { source_id: sourceId, items } = body;
  if (typeof sourceId !== 'string' || sourceId.length < 1 || sourceId.length > MAX_SOURCE_ID) {
    add('source_id', `Required string of 1-${MAX_SOURCE_ID} characters`);
  }
  if (!Array.isArray(items) || items.length < 1 || items.length > MAX_ITEMS) {
    add('items', `Required array of 1-${MAX_ITEMS} items`);
    return issues;
  }
  // Silent: an item that is not an object or has no string unique_id cannot be
  // named in `errors`, so it fails the whole request in both modes.
  items.forEach((item: unknown, i) => {
    if (!isPlainObject(item)) add(`items[${i}]`, 'Expected an object');
    else if (typeof item.unique_id !== 'string') add(`items[${i}].unique_id`, 'Required string');
  });
  return issues;
}

/** Issues for one item, paths relative to the item. */
function checkItem(item: Incoming, alreadyStored: boolean): Issue[] {
  const issues = checkFields(item, ITEM_KEYS, false);
  const add = (path: string, message: string) => issues.push({ path, message });
  const parts: unknown = item.conversation_parts;
  if (parts !== undefined && !Array.isArray(parts)) add('conversation_parts', 'Expected an array');
  else if (parts && parts.length > MAX_PARTS) {
    add('conversation_parts', `At most ${MAX_PARTS} conversation parts`);
  } else {
    const seen = new Set<unknown>();
    for (const [j, part] of (parts ?? []).entries()) {
      const at = `conversation_parts[${j}]`;
      if (!isPlainObject(part)) {
        add(at, 'Expected an object');
        continue;
      }
      for (const { path, message } of checkFields(part, PART_KEYS, true))
        add(`${at}.${path}`, message);
      // Silent: two parts with the same unique_id in one item is an error.
      if (seen.has(part.unique_id)) add(`${at}.unique_id`, 'Duplicate unique_id in item');
      seen.add(part.unique_id);
    }
  }
  // Reading of the reference: `body` may be omitted only when adding parts to an
  // item "that Amplitude already ingested" (and the call-transcript example shows
  // a new item carried by its parts). So a new item needs a non-empty body or at
  // least one part; an update of a stored item may carry neither.
  const hasBody = typeof item.body === 'string' && item.body.length > 0;
  const hasParts = Array.isArray(parts) && parts.length > 0;
  if (!alreadyStored && !hasBody && !hasParts) {
    add('body', 'Required unless conversation_parts are sent or the item was already ingested');
  }
  return issues;
}

function checkFields(obj: Obj, allowed: readonly string[], isPart: boolean): Issue[] {
  const issues: Issue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });
  // Silent: unknown fields are rejected so the proxy is proven to forward nothing extra.
  for (const key of unknownKeys(obj, allowed)) {
    add(key, key === 'conversation_parts' ? "can't be nested" : 'Unrecognized field');
  }
  for (const [field, max] of Object.entries(MAX_LENGTH)) {
    const value = obj[field];
    const required = field === 'unique_id' || (isPart && field === 'body');
    // Silent: null is not accepted for optional fields (the reference types them as strings).
    if (value === undefined) {
      if (required) add(field, 'Required');
    } else if (typeof value !== 'string') {
      add(field, 'Expected string');
    } else {
      // Silent for unique_id: an empty id is rejected (min 1, like a part's body).
      if (required && value.length === 0) add(field, 'Must not be empty');
      if (value.length > max) add(field, `Exceeds maximum length of ${max} characters`);
      if (field === 'email' && !isEmail(value)) add(field, 'Invalid email');
      if (field === 'url' && !isHttpUrl(value)) add(field, 'Invalid URL (http or https)');
    }
  }
  if (obj.created_at !== undefined && !isIsoDateTime(obj.created_at)) {
    add('created_at', 'Expected ISO 8601 datetime (YYYY-MM-DDTHH:MM:SS[.sss](Z|±HH:MM))');
  }
  return issues;
}

// Fake BuildBetter feedback ingestion API, written from BuildBetter's published reference
// (https://docs.buildbetter.ai/pages/api/feedback-ingestion). Where the reference is silent the
// fake picks the strictest reasonable behaviour; each such choice is marked
// "Silent:" below.
import {
  fail,
  isEmail,
  isIsoDate,
  isIsoDateTime,
  isJsonContentType,
  isPlainObject,
  json,
  maxInWindow,
  parseJson,
  startFakeServer,
  unknownKeys,
} from './http.js';
import type { Call, Fault, FakeRequest, Reply } from './http.js';

export interface SourceSeed {
  id: number;
  name: string;
  type: string;
}
export interface Source extends SourceSeed {
  created_at: string;
}
export interface Person {
  id: number;
  email: string;
  first_name: string | null;
  last_name: string | null;
  boundary: string | null;
  company: { name?: string; domain?: string } | null;
  company_id: number | null;
  created_at: string;
}
export interface Field {
  category: string;
  type: string;
  name: string;
  value: unknown;
}
export interface Rec {
  id: number;
  person_id: number | null;
  feedback_source_id: number;
  display_ts: string | null;
  external_id: string | null;
  fields: Field[];
  created_at: string;
}

export interface FakeBuildBetterOptions {
  apiKey?: string;
  sources?: SourceSeed[];
  rateLimitPerMinute?: number;
  duplicate?: 409 | 400 | 422; // the reference gives a message but no status for a duplicate external_id
  fieldLimitBytes?: number;
  now?: () => number;
}

export interface FakeBuildBetter {
  url: string;
  calls: Call[];
  failNext(fault: Fault): void;
  sources(): Source[];
  people(): Person[];
  records(sourceId: number): Rec[];
  maxRequestsInAnyWindow(windowMs?: number): number;
  reset(): void;
  close(): Promise<void>;
}

type Obj = Record<string, unknown>;
export const RATE_WINDOW_MS = 60_000;
export const DUPLICATE_MESSAGE = 'Duplicate external_id detected';
export const CATEGORIES = ['content', 'created_at', 'identifier', 'identity', 'metadata'];
const VALUE_CHECKS: Record<string, (value: unknown) => boolean> = {
  boolean: (v) => typeof v === 'boolean',
  date: isIsoDate, // Silent: "date only" read as YYYY-MM-DD
  datetime: isIsoDateTime,
  float: (v) => typeof v === 'number' && Number.isFinite(v),
  integer: (v) => Number.isSafeInteger(v),
  json: () => true, // any value that arrived in a JSON body is JSON
  string: (v) => typeof v === 'string',
};
export const TYPES = Object.keys(VALUE_CHECKS);
const ROUTES: Record<string, string> = {
  '/v3/rest/feedback-sources': 'POST',
  '/v3/rest/people': 'PUT',
};
const RECORDS_PATH = /^\/v3\/rest\/feedback-sources\/([^/]+)\/records$/;

const isString = (v: unknown): v is string => typeof v === 'string';
const isNonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const optional = (v: unknown, check: (v: unknown) => boolean) => v === undefined || check(v);
const extraKeys = (obj: Obj, allowed: string[]) => {
  const extra = unknownKeys(obj, allowed);
  return extra.length > 0 ? `Unknown field: ${extra.join(', ')}` : undefined;
};

export async function startFakeBuildBetter(
  options: FakeBuildBetterOptions = {},
): Promise<FakeBuildBetter> {
  const {
    apiKey = 'bb-key',
    sources: seeds = [{ id: 123, name: 'Existing', type: 'api' }],
    rateLimitPerMinute = 100,
    duplicate = 409,
    fieldLimitBytes = 10 * 1024, // "10KB" read as 10 * 1024; pass 10_000 for the stricter reading
    now = () => Date.now(),
  } = options;
  const iso = () => new Date(now()).toISOString();

  let sources: Source[] = [];
  let people = new Map<string, Person>(); // by lower-cased email
  let companies = new Map<string, number>(); // by lower-cased domain, else name
  let records: Rec[] = [];
  let window: number[] = []; // `at` of the requests that count toward the rate limit
  let nextId = 1000; // one counter for people, companies and records: ids never collide
  const init = () => {
    sources = seeds.map((seed) => ({ ...seed, created_at: iso() }));
    [people, companies, records, window] = [new Map(), new Map(), [], []];
  };
  init();

  // Rolling window per API key (only one key is valid, so one window): refused
  // when `rateLimitPerMinute` counted requests arrived in the last 60 s. Silent:
  // requests answered 429 are not counted (else a client retrying early would be
  // locked out for good); nor are 401s, which no API key owns.
  const rateLimit = (at: number): Reply | undefined => {
    window = window.filter((t) => at - t < RATE_WINDOW_MS);
    if (window.length >= rateLimitPerMinute) {
      const oldest = Math.min(...window);
      const seconds = Math.max(1, Math.ceil((oldest + RATE_WINDOW_MS - at) / 1000));
      return fail(429, 'Rate limit exceeded', { 'retry-after': String(seconds) });
    }
    window.push(at);
    return undefined;
  };

  const createSource = (body: Obj): Reply => {
    // Silent: unknown fields are rejected; a repeated name makes another source.
    const invalid =
      extraKeys(body, ['name', 'type']) ??
      (!isNonEmpty(body.name) ? 'name is required' : undefined) ??
      (body.type !== 'api' ? "type must be 'api'" : undefined);
    if (invalid) return fail(400, invalid);
    const id = Math.max(0, ...sources.map((s) => s.id)) + 1;
    const source: Source = { id, name: body.name as string, type: 'api', created_at: iso() };
    sources.push(source);
    return json(200, source);
  };

  const upsertPerson = (body: Obj): Reply => {
    const invalid = checkPerson(body);
    if (invalid) return fail(400, invalid);
    const email = body.email as string;
    const company = (body.company as Person['company'] | undefined) ?? null;
    let companyId: number | null = null;
    if (company) {
      const key = (company.domain || company.name || '').toLowerCase();
      companyId = companies.get(key) ?? nextId++;
      companies.set(key, companyId);
    }
    const old = people.get(email.toLowerCase());
    const keep = <T>(sent: unknown, kept: T | undefined) => (sent as T | undefined) ?? kept ?? null;
    // Upsert by email: fields sent overwrite, fields left out keep their old values.
    const person: Person = {
      id: old?.id ?? nextId++,
      email,
      first_name: keep(body.first_name, old?.first_name),
      last_name: keep(body.last_name, old?.last_name),
      boundary: keep(body.boundary, old?.boundary),
      company: keep(company, old?.company),
      company_id: keep(companyId, old?.company_id),
      created_at: old?.created_at ?? iso(),
    };
    people.set(email.toLowerCase(), person);
    const { id, first_name, last_name, company_id, created_at } = person;
    return json(200, { id, first_name, last_name, email, company_id, created_at });
  };

  const createRecord = (sourceParam: string, body: unknown): Reply => {
    const source = sources.find((s) => String(s.id) === sourceParam);
    if (!source) return fail(404, 'Feedback source not found');
    if (Array.isArray(body)) return fail(400, 'One record per request: send a single object');
    if (!isPlainObject(body)) return fail(400, 'Body must be a JSON object');
    const invalid = checkRecord(body, fieldLimitBytes);
    if (invalid) return fail(400, invalid);
    const personId = (body.person_id as number | undefined) ?? null;
    if (personId !== null && ![...people.values()].some((p) => p.id === personId)) {
      return fail(404, 'Person not found');
    }
    // external_id is optional per the reference; it is unique within a feedback source.
    const externalId = (body.external_id as string | undefined) ?? null;
    const inSource = records.filter((r) => r.feedback_source_id === source.id);
    if (externalId !== null && inSource.some((r) => r.external_id === externalId)) {
      return fail(duplicate, DUPLICATE_MESSAGE);
    }
    const rec: Rec = {
      id: nextId++,
      person_id: personId,
      feedback_source_id: source.id,
      display_ts: (body.display_ts as string | undefined) ?? null,
      external_id: externalId,
      fields: structuredClone(body.fields as Field[]),
      created_at: iso(),
    };
    records.push(rec);
    const { fields: _fields, ...answer } = rec;
    return json(200, answer);
  };

  // Order: auth, rate limit, route, method, Content-Type, JSON, then the endpoint.
  const handle = (req: FakeRequest): Reply => {
    if (req.headers['x-buildbetter-api-key'] !== apiKey) {
      return fail(401, 'Invalid or missing API key');
    }
    const limited = rateLimit(req.at);
    if (limited) return limited;
    const recordsMatch = RECORDS_PATH.exec(req.path);
    const method = recordsMatch ? 'POST' : ROUTES[req.path];
    if (!method) return fail(404, 'Not found');
    if (req.method !== method) return fail(405, 'Method not allowed', { allow: method });
    const type = req.headers['content-type'];
    if (!isJsonContentType(type)) return fail(400, 'Content-Type must be application/json');
    const parsed = parseJson(req.rawBody);
    if (!parsed.ok) return fail(400, 'Malformed JSON');
    if (recordsMatch) return createRecord(recordsMatch[1] ?? '', parsed.value);
    if (!isPlainObject(parsed.value)) return fail(400, 'Body must be a JSON object');
    return method === 'PUT' ? upsertPerson(parsed.value) : createSource(parsed.value);
  };

  const server = await startFakeServer(handle, now);
  return {
    url: server.url,
    calls: server.calls,
    failNext: server.failNext,
    sources: () => structuredClone(sources),
    people: () => structuredClone([...people.values()]),
    records: (id) => structuredClone(records.filter((r) => r.feedback_source_id === id)),
    maxRequestsInAnyWindow(windowMs = RATE_WINDOW_MS) {
      const seen = server.calls.filter((c) => !c.fault); // fault answers never reach the rules
      return maxInWindow(
        seen.map((c) => c.at),
        windowMs,
      );
    },
    reset() {
      server.calls.length = 0;
      server.clearFaults();
      init();
    },
    close: server.close,
  };
}

// Silent: unknown fields and nulls are rejected; boundary must be 'internal' or
// 'external' (the reference shows only 'external'); a company needs a name or domain.
function checkPerson(body: Obj): string | undefined {
  const { email, first_name, last_name, boundary, company } = body;
  const extra = extraKeys(body, ['email', 'first_name', 'last_name', 'boundary', 'company']);
  if (extra) return extra;
  if (!isEmail(email)) return 'A valid email is required';
  if (!optional(first_name, isString) || !optional(last_name, isString)) {
    return 'first_name and last_name must be strings';
  }
  if (!optional(boundary, (b) => b === 'internal' || b === 'external')) {
    return "boundary must be 'internal' or 'external'";
  }
  if (company === undefined) return undefined;
  const ok =
    isPlainObject(company) &&
    !extraKeys(company, ['name', 'domain']) &&
    optional(company.name, isNonEmpty) &&
    optional(company.domain, isNonEmpty) &&
    (company.name ?? company.domain) !== undefined;
  return ok ? undefined : 'company must be { name?, domain? } with at least one of them';
}

function checkRecord(body: Obj, limitBytes: number): string | undefined {
  // Silent: unknown top-level fields are rejected so the proxy is proven to send nothing extra.
  const extra = extraKeys(body, ['person_id', 'display_ts', 'external_id', 'fields']);
  if (extra) return extra;
  if (!optional(body.person_id, Number.isSafeInteger)) return 'person_id must be an integer';
  // Silent: external_id, when sent, must be a non-empty string.
  if (!optional(body.external_id, isNonEmpty)) return 'external_id must be a non-empty string';
  if (!optional(body.display_ts, isIsoDateTime)) return 'display_ts must be an ISO 8601 datetime';
  const fields = body.fields;
  if (!Array.isArray(fields) || fields.length === 0) return 'fields must be a non-empty array';
  const limit = limitBytes % 1024 === 0 ? `${limitBytes / 1024}KB` : `${limitBytes} bytes`;
  const names = new Set<string>();
  for (const [i, field] of fields.entries()) {
    if (!isPlainObject(field)) return `fields[${i}] must be an object`;
    const { category, type, name, value } = field;
    if (!isNonEmpty(name)) return `fields[${i}].name must be a non-empty string`;
    const bad = `Invalid field "${name}":`;
    if (extraKeys(field, ['category', 'type', 'name', 'value'])) return `${bad} unknown keys`;
    if (!isString(category) || !CATEGORIES.includes(category)) {
      return `${bad} category must be one of ${CATEGORIES.join('|')}`;
    }
    const check = isString(type) && Object.hasOwn(VALUE_CHECKS, type) ? VALUE_CHECKS[type] : null;
    if (!check) return `${bad} type must be one of ${TYPES.join('|')}`;
    if (!('value' in field) || !check(value)) return `${bad} value is not a valid ${type}`;
    const bytes = Buffer.byteLength(isString(value) ? value : JSON.stringify(value));
    if (bytes > limitBytes) return `Field value exceeds ${limit}: ${name}`;
    // Silent: field names are compared exactly (case-sensitive).
    if (names.has(name)) return `Duplicate field name: ${name}`;
    names.add(name);
  }
  return undefined;
}

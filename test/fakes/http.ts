// Shared plumbing for the fake upstream servers: a node:http server on
// 127.0.0.1, call recording, fault injection and a few validators that both
// API references need.
import { createServer, STATUS_CODES } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Call {
  at: number; // from the injected clock, taken when the request body has arrived
  method: string;
  path: string; // path and query string, as sent
  headers: Record<string, string>;
  rawBody: string;
  body: unknown; // parsed JSON, or undefined when the body is not JSON
  status: number; // what the fake answered; 0 when the socket was reset
  fault: boolean; // true when an injected fault answered instead of the fake's rules
}

export interface Fault {
  status?: number; // answer this status instead of processing
  retryAfter?: string; // Retry-After header value to send with it
  body?: unknown; // JSON body to send with it (default { error: <reason phrase> })
  delayMs?: number; // wait before answering (real time; used for timeouts)
  reset?: boolean; // destroy the socket without answering (network error)
  times?: number; // how many matching requests it applies to (default 1)
  match?: { method?: string; path?: RegExp }; // only requests that match
}

export interface FakeRequest {
  at: number;
  method: string;
  path: string; // pathname only
  headers: Record<string, string>;
  raw: Buffer;
  rawBody: string;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FakeServer {
  url: string;
  calls: Call[];
  failNext(fault: Fault): void;
  clearFaults(): void;
  close(): Promise<void>;
}

export async function startFakeServer(
  handle: (req: FakeRequest) => Reply,
  now: () => number,
): Promise<FakeServer> {
  const calls: Call[] = [];
  const faults: Array<Fault & { left: number }> = [];
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const takeFault = (method: string, path: string): Fault | undefined => {
    const index = faults.findIndex(
      (f) =>
        (f.match?.method === undefined || f.match.method.toUpperCase() === method) &&
        (f.match?.path === undefined || f.match.path.test(path)),
    );
    const fault = faults[index];
    if (fault && --fault.left <= 0) faults.splice(index, 1);
    return fault;
  };

  const respond = async (req: IncomingMessage, res: ServerResponse, raw: Buffer) => {
    const rawBody = raw.toString('utf8');
    const parsed = parseJson(rawBody);
    const call: Call = {
      at: now(),
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: flattenHeaders(req.headers),
      rawBody,
      body: parsed.ok ? parsed.value : undefined,
      status: 0,
      fault: false,
    };
    const fault = takeFault(call.method, call.path);
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (closed) return;
    if (fault?.reset) {
      call.fault = true;
      calls.push(call);
      req.socket.destroy();
      return;
    }
    let reply: Reply;
    if (fault && (fault.status ?? fault.body ?? fault.retryAfter) !== undefined) {
      // A fault that names an answer replaces processing (status defaults to 500).
      const status = fault.status ?? 500;
      call.fault = true;
      reply = {
        status,
        body: fault.body ?? { error: STATUS_CODES[status] ?? 'Injected fault' },
        headers: fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter },
      };
    } else {
      // No fault, or a delay-only fault: the request is processed normally.
      try {
        const pathname = new URL(call.path, 'http://fake.invalid').pathname;
        reply = handle({
          at: call.at,
          method: call.method,
          path: pathname,
          headers: call.headers,
          raw,
          rawBody,
        });
      } catch (error) {
        console.error('fake upstream handler crashed', error);
        reply = { status: 500, body: { error: 'Fake handler crashed' } };
      }
    }
    call.status = reply.status;
    calls.push(call);
    send(res, reply);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => void respond(req, res, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    failNext(fault) {
      faults.push({ ...fault, left: fault.times ?? 1 });
    },
    clearFaults() {
      faults.length = 0;
    },
    close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.destroyed) return;
  const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    ...(text ? { 'content-type': 'application/json' } : {}),
    ...reply.headers,
  });
  res.end(text);
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return headers ? { status, body, headers } : { status, body };
}

/** A JSON `{ error }` answer. */
export function fail(status: number, error: string, headers?: Record<string, string>): Reply {
  return json(status, { error }, headers);
}

export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** True when the media type (parameters such as charset ignored) is exactly application/json. */
export function isJsonContentType(header: string | undefined): boolean {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json';
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keys of `obj` that are not in `allowed`. */
export function unknownKeys(obj: Record<string, unknown>, allowed: readonly string[]): string[] {
  return Object.keys(obj).filter((key) => !allowed.includes(key));
}

// Same shape as zod's default email check: no leading dot, no "..", a dotted domain.
const EMAIL =
  /^(?!\.)(?!.*\.\.)[A-Za-z0-9_'+\-.]*[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

export function isEmail(value: unknown): value is string {
  return typeof value === 'string' && EMAIL.test(value);
}

export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

function isCalendarDate(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** YYYY-MM-DD naming a real calendar day. */
export function isIsoDate(value: unknown): value is string {
  const m = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  return m !== null && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

// Silent in both references beyond "ISO 8601 datetime". Strictest reasonable
// reading: the RFC 3339 profile (what Date#toISOString produces) — date, 'T',
// time with seconds, optional fraction, and a zone ('Z' or ±HH:MM). Date-only,
// zone-less, minute-precision and lowercase 't'/'z' forms are rejected.
const ISO_DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))$/;

export function isIsoDateTime(value: unknown): value is string {
  const m = typeof value === 'string' ? ISO_DATETIME.exec(value) : null;
  if (!m) return false;
  const n = (i: number) => Number(m[i] ?? 0);
  return (
    isCalendarDate(n(1), n(2), n(3)) &&
    n(4) <= 23 &&
    n(5) <= 59 &&
    n(6) <= 59 &&
    n(9) <= 23 &&
    n(10) <= 59
  );
}

/** Largest number of timestamps inside any half-open window [t, t + windowMs). */
export function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  sorted.forEach((t, end) => {
    while (t - (sorted[start] ?? t) >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  });
  return best;
}

/**
 * The Node server's direct path to the feedback route: `node:http`'s request as a
 * `ProxyRequest` and the `ProxyAnswer` written straight back, with no WHATWG Request, Response
 * or stream in between, because building those per request cost more CPU than validating,
 * mapping and delivering a 10-item batch (bench/README.md, "proxy-throughput"). What to answer
 * is decided by the same `createFeedbackRoute` as in the web handler; this file only moves bytes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorAnswer } from '../error-answer.js';
import { HttpError } from '../errors.js';
import type { ProxyAnswer, ProxyRequest } from '../exchange.js';
import type { ProxyCore } from '../create-proxy.js';
import { notThisHost } from '../local-mode.js';
import { bodyTooLarge, bodyTooSlow, bodyUnreadable } from '../read-body.js';

/** `req.url` without its query: what the server compares with the feedback path. */
export const pathOf = (url: string | undefined): string => {
  const end = url?.indexOf('?') ?? -1;
  return end < 0 ? (url ?? '') : url!.slice(0, end);
};

/**
 * A header as `Headers.get` gives it: every value joined with `, `. Read from the raw list,
 * because `req.headers` keeps only the first of a repeated `Content-Type` and would let the
 * two adapters see different values.
 */
function rawHeader(raw: string[], name: string): string | null {
  let value: string | null = null;
  for (let i = 0; i < raw.length; i += 2) {
    const key = raw[i]!;
    if (key.length === name.length && key.toLowerCase() === name) value = value === null ? raw[i + 1]! : `${value}, ${raw[i + 1]}`;
  }
  return value;
}

/**
 * The body, refused with 413 the moment it passes `maxBytes`, and with 408 when it has not all
 * arrived within `timeoutMs`; either way what is past that point is drained unread, so the
 * answer reaches the client and no chunk stays in memory.
 */
function readIncoming(req: IncomingMessage, maxBytes: number, timeoutMs: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let settled = false; // later events (the 'close' after 'end', the drained rest) are ignored
    // Takes the error to make, not the error: a 'close' follows every request, and an Error's
    // stack is not free.
    const stop = (error: () => HttpError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      chunks.length = 0;
      req.resume(); // keep reading and dropping the rest
      reject(error());
    };
    const timer = setTimeout(() => stop(bodyTooSlow), timeoutMs);
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      total += chunk.length;
      if (total <= maxBytes) chunks.push(chunk);
      else stop(() => bodyTooLarge(maxBytes));
    });
    req.on('end', () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total));
    });
    const unreadable = () => stop(bodyUnreadable);
    req.on('error', unreadable).on('close', unreadable);
  });
}

/** `node:http`'s request as the route reads it. */
class IncomingRequest implements ProxyRequest {
  readonly method: string;
  readonly clientAddress?: string;

  constructor(private readonly req: IncomingMessage) {
    this.method = req.method ?? 'GET';
    this.clientAddress = req.socket.remoteAddress;
  }

  get url(): string {
    return `http://${this.req.headers.host ?? 'localhost'}${this.req.url ?? '/'}`;
  }

  header(name: string): string | null {
    return rawHeader(this.req.rawHeaders, name);
  }

  bytes(maxBytes: number, timeoutMs: number): Promise<Uint8Array> {
    return readIncoming(this.req, maxBytes, timeoutMs);
  }

  /** Only `ProxyConfig.clientIp` asks for it: the headers, not the body (that is ours to read). */
  toRequest(): Request {
    const raw = this.req.rawHeaders;
    const headers: [string, string][] = [];
    for (let i = 0; i < raw.length; i += 2) headers.push([raw[i]!, raw[i + 1]!]);
    return new Request(this.url, { method: this.method, headers });
  }
}

export const fromIncoming = (req: IncomingMessage): ProxyRequest => new IncomingRequest(req);

/** Writes the answer; a header Node refuses to write (a byte no valid request carries) ends the connection instead. */
export function writeAnswer(res: ServerResponse, answer: ProxyAnswer): void {
  try {
    if (answer.body === null) res.writeHead(answer.status, answer.headers).end();
    else res.writeHead(answer.status, { ...answer.headers, 'content-length': String(Buffer.byteLength(answer.body)) }).end(answer.body);
  } catch {
    res.destroy();
  }
}

/**
 * Answers one request on the feedback path. A Host that makes no URL is answered 400, as
 * @hono/node-server answers it on the other routes (the web handler never sees one: a Request
 * cannot be made from it).
 */
export function answerDirect({ feedback: route, log, answersHost }: ProxyCore, req: IncomingMessage, res: ServerResponse): void {
  const host = URL.parse(`http://${req.headers.host ?? 'localhost'}/`)?.hostname;
  if (host === undefined) return writeAnswer(res, errorAnswer(new HttpError(400, 'invalid Host header'), {}, log));
  if (!answersHost(host)) return writeAnswer(res, errorAnswer(notThisHost(), {}, log));
  route(fromIncoming(req)).then(
    (answer) => writeAnswer(res, answer),
    // The route answers every failure itself; reaching here is a bug, and the client must still hear.
    (err: unknown) => (res.headersSent ? res.destroy() : writeAnswer(res, errorAnswer(err, {}, log))),
  );
}

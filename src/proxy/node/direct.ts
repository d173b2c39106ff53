/**
 * The Node server's direct path to the feedback route: `node:http`'s request as a
 * `ProxyRequest` and the `ProxyAnswer` written straight back, with no WHATWG Request, Response
 * or stream in between. Building those per request cost more CPU than validating, mapping and
 * delivering a 10-item batch (`npm run bench`). What to answer is decided by the same
 * `createFeedbackRoute` as in the web handler; this file only moves bytes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorAnswer } from '../error-answer.js';
import type { ProxyAnswer, ProxyRequest } from '../exchange.js';
import type { FeedbackRoute } from '../feedback-route.js';
import type { Logger } from '../log.js';
import { bodyTooLarge, bodyUnreadable } from '../read-body.js';

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

/** The body, refused with 413 the moment it passes `maxBytes`: what is past that is drained unread. */
function readIncoming(req: IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const stop = () => {
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onError);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total <= maxBytes) return void chunks.push(chunk);
      stop();
      req.resume(); // keep reading and dropping the rest, so the 413 reaches the client
      reject(bodyTooLarge(maxBytes));
    };
    const onEnd = () => {
      stop();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total));
    };
    const onError = () => {
      stop();
      reject(bodyUnreadable());
    };
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onError);
  });
}

export function fromIncoming(req: IncomingMessage): ProxyRequest {
  const url = () => `http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`;
  return {
    method: req.method ?? 'GET',
    get url() {
      return url();
    },
    header: (name) => rawHeader(req.rawHeaders, name),
    bytes: (maxBytes) => readIncoming(req, maxBytes),
    clientAddress: req.socket.remoteAddress,
    // Only `ProxyConfig.clientIp` asks for it: the headers, not the body (that is ours to read).
    toRequest: () => {
      const headers: [string, string][] = [];
      for (let i = 0; i < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i]!, req.rawHeaders[i + 1]!]);
      return new Request(url(), { method: req.method, headers });
    },
  };
}

function writeAnswer(res: ServerResponse, answer: ProxyAnswer): void {
  if (answer.body === null) {
    res.writeHead(answer.status, answer.headers).end();
    return;
  }
  const length = String(Buffer.byteLength(answer.body));
  res.writeHead(answer.status, { ...answer.headers, 'content-length': length }).end(answer.body);
}

/** Answers one request on the feedback path. */
export function answerDirect(route: FeedbackRoute, req: IncomingMessage, res: ServerResponse, log: Logger): void {
  route(fromIncoming(req)).then(
    (answer) => writeAnswer(res, answer),
    // The route answers every failure itself; reaching here is a bug, and the client must still hear.
    (err: unknown) => (res.headersSent ? res.destroy() : writeAnswer(res, errorAnswer(err, {}, log))),
  );
}

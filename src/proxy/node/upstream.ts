/**
 * The Node server's transport to Amplitude and BuildBetter: undici's `Agent` (a keep-alive pool
 * per origin) driven through `dispatch`, its lowest public layer, because an upstream answer
 * then costs no stream and no `AbortSignal`, a quarter less CPU a call than node:http's client
 * (bench/README.md, "proxy-throughput").
 *
 * Failures reach the destinations in `fetch`'s shapes: a `TimeoutError` at the deadline, and
 * otherwise `TypeError('fetch failed')` with undici's error (its `code`) as the `cause`.
 */
import type { Socket } from 'node:net';
import { Agent, type Dispatcher, buildConnector } from 'undici';
import type { UpstreamFetch, UpstreamResponse } from '../destination.js';

/** An upstream answer larger than this is cut off: we only ever read a short JSON. */
const MAX_RESPONSE_BYTES = 1024 * 1024;
/** Parsed endpoints kept: the destinations call a handful of fixed URLs. */
const MAX_CACHED_URLS = 100;
/** How long setting up a connection (TCP, then TLS) may take: undici's default, said here. */
const CONNECT_TIMEOUT_MS = 10_000;

/** What `fetch` rejects with at a deadline, so callers see the same `TimeoutError`. */
const timeoutError = () => new DOMException('The operation was aborted due to timeout', 'TimeoutError');

/** Response headers as undici gives them: lower-case names, repeated ones as arrays. */
type RawHeaders = Record<string, string | string[] | undefined>;

function answer(status: number, headers: RawHeaders, text: string): UpstreamResponse {
  return {
    status,
    ok: status >= 200 && status < 300,
    headers: {
      get: (name) => {
        const value = headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    },
    json: async () => JSON.parse(text),
  };
}

/** One call's handler: collects the answer, and settles the promise once. */
class Call implements Dispatcher.DispatchHandler {
  private controller?: Dispatcher.DispatchController;
  private status = 0;
  private headers: RawHeaders = {};
  private chunks: Buffer[] = [];
  private size = 0;
  /** Whether the call has its outcome (then nothing more of undici's matters to it). */
  settled = false;
  private timer?: ReturnType<typeof setTimeout>;
  private readonly signal?: AbortSignal;

  constructor(
    private readonly resolve: (res: UpstreamResponse) => void,
    private readonly reject: (err: unknown) => void,
    init: Parameters<UpstreamFetch>[1],
  ) {
    // The deadline: our own timer when the caller gave one (unref'd, as AbortSignal.timeout's
    // is: a deadline never keeps the process alive by itself), else its signal, if any.
    if (init.timeoutMs !== undefined) (this.timer = setTimeout(() => this.abort(timeoutError()), init.timeoutMs)).unref();
    else if ((this.signal = init.signal)) {
      if (this.signal.aborted) this.abort(this.signal.reason);
      else this.signal.addEventListener('abort', this.onSignal, { once: true });
    }
  }

  private readonly onSignal = () => this.abort(this.signal!.reason);

  /** Fails the call now, and stops undici's request as soon as it has one to stop. */
  abort(reason: unknown): void {
    this.controller?.abort(reason as Error);
    this.fail(reason);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    // Settled before it started: only abort() does that (the deadline, the signal). Send nothing.
    if (this.settled) controller.abort(new Error('given up before it was sent'));
  }

  onResponseStart(_controller: Dispatcher.DispatchController, status: number, headers: RawHeaders): void {
    this.status = status;
    this.headers = headers;
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.size += chunk.length;
    if (this.size > MAX_RESPONSE_BYTES) return controller.abort(new Error('upstream answer too large'));
    this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    if (this.done()) this.resolve(answer(this.status, this.headers, Buffer.concat(this.chunks, this.size).toString('utf8')));
  }

  onResponseError(_controller: Dispatcher.DispatchController, err: Error): void {
    this.fail(err);
  }

  private fail(err: unknown): void {
    if (!this.done()) return;
    const known = err instanceof DOMException || (this.signal && err === this.signal.reason);
    this.reject(known ? err : new TypeError('fetch failed', { cause: err }));
  }

  /** Whether this is the first outcome; clears the deadline either way. */
  private done(): boolean {
    if (this.settled) return false;
    this.settled = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.signal?.removeEventListener('abort', this.onSignal);
    return true;
  }
}

export function createUpstreamFetch(): UpstreamFetch & { close(): void } {
  // Connections still being set up, so that close() can stop them: undici's destroy() lets a
  // pending connect run on (to its timeout) and would keep the process alive meanwhile.
  const connecting = new Set<Socket>();
  const connect = buildConnector({ timeout: CONNECT_TIMEOUT_MS }) as (
    ...args: Parameters<buildConnector.connector>
  ) => Socket | undefined; // it returns the socket it sets up; its types say void
  const agent = new Agent({
    connect(options, callback) {
      let socket: Socket | undefined;
      let settled = false;
      socket = connect(options, (...outcome) => {
        settled = true;
        if (socket) connecting.delete(socket);
        callback(...outcome);
      });
      if (socket && !settled) connecting.add(socket);
    },
  });
  /** Where a URL goes, split once: the destinations call a handful of fixed URLs. */
  const targets = new Map<string, { origin: string; path: string }>();
  const target = (url: string) => {
    let found = targets.get(url);
    if (!found) {
      const { origin, pathname, search } = new URL(url);
      found = { origin, path: pathname + search };
      if (targets.size >= MAX_CACHED_URLS) targets.clear();
      targets.set(url, found);
    }
    return found;
  };

  const upstream: UpstreamFetch = (url, init) =>
    new Promise<UpstreamResponse>((resolve, reject) => {
      const { origin, path } = target(url);
      const call = new Call(resolve, reject, init);
      if (call.settled) return; // a signal that had fired already: nothing to send
      try {
        agent.dispatch({ origin, path, method: init.method as Dispatcher.HttpMethod, headers: init.headers, body: init.body }, call);
      } catch (err) {
        call.abort(err); // an argument undici refuses (a header value with a newline, say)
      }
    });
  return Object.assign(upstream, {
    close() {
      for (const socket of connecting) socket.destroy(new Error('upstream transport closed'));
      connecting.clear();
      void agent.destroy();
    },
  });
}

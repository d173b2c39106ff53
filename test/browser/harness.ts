/**
 * Real-browser harness: headless Debian Chromium through playwright-core, a static page server
 * on one 127.0.0.1 port, the real proxy (`serve()`) on another (so the page is cross-origin to
 * the proxy, as on a customer's site), the fake Amplitude behind it, and an optional recording
 * "tap" between the page and the proxy to see what the browser itself sent.
 *
 * Every wait is bounded and everything started is registered with a `Cleanup`, which the tests
 * run in afterEach/afterAll even when a test fails.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { type IncomingMessage, type Server, type ServerResponse, createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { amplitude } from '../../src/proxy/amplitude.js';
import { silentLogger } from '../../src/proxy/log.js';
import { type RunningProxy, serve } from '../../src/proxy/node/index.js';
import { type FakeAmplitude, INGEST_PATH, startFakeAmplitude } from '../fakes/amplitude.js';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
/**
 * The built script tag (test/global-setup.ts builds dist/ before any test runs).
 * `EARFUL_EMBED_PATH` points the suite at another build, e.g. to try a fix of src/ out of tree.
 */
export const EMBED_PATH: string | URL = process.env.EARFUL_EMBED_PATH || new URL('../../dist/earful.js', import.meta.url);
/** The module the script tag loads from beside itself. */
export const EMBED_UI_PATH = new URL('earful-ui.js', typeof EMBED_PATH === 'string' ? pathToFileURL(EMBED_PATH) : EMBED_PATH);

/** The script tag's files as a page asks for them, `/earful.js` and `/earful-ui.js`, read now. */
export function scriptTagFiles(): Map<string, string> {
  return new Map([
    ['/earful.js', readFileSync(EMBED_PATH, 'utf8')],
    ['/earful-ui.js', readFileSync(EMBED_UI_PATH, 'utf8')],
  ]);
}

/** The same, as the proxy's `embedScript` reads them. */
export const readScriptTagFile = async (file: string): Promise<string | undefined> => scriptTagFiles().get(`/${file}`);

// ---------------------------------------------------------------------------------------------
// Small bounded primitives

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Rejects with `label` if `promise` has not settled within `ms`. */
export async function within<T>(promise: Promise<T>, ms: number, label: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${label}`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Polls `probe` until it returns a value that is not `undefined`/`false`, or fails after
 * `timeoutMs` with `label` and the last value seen.
 */
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  { timeoutMs, label, intervalMs = 100 }: { timeoutMs: number; label: string; intervalMs?: number },
): Promise<Exclude<T, false | undefined>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      last = await probe();
      if (last !== undefined && last !== false) return last as Exclude<T, false | undefined>;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${label}; last: ${String(last)}`);
    await sleep(intervalMs);
  }
}

/** Everything a test started, closed in reverse order, each step bounded, errors collected. */
export class Cleanup {
  private steps: { label: string; fn: () => unknown }[] = [];
  defer(label: string, fn: () => unknown): void {
    this.steps.push({ label, fn });
  }
  async run(): Promise<void> {
    const errors: unknown[] = [];
    while (this.steps.length) {
      const { label, fn } = this.steps.pop()!;
      try {
        await within(Promise.resolve().then(fn), 10_000, `cleanup: ${label}`);
      } catch (err) {
        errors.push(err);
      }
    }
    if (errors.length) throw new AggregateError(errors, 'cleanup failed');
  }
}

async function listen(server: Server, port = 0): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

// ---------------------------------------------------------------------------------------------
// Chromium

export function launchBrowser(): Promise<Browser> {
  return within(chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true }), 30_000, 'launch chromium');
}

/** A browser whose profile (IndexedDB included) lives in `userDataDir`: close it and relaunch to "reopen later". */
export function launchPersistent(userDataDir: string): Promise<BrowserContext> {
  return within(
    chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true }),
    30_000,
    'launch persistent chromium',
  );
}

export async function tempProfile(cleanup: Cleanup): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'earful-chromium-'));
  cleanup.defer('remove profile', () => rm(dir, { recursive: true, force: true }));
  return dir;
}

// ---------------------------------------------------------------------------------------------
// The host page

export interface PageConfig {
  /** `Earful('init', …)` options, queued on the stub before the script loads. Omit for none. */
  init?: Record<string, unknown>;
  /** Where the script comes from; `null`: no script tag (the host page without the widget). @default the page server's own `/earful.js` */
  scriptSrc?: string | null;
  /** `data-*` attributes on the script tag (declarative init). */
  dataset?: Record<string, string>;
  /** Calls queued on the stub after `init` (before the script has loaded). */
  queued?: unknown[][];
}

/**
 * The HTML of a host page: the documented stub, event recorders (`window.__events`), the
 * queued commands, then the async script tag, then `content`. `window.__loaded` flips when the script ran.
 */
export function pageHtml(config: PageConfig, content = ''): string {
  const attrs = Object.entries(config.dataset ?? {})
    .map(([k, v]) => ` data-${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}="${v.replace(/"/g, '&quot;')}"`)
    .join('');
  const calls = [...(config.init ? [['init', config.init]] : []), ...(config.queued ?? [])];
  return `<!doctype html>
<meta charset="utf-8"><title>earful host page</title>
<script>
  window.Earful = window.Earful || function () { (Earful.q = Earful.q || []).push(arguments) };
  window.__events = [];
  for (const name of ['queued', 'delivered', 'rejected', 'error', 'submitted'])
    Earful('on', name, (detail) => __events.push({ name, detail, at: Date.now() }));
  for (const args of ${JSON.stringify(calls)}) Earful(...args);
</script>
${config.scriptSrc === null ? '' : `<script src="${config.scriptSrc ?? '/earful.js'}"${attrs} async onload="window.__loaded = true"></script>\n`}${content}`;
}

export interface PageServer {
  origin: string;
  /** The URL of a page built from `config` (stateless: the config travels in the query). */
  url(config: PageConfig): string;
  close(): Promise<void>;
}

/** `content`: the host's own page, HTML that every page appends after the scripts. */
export async function startPageServer({ content = '' }: { content?: string } = {}): Promise<PageServer> {
  const scripts = scriptTagFiles();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://page.invalid');
    const script = scripts.get(url.pathname);
    if (script !== undefined) {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
      return res.end(script);
    }
    if (url.pathname === '/page') {
      const config = JSON.parse(url.searchParams.get('c') ?? '{}') as PageConfig;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      return res.end(pageHtml(config, content));
    }
    res.writeHead(404).end();
  });
  const port = await listen(server);
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (config) => `${origin}/page?c=${encodeURIComponent(JSON.stringify(config))}`,
    close: () => closeServer(server),
  };
}

/** Opens a host page and waits until the real `window.Earful` has replaced the stub. */
export async function openHost(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await gotoHost(page, url);
  return page;
}

export async function gotoHost(page: Page, url: string): Promise<void> {
  await page.goto(url, { timeout: 15_000 });
  // Loaded, and started: the widget starts once the page has parsed, in a task of its own, and
  // then replaces the snippet's queueing stub with the real Earful (which has no queue).
  await page.waitForFunction(
    () => {
      const w = window as { __loaded?: boolean; Earful?: { q?: unknown } };
      return w.__loaded === true && typeof w.Earful === 'function' && !('q' in w.Earful);
    },
    undefined,
    { timeout: 15_000 },
  );
}

// ---------------------------------------------------------------------------------------------
// In-page helpers (all go through the public `window.Earful` API or plain IndexedDB)

export interface SubmitResult {
  id: string;
  status: 'delivered' | 'queued' | 'failed';
  durability?: string;
  problem?: string;
  error?: string;
}

export interface HostEvent {
  name: string;
  detail: { id?: string; error?: string } & Record<string, unknown>;
  at: number;
}

type EarfulWindow = Window & { Earful: (command: string, ...args: unknown[]) => unknown; __events: HostEvent[] };

export function submit(page: Page, input: Record<string, unknown>): Promise<SubmitResult> {
  return within(
    page.evaluate((i) => (window as unknown as EarfulWindow).Earful('submit', i) as Promise<SubmitResult>, input),
    10_000,
    'Earful(submit)',
  );
}

export function earful(page: Page, command: string, ...args: unknown[]): Promise<unknown> {
  return within(
    page.evaluate(([c, a]) => (window as unknown as EarfulWindow).Earful(c as string, ...(a as unknown[])), [command, args] as const),
    20_000,
    `Earful(${command})`,
  );
}

export function events(page: Page): Promise<HostEvent[]> {
  return page.evaluate(() => (window as unknown as EarfulWindow).__events);
}

export interface OutboxRecordView {
  id: string;
  attempts: number;
  nextAttemptAt: number;
  queuedAt: number;
  lease?: { owner: string; until: number };
  lastError?: string;
  submission: Record<string, unknown> & { user?: { id?: string } };
}

export interface IdbView {
  outbox: OutboxRecordView[];
  dead: { id: string; reason: string; error: string }[];
  meta: Record<string, unknown>;
  /** The page's clock when it looked. */
  now: number;
}

/**
 * What the outbox database holds, read with plain IndexedDB from a page of the origin. Does
 * not create the database when it does not exist (that would leave it without object stores).
 */
export function readIdb(page: Page, dbName = 'earful'): Promise<IdbView> {
  return within(
    page.evaluate(async (name) => {
      const view = { outbox: [] as unknown[], dead: [] as unknown[], meta: {} as Record<string, unknown>, now: Date.now() };
      const exists = (await indexedDB.databases()).some((d) => d.name === name);
      if (!exists) return view;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open(name);
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      try {
        const all = (store: string) =>
          new Promise<[IDBValidKey[], unknown[]]>((resolve, reject) => {
            if (!db.objectStoreNames.contains(store)) return resolve([[], []]);
            const s = db.transaction(store, 'readonly').objectStore(store);
            const keys = s.getAllKeys();
            const values = s.getAll();
            values.onsuccess = () => resolve([keys.result, values.result]);
            values.onerror = () => reject(values.error);
          });
        // The lease lives beside the pause in the one `state` row; shown here on each record.
        const [keys, values] = await all('meta');
        keys.forEach((k, i) => Object.assign(view.meta, k === 'state' ? values[i] : { [String(k)]: values[i] }));
        const leases = (view.meta.leases ?? []) as { owner: string; until: number; keys: number[] }[];
        const records = (await all('queue'))[1] as { queuedAt: number }[];
        view.outbox = records.map((r) => {
          const lease = leases.find((l) => l.keys.includes(r.queuedAt) && l.until > view.now);
          return lease ? { ...(r as object), lease: { owner: lease.owner, until: lease.until } } : r;
        });
        view.dead = (await all('dead'))[1];
      } finally {
        db.close();
      }
      return view;
    }, dbName) as Promise<IdbView>,
    10_000,
    'read IndexedDB',
  );
}

// ---------------------------------------------------------------------------------------------
// Proxy + fake Amplitude (+ tap)

export interface TapRecord {
  method: string;
  path: string;
  origin?: string;
  contentType?: string;
  bytes: number;
  body: string;
  at: number;
  /** The proxy's status; 0 when the proxy was unreachable or the tap was down. */
  status: number;
  /** POSTs in flight through the tap when this one started (itself included). */
  concurrent: number;
}

/**
 * A recording pass-through in front of the proxy: what the browser sent (method, content type,
 * size, body) and what the proxy answered. `down = true` makes it drop every connection, like
 * a host that accepts and resets (the browser sees a network error).
 */
export interface Tap {
  url: string;
  port: number;
  records: TapRecord[];
  posts(): TapRecord[];
  maxConcurrentPosts: number;
  down: boolean;
  close(): Promise<void>;
}

export async function startTap(targetPort: () => number): Promise<Tap> {
  let inFlight = 0;
  const tap: Omit<Tap, 'url' | 'port' | 'close'> = {
    records: [],
    posts: () => tap.records.filter((r) => r.method === 'POST'),
    maxConcurrentPosts: 0,
    down: false,
  };
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const isPost = req.method === 'POST';
      if (isPost) tap.maxConcurrentPosts = Math.max(tap.maxConcurrentPosts, ++inFlight);
      const record: TapRecord = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        origin: req.headers.origin,
        contentType: req.headers['content-type'],
        bytes: raw.length,
        body: raw.toString('utf8'),
        at: Date.now(),
        status: 0,
        concurrent: inFlight,
      };
      tap.records.push(record);
      const done = () => {
        if (isPost) inFlight--;
      };
      if (tap.down) {
        done();
        return req.socket.destroy();
      }
      // A fresh connection per request (agent: false): a pooled socket that the proxy closes
      // while idle would turn into a reset the browser never caused.
      const upstream = httpRequest(
        { host: '127.0.0.1', port: targetPort(), method: req.method, path: req.url, headers: req.headers, agent: false },
        (answer) => {
          const body: Buffer[] = [];
          answer.on('data', (c: Buffer) => body.push(c));
          answer.on('end', () => {
            record.status = answer.statusCode ?? 0;
            done();
            if (!res.destroyed) res.writeHead(record.status, answer.headers).end(Buffer.concat(body));
          });
          answer.on('error', () => (done(), req.socket.destroy()));
        },
      );
      upstream.on('error', () => (done(), req.socket.destroy())); // proxy unreachable: so is the tap
      upstream.end(raw);
    });
  };
  const server = createServer(handle);
  const port = await listen(server);
  return Object.assign(tap, { url: `http://127.0.0.1:${port}`, port, close: () => closeServer(server) }) as Tap;
}

export interface Stack {
  fake: FakeAmplitude;
  proxy: RunningProxy | undefined;
  /** The URL the page posts to: the tap when there is one, else the proxy. */
  endpoint: string;
  tap?: Tap;
  /** Stops the proxy (its port becomes unreachable). */
  stopProxy(): Promise<void>;
  /** Starts a proxy on the same port as before (or the first one). */
  startProxy(allowedOrigins?: readonly string[]): Promise<void>;
}

export interface StackOptions {
  /** The page origin(s) the proxy allows. */
  allowedOrigins: readonly string[];
  tap?: boolean;
}

/** Fake Amplitude, the real proxy in front of it, and optionally a tap in front of the proxy. */
export async function startStack(cleanup: Cleanup, options: StackOptions): Promise<Stack> {
  const fake = await startFakeAmplitude();
  cleanup.defer('fake amplitude', () => fake.close());
  let port = 0;
  const stack: Stack = {
    fake,
    proxy: undefined,
    endpoint: '',
    async stopProxy() {
      const p = stack.proxy;
      stack.proxy = undefined;
      await p?.close();
    },
    async startProxy(allowedOrigins = options.allowedOrigins) {
      if (stack.proxy) throw new Error('the proxy is already running');
      stack.proxy = await serve({
        destinations: [amplitude({ apiKey: 'amp-key', secretKey: 'amp-secret', sourceId: 'src-1', baseUrl: fake.url })],
        port,
        allowedOrigins,
        rateLimit: false,
        logger: silentLogger,
        embedScript: readScriptTagFile,
      });
      port = stack.proxy.port;
    },
  };
  await stack.startProxy();
  cleanup.defer('proxy', () => stack.stopProxy());
  if (options.tap) {
    stack.tap = await startTap(() => port);
    cleanup.defer('tap', () => stack.tap!.close());
  }
  stack.endpoint = `${stack.tap?.url ?? stack.proxy!.url}/v1/feedback`;
  return stack;
}

/** Upstream write requests per `unique_id`: every 200 the fake answered to an ingest call. */
export function writesById(fake: FakeAmplitude): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of fake.calls) {
    if (!call.path.startsWith(INGEST_PATH) || call.status !== 200 || call.fault) continue;
    for (const item of (call.body as { items?: { unique_id: string }[] }).items ?? [])
      counts.set(item.unique_id, (counts.get(item.unique_id) ?? 0) + 1);
  }
  return counts;
}

/** Every request the fake saw on the ingest path (faults included). */
export const upstreamRequests = (fake: FakeAmplitude) => fake.calls.filter((c) => c.path.startsWith(INGEST_PATH)).length;

/** The ids the fake has stored (its deduped view). */
export const storedIds = (fake: FakeAmplitude) => fake.stored().map((s) => s.unique_id);

/** A feedback input with an id chosen by the test, so it can be followed end to end. */
export function feedback(id: string, body = `Feedback ${id}`, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, kind: 'feedback', body, ...extra };
}

export const newId = (tag: string) => `${tag}-${crypto.randomUUID()}`;

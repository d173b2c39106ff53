/**
 * The page's lifecycle as triggers of delivery: loaded (a look at the outbox in idle time), and,
 * once this tab has a flusher (it sent something, or the look found an outbox), back online,
 * hidden (a beacon) and shown again. Before that, the tab has nothing of its own to send.
 */
import type { Flusher } from './flusher.js';

export interface PageWatchOptions {
  flusher: Flusher;
  random: () => number;
  /** Aborting it removes every listener. */
  signal: AbortSignal;
}

/** Delivers on the page's events, for as long as `signal` is not aborted. */
export function watchPage(win: Window, { flusher, random, signal }: PageWatchOptions): void {
  const doc = win.document;
  const listen = (target: EventTarget, type: string, listener: () => void) => target.addEventListener(type, listener, { signal });
  let hidden = false;
  const hide = () => {
    if (hidden) return;
    hidden = true;
    flusher.beacon();
  };

  // Back online: what failed offline goes now, not after its backoff. Not at once, which fails with
  // ERR_NETWORK_CHANGED (Amplitude), and spread over 1–3 s so tabs and users do not all come together.
  listen(win, 'online', () => flusher.schedule(1_000 + random() * 2_000, { force: true }));
  listen(win, 'pagehide', hide);
  listen(doc, 'visibilitychange', () => {
    if (doc.visibilityState === 'hidden') return hide();
    hidden = false;
    void flusher.flush();
  });
}

export interface LoadLookOptions {
  /** The outbox's database: a visitor without one has nothing to look at on load. */
  dbName: string;
  indexedDB?: IDBFactory;
  /** Delivers what waits in the outbox found, making the flusher. */
  deliver(): void;
  signal: AbortSignal;
}

/**
 * The load-time look at the outbox: it waits for the host page, then for idle time; and a visitor
 * who never queued anything has no outbox to look at, so no lock, database or transaction.
 */
export function lookOnLoad(win: Window, { dbName, indexedDB, deliver, signal }: LoadLookOptions): void {
  const doc = win.document;
  const look = async () => {
    if (signal.aborted) return;
    let databases: IDBDatabaseInfo[] | undefined;
    try {
      databases = await (indexedDB ?? globalThis.indexedDB).databases?.();
    } catch {
      // No IndexedDB, or a SecurityError for touching it: the flush says so.
    }
    if (!databases || databases.some((database) => database.name === dbName)) deliver();
  };
  const whenIdle = () => {
    if ('requestIdleCallback' in win) win.requestIdleCallback(look, { timeout: 3_000 });
    else setTimeout(look, 1_000);
  };
  if (doc.readyState === 'complete') whenIdle();
  else win.addEventListener('load', whenIdle, { once: true, signal });
}

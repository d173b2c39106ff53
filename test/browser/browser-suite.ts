/**
 * The set-up every Chromium test file shares: one browser and one server of the file's choice,
 * started before its tests and closed after them, and a `Cleanup` run after each test for what
 * that test started (contexts, proxies, stacks), even when it failed.
 *
 * Started in beforeAll, not at the file's top level like the fake upstreams (test/proxy/helpers.ts),
 * because Chromium is a process of its own: should the server fail to start, afterAll still
 * closes the browser, which it would not after a failed import. Its own file, not harness.ts,
 * because it registers vitest hooks and bench/ and scripts/ import harness.ts outside vitest.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { Cleanup, launchBrowser } from './harness.js';

export type ContextOptions = Parameters<Browser['newContext']>[0];

export interface BrowserSuite<Server> {
  /** The file's Chromium (read it in a test or hook: it is launched in beforeAll). */
  readonly browser: Browser;
  /** The file's server, started in beforeAll beside the browser. */
  readonly server: Server;
  /** What the running test started; run and emptied after each test. */
  readonly cleanup: Cleanup;
  /** A fresh browser context, closed after the test. */
  newContext(options?: ContextOptions): Promise<BrowserContext>;
  /** A fresh context and one page in it, waits bounded at 10 s (navigations at 15 s), closed after the test. */
  newPage(options?: ContextOptions): Promise<{ context: BrowserContext; page: Page }>;
}

/** Registers the hooks of a Chromium test file; call it once, at the top level of the file. */
export function browserSuite<Server extends { close(): Promise<void> }>(startServer: () => Promise<Server>): BrowserSuite<Server> {
  let browser: Browser | undefined;
  let server: Server | undefined;
  const cleanup = new Cleanup();

  // Each is kept as soon as it is up, so that afterAll closes it even when the other failed to start.
  beforeAll(async () => {
    await Promise.all([launchBrowser().then((launched) => (browser = launched)), startServer().then((up) => (server = up))]);
  });
  afterAll(() => Promise.all([server?.close(), browser?.close()]));
  afterEach(() => cleanup.run());

  function started<T>(value: T | undefined, what: string): T {
    if (value === undefined) throw new Error(`the suite's ${what} is not started: read it inside a test or hook, not at the top of the file`);
    return value;
  }

  async function newContext(options: ContextOptions = {}): Promise<BrowserContext> {
    const context = await started(browser, 'browser').newContext(options);
    cleanup.defer('browser context', () => context.close());
    return context;
  }

  async function newPage(options: ContextOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
    const context = await newContext(options);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.setDefaultNavigationTimeout(15_000);
    return { context, page };
  }

  return {
    get browser() {
      return started(browser, 'browser');
    },
    get server() {
      return started(server, 'server');
    },
    cleanup,
    newContext,
    newPage,
  };
}

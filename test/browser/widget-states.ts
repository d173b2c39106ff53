/**
 * Every state of the widget a person can see, and how to reach each one in real Chromium:
 * `npm run shots` renders them all to PNGs, and test/browser/widget-looks.test.ts checks them
 * all (axe, targets, viewport) at both widths, light, dark and forced colors.
 *
 * One 127.0.0.1 server holds everything: an article page with the script tag (`/`), the same
 * page with the custom elements from the npm entry (`/elements`, Preact and idb-keyval by an
 * import map), and feedback endpoints with fixed answers: `/v1/ok` (every item delivered),
 * `/v1/busy` (503), `/v1/refused` (the proxy's 403 for a refused origin).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type StaticServer, startStaticServer, waitForEarful, waitForUiModule } from './widget-harness.js';

export type Width = 1280 | 375;
export type Scheme = 'light' | 'dark' | 'forced';
export type Endpoint = 'ok' | 'busy' | 'refused';

export interface WidgetState {
  name: string;
  /** `script`: the script tag (the default); `elements`: the custom elements in place. */
  page?: 'script' | 'elements';
  endpoint?: Endpoint;
  /** The browser is offline from the start. */
  offline?: boolean;
  /** IndexedDB refuses to open (a private mode): the outbox runs in memory. */
  memoryOnly?: boolean;
  /** From a loaded page to the state. */
  reach(page: Page): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Steps, by role and label only

const launcher = (page: Page) => page.getByRole('button', { name: 'Feedback' });
const dialog = (page: Page) => page.getByRole('dialog');

async function openDialog(page: Page) {
  await launcher(page).click();
  await dialog(page).waitFor();
}

async function writeAndSend(page: Page) {
  await openDialog(page);
  await dialog(page).getByRole('textbox', { name: /^Message/ }).fill('The export button does nothing on Safari.');
  await dialog(page).getByRole('button', { name: 'Send' }).click();
  await dialog(page).getByRole('status').waitFor();
}

const command = (page: Page, name: string) => page.evaluate((n) => (window as unknown as { Earful(c: string): void }).Earful(n), name);

async function showPrompt(page: Page, kind: 'nps' | 'csat') {
  await command(page, kind);
  await page.getByRole('radiogroup').waitFor();
}

async function chooseScore(page: Page, score: string) {
  await page.getByRole('radio', { name: score, exact: true }).check();
  await page.getByRole('textbox').waitFor();
}

export const STATES: WidgetState[] = [
  { name: 'launcher', reach: async () => {} },
  { name: 'dialog', reach: openDialog },
  {
    name: 'dialog-typed',
    reach: async (page) => {
      await openDialog(page);
      await dialog(page).getByRole('textbox', { name: 'Email' }).fill('ada@example.org');
      await dialog(page).getByRole('textbox', { name: /^Message/ }).fill('The sync indicator stays orange after the upload finished.');
    },
  },
  {
    name: 'dialog-error',
    reach: async (page) => {
      await openDialog(page);
      await dialog(page).getByRole('textbox', { name: 'Email' }).fill('ada@');
      await dialog(page).getByRole('button', { name: 'Send' }).click();
      await dialog(page).locator('[aria-invalid="true"]').first().waitFor();
    },
  },
  { name: 'sent', endpoint: 'ok', reach: writeAndSend },
  { name: 'saved-offline', offline: true, reach: writeAndSend },
  { name: 'saved-busy', endpoint: 'busy', reach: writeAndSend },
  { name: 'saved-memory', endpoint: 'busy', memoryOnly: true, reach: writeAndSend },
  { name: 'refused', endpoint: 'refused', reach: writeAndSend },
  { name: 'nps', reach: (page) => showPrompt(page, 'nps') },
  {
    name: 'nps-follow-up',
    reach: async (page) => {
      await showPrompt(page, 'nps');
      await chooseScore(page, '8');
      await page.getByRole('textbox').fill('Sync just works, even on the train.');
    },
  },
  {
    name: 'nps-thanks',
    endpoint: 'ok',
    reach: async (page) => {
      await showPrompt(page, 'nps');
      await chooseScore(page, '9');
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByRole('status').waitFor();
    },
  },
  {
    name: 'csat',
    reach: async (page) => {
      await showPrompt(page, 'csat');
      await chooseScore(page, '4');
    },
  },
  { name: 'inline-form', page: 'elements', reach: (page) => page.getByRole('textbox', { name: /^Message/ }).waitFor() },
];

// ---------------------------------------------------------------------------------------------
// The pages

const ARTICLE = `<h1>Offline sync is here</h1>
<p>Your notes now save on the device first and sync when the connection comes back. Nothing you type is lost on a train, a plane, or a flaky café network.</p>
<p>Conflicts are merged line by line. When two edits touch the same line, both versions are kept and marked so you can choose. The sync indicator in the toolbar shows what is still waiting to upload.</p>
<p>Tell us how it works for you. We read every message.</p>`;

const PAGE_CSS = `body { margin: 0; font: 16px/1.6 system-ui, sans-serif; color: #1d1d1f; background: #fff; }
main { max-width: 680px; margin: 0 auto; padding: 40px 24px 160px; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 16px; }
@media (prefers-color-scheme: dark) { body { background: #111; color: #ddd; } }`;

function page(head: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Offline sync is here</title><style>${PAGE_CSS}</style>${head}</head>
<body><main>${body}</main></body></html>`;
}

const require = createRequire(import.meta.url);
/** The npm entry's imports, as ES modules a browser can load. */
const IMPORTS = {
  preact: require.resolve('preact'),
  'preact/jsx-runtime': require.resolve('preact/jsx-runtime'),
  'idb-keyval': require.resolve('idb-keyval').replace(/\.cjs$/, '.js'),
};

export interface StatesServer {
  server: StaticServer;
  /** The page for `state`, its endpoint in the query. */
  url(state: WidgetState): string;
  close(): Promise<void>;
}

export async function startStatesServer(): Promise<StatesServer> {
  const server = await startStaticServer();
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  server.route('/v1/ok', (_url, body) => {
    const items = (JSON.parse(body || '{"items":[]}') as { items: { id: string }[] }).items;
    return json(200, { results: items.map(({ id }) => ({ id, status: 'delivered' })) });
  });
  server.route('/v1/busy', json(503, { error: 'upstream unavailable' }, { 'retry-after': '120' }));
  server.route('/v1/refused', json(403, { error: 'origin not allowed', code: 'origin_not_allowed' }));

  const moduleUrls: Record<string, string> = {};
  for (const [name, file] of Object.entries(IMPORTS)) {
    const path = `/modules/${name.replace('/', '-')}.mjs`;
    server.route(path, { body: readFileSync(file, 'utf8') });
    moduleUrls[name] = path;
  }
  server.route('/index.js', { body: readFileSync(new URL('../../dist/index.js', import.meta.url), 'utf8') });

  server.route('/', (url) => ({
    body: page(`<script src="/earful.js" data-endpoint="/v1/${url.searchParams.get('endpoint') ?? 'ok'}" async></script>`, ARTICLE),
  }));
  server.route('/elements', (url) => {
    const endpoint = `/v1/${url.searchParams.get('endpoint') ?? 'ok'}`;
    return {
      body: page(
        `<script type="importmap">${JSON.stringify({ imports: moduleUrls })}</script>
<script type="module">import { defineElements } from '/index.js'; defineElements();</script>`,
        `<h1>Settings</h1><p>Tell us what would make this page better.</p>
<earful-feedback endpoint="${endpoint}" inline></earful-feedback>`,
      ),
    };
  });
  return {
    server,
    url: (state) => `${server.origin}/${state.page === 'elements' ? 'elements' : ''}?endpoint=${state.endpoint ?? 'ok'}`,
    close: () => server.close(),
  };
}

/** Refuses IndexedDB before any page script runs, as a private mode or a blocked storage does. */
const BLOCK_INDEXEDDB = `IDBFactory.prototype.open = function () { throw new DOMException('storage is blocked here', 'SecurityError'); };`;

/** A fresh context at `width` in `scheme`, on the state's page, the widget loaded; the state not reached yet. */
export async function openPage(
  browser: Browser,
  states: StatesServer,
  state: WidgetState,
  width: Width,
  scheme: Scheme,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: width === 1280 ? { width: 1280, height: 800 } : { width: 375, height: 740 },
    deviceScaleFactor: width === 1280 ? 1 : 2,
    colorScheme: scheme === 'dark' ? 'dark' : 'light',
    forcedColors: scheme === 'forced' ? 'active' : 'none',
    reducedMotion: 'reduce',
  });
  if (state.memoryOnly) await context.addInitScript({ content: BLOCK_INDEXEDDB });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(states.url(state));
  if (state.page === 'elements') await page.locator('earful-feedback').waitFor();
  else {
    await waitForEarful(page);
    await launcher(page).waitFor();
  }
  if (state.offline) {
    // The dialog's module is in before the network goes, as on a page that has been open a moment.
    await waitForUiModule(page);
    await context.setOffline(true);
  }
  return { context, page };
}

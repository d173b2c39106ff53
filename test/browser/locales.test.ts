// @vitest-environment node
// Languages in real Chromium: a product page on one 127.0.0.1 origin loads the built
// `earful.js` from the proxy on another, as a customer's page does; the widget fetches the one
// translation it needs from beside the script (the proxy serves it with ACAO *), falls back to
// English at once when it cannot, and needs nothing under a strict CSP with Trusted Types but
// `connect-src` for the script's origin.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import ar from '../../src/locales/ar.js';
import ja from '../../src/locales/ja.js';
import { local, memorySink } from '../../src/proxy/local.js';
import { silentLogger } from '../../src/proxy/log.js';
import { type LocaleFiles } from '../../src/proxy/locale-route.js';
import { type RunningProxy, serve } from '../../src/proxy/node/index.js';
import { builtFiles } from '../../src/proxy/node/built-files.js';
import { LOCALE_WAIT_MS } from '../../src/ui/i18n/widget-language.js';
import { browserSuite } from './browser-suite.js';
import { readScriptTagFile, sleep, waitFor } from './harness.js';
import {
  MARK_STUB,
  STUB,
  cspViolations,
  recordCspViolations,
  startStaticServer,
  waitForEarful,
  watchConsole,
} from './widget-harness.js';

const suite = browserSuite(startStaticServer);
let pageNo = 0;

const BUILT_LOCALES = builtFiles(new URL('../../dist/locales/', import.meta.url));

/** The proxy on its own origin, serving the built script and, through `files`, its locale files; every locale request is noted. */
async function startProxy(files: LocaleFiles = BUILT_LOCALES) {
  const asked: string[] = [];
  const proxy: RunningProxy = await serve({
    destinations: [local({ sink: memorySink() })],
    port: 0,
    allowedOrigins: [suite.server.origin],
    logger: silentLogger,
    embedScript: readScriptTagFile,
    localeFile: (name) => (asked.push(name), files(name)),
  });
  suite.cleanup.defer('proxy', () => proxy.close());
  return { proxy, asked };
}

interface PageOptions {
  lang: string;
  /** Response headers of the page (a CSP). */
  headers?: Record<string, string>;
  /** Extra attributes on the script tag. */
  attrs?: string;
}

/**
 * A product page on the static origin whose script tag points at the proxy's `/earful.js`,
 * declared with data-* only (no inline script, so a strict CSP needs no nonce for it). The
 * probe notes when the page parsed and when the launcher first had a label.
 */
async function openProductPage(proxy: RunningProxy, { lang, headers, attrs = '' }: PageOptions) {
  const boot = suite.server.route(`/boot${++pageNo}.js`, { body: `${STUB} ${MARK_STUB}` });
  const url = suite.server.route(
    `/product${pageNo}`,
    {
      body: `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Product</title><script src="${boot}"></script></head>
<body><main><h1>Acme</h1><p>Our product page.</p></main>
<script src="${proxy.url}/earful.js" data-endpoint="${proxy.url}/v1/feedback" ${attrs} async></script></body></html>`,
      headers,
    },
  );
  const { page } = await suite.newPage();
  const consoleLines = watchConsole(page);
  await page.addInitScript(recordCspViolations);
  await page.addInitScript(() => {
    const w = window as unknown as { __parsedAt?: number; __launcherAt?: number };
    document.addEventListener('DOMContentLoaded', () => (w.__parsedAt = performance.now()));
    const look = () => {
      const button = document.querySelector('earful-widget')?.shadowRoot?.querySelector('button');
      if (button?.textContent) w.__launcherAt = performance.now();
      else setTimeout(look, 5);
    };
    look();
  });
  return { page, consoleLines, goto: () => page.goto(url) };
}

/** The launcher, whatever its language: the widget's first button (playwright's CSS pierces its open shadow root). */
const launcher = (page: Page) => page.locator('earful-widget button').first();

/** What the widget says and how, read through its open shadow root. */
const widgetLanguage = (page: Page) =>
  launcher(page).evaluate((button) => {
    const section = button.closest('section')!;
    const rect = button.getBoundingClientRect();
    return { label: button.textContent, lang: section.lang, dir: section.dir, left: rect.left < innerWidth / 2 };
  });

/** Milliseconds from the page having parsed to the launcher having a label. */
const launcherDelay = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { __parsedAt: number; __launcherAt: number };
    return w.__launcherAt - w.__parsedAt;
  });

async function started(page: Page) {
  await waitForEarful(page);
  await waitFor(() => page.evaluate(() => (window as unknown as { __launcherAt?: number }).__launcherAt !== undefined), {
    timeoutMs: 10_000,
    label: 'the launcher to have a label',
  });
}

describe('the page’s language, across origins', () => {
  it('speaks Japanese on <html lang="ja">, fetching ja.json and nothing else from beside earful.js', async () => {
    const { proxy, asked } = await startProxy();
    const { page, consoleLines, goto } = await openProductPage(proxy, { lang: 'ja' });
    await goto();
    await started(page);
    expect(await widgetLanguage(page)).toEqual({ label: ja.feedback, lang: 'ja', dir: 'ltr', left: false });
    expect(asked).toEqual(['ja.json']);
    await launcher(page).click();
    await page.getByRole('dialog', { name: ja.title }).waitFor();
    await page.getByRole('textbox', { name: ja.message }).fill('検索が遅いです');
    await page.getByRole('button', { name: ja.send, exact: true }).click();
    await page.getByText(ja.sent).waitFor();
    expect(consoleLines).toEqual([]);
  });

  it('speaks Arabic right to left on <html lang="ar">, the launcher in the mirrored corner', async () => {
    const { proxy } = await startProxy();
    const { page, goto } = await openProductPage(proxy, { lang: 'ar' });
    await goto();
    await started(page);
    expect(await widgetLanguage(page)).toEqual({ label: ar.feedback, lang: 'ar', dir: 'rtl', left: true });
  });

  it('puts data-locale before the page’s lang', async () => {
    const { proxy, asked } = await startProxy();
    const { page, goto } = await openProductPage(proxy, { lang: 'ja', attrs: 'data-locale="ar-EG"' });
    await goto();
    await started(page);
    expect((await widgetLanguage(page)).lang).toBe('ar');
    expect(asked).toEqual(['ar.json']);
  });

  it('fetches nothing for an English page', async () => {
    const { proxy, asked } = await startProxy();
    const { page, goto } = await openProductPage(proxy, { lang: 'en-GB' });
    await goto();
    await started(page);
    expect((await widgetLanguage(page)).label).toBe('Feedback');
    await sleep(200);
    expect(asked).toEqual([]);
  });
});

describe('when the translation cannot be had', () => {
  it('shows the launcher in English at once when the file is unreachable (offline)', async () => {
    const { proxy, asked } = await startProxy();
    const { page, goto } = await openProductPage(proxy, { lang: 'ja' });
    // The network drops the translation's request, as it would offline: the script itself came through.
    await page.route('**/locales/*.json', (route) => route.abort('internetdisconnected'));
    await goto();
    await started(page);
    expect(await widgetLanguage(page)).toMatchObject({ label: 'Feedback', lang: 'en', dir: 'ltr' });
    expect(await launcherDelay(page)).toBeLessThan(LOCALE_WAIT_MS / 2);
    expect(asked).toEqual([]);
  });

  it('shows the launcher in English at once when the proxy has no such file', async () => {
    const { proxy, asked } = await startProxy(async () => undefined);
    const { page, goto } = await openProductPage(proxy, { lang: 'ja' });
    await goto();
    await started(page);
    expect((await widgetLanguage(page)).label).toBe('Feedback');
    expect(await launcherDelay(page)).toBeLessThan(LOCALE_WAIT_MS / 2);
    expect(asked).toEqual(['ja.json']);
  });

  it('waits no longer than a second for a translation that hangs, then speaks English', async () => {
    const { proxy } = await startProxy(() => new Promise(() => {}));
    const { page, goto } = await openProductPage(proxy, { lang: 'ja' });
    await goto();
    await started(page);
    expect((await widgetLanguage(page)).label).toBe('Feedback');
    const delay = await launcherDelay(page);
    expect(delay).toBeGreaterThanOrEqual(LOCALE_WAIT_MS - 50);
    expect(delay).toBeLessThan(LOCALE_WAIT_MS + 1_500);
  });
});

describe('under a strict CSP with Trusted Types', () => {
  const csp = (connect: string) =>
    `default-src 'self'; script-src 'self' ${connect}; style-src 'self'; connect-src ${connect}; require-trusted-types-for 'script'`;

  it("loads the translation with connect-src for the script's origin, and violates nothing", async () => {
    const { proxy } = await startProxy();
    const { page, consoleLines, goto } = await openProductPage(proxy, { lang: 'ja', headers: { 'content-security-policy': csp(proxy.url) } });
    const response = await goto();
    expect(response!.headers()['content-security-policy']).toContain("require-trusted-types-for 'script'");
    await started(page);
    expect((await widgetLanguage(page)).label).toBe(ja.feedback);
    await launcher(page).click();
    await page.getByRole('dialog', { name: ja.title }).waitFor();
    await sleep(200);
    expect(await cspViolations(page)).toEqual([]);
    expect(consoleLines).toEqual([]);
  });

  it('control: without that origin in connect-src the fetch is refused (a connect-src violation) and the widget speaks English', async () => {
    const { proxy, asked } = await startProxy();
    const otherwise = `default-src 'self'; script-src 'self' ${proxy.url}; style-src 'self'; connect-src 'self'; require-trusted-types-for 'script'`;
    const { page, goto } = await openProductPage(proxy, { lang: 'ja', headers: { 'content-security-policy': otherwise } });
    await goto();
    await started(page);
    expect((await widgetLanguage(page)).label).toBe('Feedback');
    const violations = await waitFor(async () => (await cspViolations(page)).filter((v) => v.directive === 'connect-src').length > 0 && cspViolations(page), {
      timeoutMs: 3_000,
      label: 'a connect-src violation',
    });
    expect(violations.map((v) => v.blockedURI)).toContain(`${proxy.url}/locales/ja.json`);
    expect(asked).toEqual([]);
  });
});

// @vitest-environment node
// The widget in real Chromium (issue 4, "Tests → Real Chromium"): the built script tag
// `dist/earful.js` on host pages served from one 127.0.0.1 origin, the real proxy on another,
// the fake Amplitude behind it. The widget is found by role, label and text only (its markup
// and classes are free to change); every wait is bounded; servers and browsers are closed in
// afterEach/afterAll even when a test fails.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSuite } from './browser-suite.js';
import { Cleanup, type Stack, earful, scriptTagFiles, sleep, startStack, upstreamRequests, waitFor, writesById } from './harness.js';
import {
  type AxeResults,
  type CspViolation,
  DEFAULT_MAIN,
  MARK_STUB,
  STUB,
  alphaOf,
  computedSnapshot,
  cspViolations,
  describeViolations,
  dialog,
  focusInfo,
  hostPage,
  inShadow,
  launcher,
  luminance,
  markFocusTarget,
  settled,
  message,
  pressUntil,
  recordCspViolations,
  runAxe,
  sendButton,
  startStaticServer,
  statusText,
  waitForEarful,
  waitForUiModule,
  watchConsole,
} from './widget-harness.js';

const suite = browserSuite(startStaticServer);
const { newPage } = suite;
let routeNo = 0;

/** Fake Amplitude + real proxy, allowing the static server's origin (another origin than the proxy's). */
const stack = (tap = false): Promise<Stack> => startStack(suite.cleanup, { allowedOrigins: [suite.server.origin], tap });

/** Serves `html` at a fresh path of the static origin; returns its URL. */
const serveHtml = (html: string, headers?: Record<string, string>) => suite.server.route(`/p${++routeNo}`, { body: html, headers });

const initCall = (options: Record<string, unknown>) => `Earful('init', ${JSON.stringify(options)});`;

/** A host page that inits the widget with `options`, open in a fresh context, the real Earful loaded. */
async function hostWith(options: Record<string, unknown>, page: Partial<Parameters<typeof hostPage>[0]> = {}) {
  const url = serveHtml(hostPage({ ...page, boot: `${initCall(options)}\n${page.boot ?? ''}` }));
  const opened = await newPage();
  await opened.page.goto(url);
  await waitForEarful(opened.page);
  await launcher(opened.page).waitFor({ state: 'visible' });
  return opened;
}

const storedWithBody = (s: Stack, body: string) => s.fake.stored().filter((i) => i.body === body);

// ---------------------------------------------------------------------------------------------

describe('keyboard-only feedback across origins', () => {
  it('opens by Tab + Enter, submits by keyboard, says "sent" and the upstream gets the body exactly once', async () => {
    const s = await stack(true);
    expect(new URL(s.endpoint).origin).not.toBe(suite.server.origin);
    const { page } = await hostWith({ endpoint: s.endpoint });

    // Tab from the top of the page: past the host's own button, onto the launcher.
    await markFocusTarget(launcher(page));
    const path = await pressUntil(page, 'Tab', (f) => f.isMarked, 6);
    expect(path.at(-1)).toMatchObject({ tag: 'button', inShadow: true });
    await page.keyboard.press('Enter');
    await dialog(page).waitFor({ state: 'visible' });
    // Focus moved into the dialog, on the message field.
    expect(await focusInfo(page)).toMatchObject({ tag: 'textarea', inDialog: true });

    const text = `Typed without a mouse ${randomUUID()}`;
    await page.keyboard.type(text);
    expect(await message(page).inputValue()).toBe(text);
    await markFocusTarget(sendButton(page));
    await pressUntil(page, 'Tab', (f) => f.isMarked, 6);
    await page.keyboard.press('Enter');

    const said = await statusText(page);
    expect(said).toMatch(/\bsent\b/i);
    expect(said).not.toMatch(/saved|offline|not sent|error|fail/i);

    await waitFor(() => storedWithBody(s, text).length > 0, { timeoutMs: 10_000, label: 'the upstream to store the body' });
    await sleep(1_000); // room for a (wrong) second send
    const items = storedWithBody(s, text);
    expect(items).toHaveLength(1);
    expect(writesById(s.fake).get(items[0]!.unique_id)).toBe(1);
    // What the browser itself sent: one cross-origin POST carrying the body, from the page's origin.
    const posts = s.tap!.posts().filter((p) => p.body.includes(text));
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ origin: suite.server.origin, status: 200 });
  }, 30_000);
});

describe('offline', () => {
  it('says "Saved" (never "sent") while offline, then delivers once when back online', async () => {
    const s = await stack();
    const { context, page } = await hostWith(
      { endpoint: s.endpoint },
      { boot: `window.__delivered = []; Earful('on', 'delivered', (d) => __delivered.push(d));` },
    );
    await waitForUiModule(page);
    await context.setOffline(true);
    await launcher(page).click();
    const text = `Written in a tunnel ${randomUUID()}`;
    await message(page).fill(text);
    await sendButton(page).click();

    const said = await statusText(page);
    expect(said).toMatch(/saved/i);
    // The only "sent" allowed is the promise of a later send ("it will be sent …").
    expect(said.replace(/will be sent/gi, '')).not.toMatch(/\bsent\b|thanks/i);
    expect(upstreamRequests(s.fake)).toBe(0);

    await context.setOffline(false); // no flush() call: the widget's client must notice by itself
    await waitFor(() => storedWithBody(s, text).length > 0, { timeoutMs: 15_000, label: 'delivery after going online' });
    await sleep(1_000);
    const items = storedWithBody(s, text);
    expect(items).toHaveLength(1);
    expect(writesById(s.fake).get(items[0]!.unique_id)).toBe(1);
    const delivered = await page.evaluate(() => (window as unknown as { __delivered: { id: string }[] }).__delivered);
    expect(delivered.map((d) => d.id)).toEqual([items[0]!.unique_id]);
  }, 30_000);
});

// ---------------------------------------------------------------------------------------------

describe("the script tag's second file, earful-ui.js", () => {
  const uiRequests = () => suite.server.seen.filter((seen) => seen.startsWith('/earful-ui.js')).length;

  it('is fetched once, when the page is idle, not at the first click; the dialog then opens and saves with the network gone', async () => {
    const s = await stack();
    const before = uiRequests();
    const { context, page } = await hostWith({ endpoint: s.endpoint });
    await waitForUiModule(page);
    await context.setOffline(true);
    await launcher(page).click();
    await dialog(page).waitFor({ state: 'visible' });
    await message(page).fill(`Opened offline ${randomUUID()}`);
    await sendButton(page).click();
    expect(await statusText(page)).toMatch(/saved/i);
    await page.keyboard.press('Escape');
    await earful(page, 'nps');
    await page.getByRole('radiogroup', { name: /How likely/ }).waitFor({ state: 'visible' });
    expect(uiRequests() - before).toBe(1);
  }, 30_000);

  it('when it cannot be had, the launcher stays and the console names the file; a later click opens the dialog once it can', async () => {
    const s = await stack();
    const files = scriptTagFiles();
    let available = false;
    const asked: string[] = [];
    suite.server.route('/flaky/earful.js', { body: files.get('/earful.js')! });
    suite.server.route('/flaky/earful-ui.js', (url) => {
      asked.push(url.search);
      return available ? { body: files.get('/earful-ui.js')! } : { status: 503, body: 'down for a moment' };
    });
    const url = serveHtml(hostPage({ boot: initCall({ endpoint: s.endpoint }), script: false, head: '<script src="/flaky/earful.js?v=7" async></script>' }));
    const { page } = await newPage();
    const errors: string[] = [];
    page.on('console', (line) => line.type() === 'error' && line.text().startsWith('earful:') && errors.push(line.text()));
    await page.goto(url);
    await waitForEarful(page);
    await launcher(page).waitFor({ state: 'visible' });
    await waitFor(() => asked.length === 1, { timeoutMs: 5_000, label: 'the fetch ahead, when the page is idle' });
    expect(errors).toEqual([]); // a failed fetch ahead is quiet: nobody asked for the dialog yet

    await launcher(page).click();
    await waitFor(() => errors.length === 1, { timeoutMs: 5_000, label: 'the console error' });
    expect(errors[0]).toContain('/flaky/earful-ui.js');
    expect(await launcher(page).isVisible()).toBe(true);
    expect(await dialog(page).count()).toBe(0);

    available = true;
    await launcher(page).click();
    await dialog(page).waitFor({ state: 'visible' });
    expect(await launcher(page).isVisible()).toBe(false);
    // Each attempt under its own URL (a browser keeps a failed module failed), with the script's
    // ?v= and the build of earful-ui.js it was made with.
    const queries = asked.map((search) => Object.fromEntries(new URLSearchParams(search)));
    expect(queries).toEqual([
      { v: '7', build: expect.stringMatching(/^[0-9a-f]{12}$/) },
      { v: '7', build: queries[0]!.build, attempt: '2' },
      { v: '7', build: queries[0]!.build, attempt: '3' },
    ]);
  }, 30_000);
});

// ---------------------------------------------------------------------------------------------

describe('axe-core, light and dark', () => {
  let s: Stack;
  const stacks = new Cleanup();
  beforeAll(async () => {
    s = await startStack(stacks, { allowedOrigins: [suite.server.origin] });
  });
  afterAll(() => stacks.run());

  const cases = [
    { name: 'light: colorScheme system, OS light', os: 'light', option: undefined, dark: false },
    { name: 'dark: colorScheme system, OS dark', os: 'dark', option: undefined, dark: true },
    { name: "dark: colorScheme 'dark' on a light OS", os: 'light', option: 'dark', dark: true },
    { name: "light: colorScheme 'light' on a dark OS", os: 'dark', option: 'light', dark: false },
  ] as const;

  /** The widget's nodes axe checked (passes), by rule: proves the run went inside the shadow root. */
  const shadowPasses = (r: AxeResults): Record<string, string[]> =>
    Object.fromEntries(
      r.passes.map((rule) => [rule.id, rule.nodes.filter(inShadow).map((n) => n.html.slice(0, 60))] as const).filter(([, n]) => n.length),
    );

  it.each(cases)(
    'no violations with the dialog open, the NPS prompt shown, and its follow-up ($name)',
    async ({ os, option, dark }) => {
      const { page } = await hostWith({ endpoint: s.endpoint, ...(option ? { colorScheme: option } : {}) });
      await page.emulateMedia({ colorScheme: os });
      const found: string[] = [];
      const check = async (state: string, mustHaveChecked: RegExp) => {
        await settled(page); // axe reads colours: not in the middle of the fade-in
        const r = await runAxe(page);
        if (r.violations.length) found.push(`— ${state}:\n${describeViolations(r.violations)}`);
        const checked = shadowPasses(r);
        const htmls = Object.values(checked).flat().join('\n');
        expect(htmls, `axe checked no widget node matching ${mustHaveChecked} (${state})`).toMatch(mustHaveChecked);
        return { r, checked };
      };

      // The dialog.
      await launcher(page).click();
      await dialog(page).waitFor({ state: 'visible' });
      await settled(page);
      const bg = await dialog(page).evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(luminance(bg) < 0.2, `dialog background ${bg} should be ${dark ? 'dark' : 'light'}`).toBe(dark);
      const d = await check('dialog open', /<textarea/);
      expect(d.checked['color-contrast'] ?? [], 'text contrast was measured inside the shadow root').not.toEqual([]);
      expect(Object.keys(d.checked)).toEqual(expect.arrayContaining(['aria-dialog-name', 'label', 'button-name', 'target-size']));

      // The NPS prompt (non-modal): shown without taking focus from the page.
      await page.keyboard.press('Escape');
      await dialog(page).waitFor({ state: 'detached' });
      await page.locator('#host-button').focus();
      await earful(page, 'nps');
      const group = page.getByRole('radiogroup');
      await group.waitFor({ state: 'visible' });
      expect(await page.getByRole('radio').count()).toBe(11);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('host-button');
      const n = await check('NPS prompt', /type="radio"/);
      expect(n.checked['target-size']?.filter((html) => html.includes('radio')).length ?? 0, 'target size of the 11 radios').toBe(11);

      // Its follow-up comment, after a score.
      await page.getByRole('radio', { name: '7', exact: true }).check();
      await page.getByRole('textbox').first().waitFor({ state: 'visible' });
      await check('NPS follow-up', /<textarea/);

      expect(found, `axe violations in the widget:\n${found.join('\n')}`).toEqual([]);
    },
    30_000,
  );
});

// ---------------------------------------------------------------------------------------------

describe('focus trap and focus return', () => {
  it('keeps Tab and Shift+Tab inside the dialog; Escape and Close return focus to the launcher or to the page button that opened it', async () => {
    const s = await stack();
    const { page } = await hostWith(
      { endpoint: s.endpoint },
      { main: `${DEFAULT_MAIN}\n<button type="button" id="ask" onclick="Earful('open')">Tell us what you think</button>` },
    );

    const cycle = async (key: string) => {
      const seen = [];
      for (let i = 0; i < 10; i++) {
        await page.keyboard.press(key);
        const f = await focusInfo(page);
        expect(f.inDialog, `${key} #${i + 1} left the dialog for <${f.tag}> "${f.name}"`).toBe(true);
        seen.push(`${f.tag}:${f.name}`);
      }
      // It went round: more than one control, and back to one already visited.
      expect(new Set(seen).size).toBeGreaterThan(1);
      expect(new Set(seen).size).toBeLessThan(seen.length);
      return seen;
    };

    // 1. Opened from the launcher, by keyboard.
    await markFocusTarget(launcher(page));
    await pressUntil(page, 'Tab', (f) => f.isMarked, 6);
    await page.keyboard.press('Enter');
    await dialog(page).waitFor({ state: 'visible' });
    expect(await focusInfo(page)).toMatchObject({ tag: 'textarea', inDialog: true });
    const forward = await cycle('Tab');
    const backward = await cycle('Shift+Tab');
    // Shift+Tab visits the same controls as Tab.
    expect(new Set(backward)).toEqual(new Set(forward));
    await page.keyboard.press('Escape');
    await dialog(page).waitFor({ state: 'detached' });
    expect(await focusInfo(page)).toMatchObject({ isMarked: true });

    // 2. Opened by a page button calling Earful('open'): Escape returns focus to that button.
    await markFocusTarget(page.locator('#ask'));
    await page.locator('#ask').focus();
    await page.keyboard.press('Enter');
    await dialog(page).waitFor({ state: 'visible' });
    expect((await focusInfo(page)).inDialog).toBe(true);
    await cycle('Tab');
    await page.keyboard.press('Escape');
    await dialog(page).waitFor({ state: 'detached' });
    expect(await focusInfo(page)).toMatchObject({ tag: 'button', isMarked: true, inShadow: false });

    // 3. The same through the dialog's Close button, pressed by keyboard.
    await page.keyboard.press('Enter'); // focus is back on #ask
    await dialog(page).waitFor({ state: 'visible' });
    const close = dialog(page).getByRole('button', { name: /close/i });
    await markFocusTarget(close);
    await pressUntil(page, 'Shift+Tab', (f) => f.isMarked, 8);
    await markFocusTarget(page.locator('#ask'));
    await page.keyboard.press('Enter');
    await dialog(page).waitFor({ state: 'detached' });
    expect(await focusInfo(page)).toMatchObject({ isMarked: true });
  }, 30_000);
});

// ---------------------------------------------------------------------------------------------

/** `* { all: unset }`, a Tailwind-style preflight, and custom properties named like the widget's own. */
const HOSTILE_CSS = `
* { all: unset; }
head, script, style, title { display: none; }
*, ::before, ::after { box-sizing: border-box; border: 0 solid; margin: 0; padding: 0; }
:root { --a: red; --b: transparent; --t: transparent; --d: 0; --z: -1; }
html { line-height: 1.5; -webkit-text-size-adjust: 100%; tab-size: 4; font-family: ui-sans-serif, system-ui, sans-serif; }
body { display: block; margin: 0; line-height: inherit; font: 13px/1.2 Georgia, serif; color: #333; text-transform: uppercase; letter-spacing: .05em; text-align: center; cursor: crosshair; }
h1, h2, h3, p { display: block; font-size: inherit; font-weight: inherit; }
h1 { font-size: 2rem; font-weight: 800; }
a { color: inherit; text-decoration: inherit; }
button, input, select, textarea { font-family: inherit; font-size: 100%; font-weight: inherit; line-height: inherit; color: inherit; margin: 0; padding: 0; }
button, [type='button'], [type='submit'] { -webkit-appearance: button; background-color: transparent; background-image: none; }
button, [role='button'] { cursor: pointer; }
:disabled { cursor: default; }
textarea { resize: vertical; }
img, svg, video, canvas { display: block; vertical-align: middle; }
[hidden] { display: none; }
`;

/** Computed properties of the widget that host CSS must not change (font-family is inherited on purpose). */
const WIDGET_PROPS = [
  'display',
  'position',
  'visibility',
  'opacity',
  'z-index',
  'box-sizing',
  'background-color',
  'color',
  'border-top-width',
  'border-top-style',
  'border-top-left-radius',
  'padding-top',
  'padding-left',
  'min-height',
  'min-width',
  'font-size',
  'font-weight',
  'line-height',
  'text-transform',
  'letter-spacing',
  'text-align',
  'cursor',
  'bottom',
  'right',
  'outline-style',
] as const;

describe('hostile host CSS', () => {
  it("leaves the widget intact under `* { all: unset }` and a preflight, and the host's computed styles unchanged by mounting", async () => {
    const s = await stack();
    const css = suite.server.route('/hostile.css', { body: HOSTILE_CSS });
    const pick = (el: Element, props: readonly string[]) => {
      const cs = getComputedStyle(el);
      return Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)]));
    };
    const widgetStyles = async (page: Page) => ({
      launcher: await launcher(page).evaluate(pick, WIDGET_PROPS),
      ...(await (async () => {
        await launcher(page).click();
        await dialog(page).waitFor({ state: 'visible' });
        await settled(page);
        const r = {
          dialog: await dialog(page).evaluate(pick, WIDGET_PROPS),
          message: await message(page).evaluate(pick, WIDGET_PROPS),
          send: await sendButton(page).evaluate(pick, WIDGET_PROPS),
        };
        await page.keyboard.press('Escape');
        await dialog(page).waitFor({ state: 'detached' });
        return r;
      })()),
    });

    // The widget on a plain page: the reference.
    const plain = await hostWith({ endpoint: s.endpoint });
    const reference = await widgetStyles(plain.page);

    // The hostile page, first without the script at all.
    const host = ['html', 'body', 'main', 'h1', 'main > p', '#host-button'];
    const { page } = await newPage();
    await page.goto(serveHtml(hostPage({ head: `<link rel="stylesheet" href="${css}">`, script: false })));
    await page.waitForFunction(() => document.styleSheets.length === 1 && getComputedStyle(document.body).cursor === 'crosshair');
    const sheets = () =>
      page.evaluate(() => ({
        sheets: document.styleSheets.length,
        adopted: document.adoptedStyleSheets.length,
        head: document.head.children.length,
      }));
    const before = await computedSnapshot(page, host);
    const sheetsBefore = await sheets();
    expect(before['#host-button']!['background-color']).toBe('rgba(0, 0, 0, 0)'); // the preflight applies

    // Load, init (mount), open and close the dialog.
    await page.evaluate(() => {
      const tag = document.createElement('script');
      tag.src = '/earful.js';
      document.body.append(tag);
    });
    await waitForEarful(page);
    await earful(page, 'init', { endpoint: s.endpoint });
    await launcher(page).waitFor({ state: 'visible' });
    const mounted = await computedSnapshot(page, host);
    const hostile = await widgetStyles(page);
    // The launcher's box now: it hides while its dialog is open.
    const box = (await launcher(page).boundingBox())!;
    await launcher(page).click();
    await dialog(page).waitFor({ state: 'visible' });
    const opened = await computedSnapshot(page, host);

    // The host is untouched: no property of any of its elements changed, no global sheet added.
    for (const [when, snap] of [
      ['mounted', mounted],
      ['dialog open', opened],
    ] as const)
      for (const sel of host) {
        const diff = Object.keys(before[sel]!).filter((p) => before[sel]![p] !== snap[sel]![p]);
        expect(
          diff.map((p) => `${sel} ${p}: ${before[sel]![p]} → ${snap[sel]![p]}`),
          `host styles after ${when}`,
        ).toEqual([]);
      }
    expect(await sheets()).toEqual(sheetsBefore);

    // The widget is intact: the same computed styles as on the plain page, except the font it inherits.
    expect(hostile).toEqual(reference);
    const viewport = page.viewportSize()!;
    expect(box.width).toBeGreaterThanOrEqual(24);
    expect(box.height).toBeGreaterThanOrEqual(24);
    expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
    expect(alphaOf(hostile.launcher['background-color']!)).toBeGreaterThan(0);
    expect(hostile.launcher.visibility).toBe('visible');
    expect(hostile.launcher['text-transform']).toBe('none');
    const field = (await message(page).boundingBox())!;
    expect(field.width).toBeGreaterThanOrEqual(150);
    expect(field.height).toBeGreaterThanOrEqual(24);
    expect(alphaOf(hostile.dialog['background-color']!)).toBe(1);
    await message(page).fill('Still usable');
    await page.keyboard.type(' under hostile CSS');
    expect(await message(page).inputValue()).toBe('Still usable under hostile CSS');
    await sendButton(page).click();
    expect(await statusText(page)).toMatch(/\bsent\b/i);
  }, 30_000);
});

// ---------------------------------------------------------------------------------------------

describe('strict CSP with Trusted Types', () => {
  const nonce = () => randomBytes(16).toString('base64');
  const csp = (n: string, proxy: string, scriptSrc: string) =>
    `default-src 'self'; script-src ${scriptSrc}; style-src 'self' 'nonce-${n}'; connect-src ${proxy}; require-trusted-types-for 'script'`;

  /**
   * A page whose every script is an external same-origin file (`script-src 'self'` forbids inline
   * ones): `boot.js` holds the stub and the queued calls; the nonce travels on the script tag
   * (`nonceOn: 'tag'`) or in `Earful('init', { nonce })` read from boot.js's own tag.
   */
  async function cspPage(s: Stack, opts: { nonceOn: 'tag' | 'init' | 'none'; noConstructableSheets?: boolean; scriptsByNonceOnly?: boolean }) {
    const n = nonce();
    const proxy = new URL(s.endpoint).origin;
    const boot = suite.server.route(`/boot${++routeNo}.js`, {
      body: `${STUB} ${MARK_STUB}
Earful('init', { endpoint: ${JSON.stringify(s.endpoint)}${opts.nonceOn === 'init' ? ', nonce: document.currentScript.nonce' : ''} });`,
    });
    const url = serveHtml(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Strict CSP host</title>
<script src="${boot}" nonce="${n}"></script></head>
<body><main>${DEFAULT_MAIN}</main>
<script src="/earful.js" async${opts.nonceOn === 'tag' ? ` nonce="${n}"` : ''}></script></body></html>`,
      { 'content-security-policy': csp(n, proxy, opts.scriptsByNonceOnly ? `'nonce-${n}'` : "'self'") },
    );
    const { page } = await newPage();
    const consoleLines = watchConsole(page);
    await page.addInitScript(recordCspViolations);
    if (opts.noConstructableSheets)
      // A browser without constructable stylesheets (Safari < 16.4): the widget falls back to <style nonce>.
      await page.addInitScript(() => {
        CSSStyleSheet.prototype.replaceSync = () => {
          throw new TypeError('replaceSync is not supported here');
        };
      });
    const response = await page.goto(url);
    expect(response!.headers()['content-security-policy']).toContain(`'nonce-${n}'`);
    await waitForEarful(page);
    await launcher(page).waitFor({ state: 'visible' });
    return { page, consoleLines, nonce: n };
  }

  /** How the widget's styles got in: adopted sheets, or <style> elements (with or without a nonce). */
  const styling = (page: Page) =>
    launcher(page).evaluate((el) => {
      const root = el.getRootNode() as ShadowRoot;
      return {
        adopted: root.adoptedStyleSheets.length,
        styles: [...root.querySelectorAll('style')].map((s) => ({ nonce: s.nonce !== '', applied: !!s.sheet })),
        background: getComputedStyle(el).backgroundColor,
        height: el.getBoundingClientRect().height,
      };
    });

  async function submitThroughDialog(page: Page, s: Stack, text: string) {
    await launcher(page).click();
    await message(page).fill(text);
    await sendButton(page).click();
    expect(await statusText(page)).toMatch(/\bsent\b/i);
    await waitFor(() => storedWithBody(s, text).length === 1, { timeoutMs: 10_000, label: 'the upstream to store it' });
  }

  it('adopted stylesheets, nonce on the script tag: renders styled, submits, and no CSP or Trusted Types violation', async () => {
    const s = await stack();
    const { page, consoleLines } = await cspPage(s, { nonceOn: 'tag' });
    const st = await styling(page);
    expect(alphaOf(st.background)).toBeGreaterThan(0);
    expect(st.height).toBeGreaterThanOrEqual(24);
    await submitThroughDialog(page, s, `Under a strict CSP ${randomUUID()}`);
    await page.keyboard.press('Escape');
    await dialog(page).waitFor({ state: 'detached' });
    await earful(page, 'nps');
    await page.getByRole('radio', { name: '9', exact: true }).check();
    await sleep(300);
    expect(await cspViolations(page)).toEqual([]);
    expect(consoleLines).toEqual([]);

    // The policy is live and the recorder hears Trusted Types: an innerHTML write is refused and recorded.
    const refused = await page.evaluate(() => {
      try {
        document.createElement('div').innerHTML = '<b>x</b>';
        return false;
      } catch (e) {
        return e instanceof TypeError;
      }
    });
    expect(refused).toBe(true);
    await waitFor(async () => (await cspViolations(page)).some((v) => /trusted-types|require-trusted-types-for/.test(v.directive)), {
      timeoutMs: 3_000,
      label: 'the control Trusted Types violation to be recorded',
    });
  }, 30_000);

  it("scripts allowed by nonce alone: the script tag's nonce carries over to earful-ui.js, which it imports", async () => {
    const s = await stack();
    const { page, consoleLines } = await cspPage(s, { nonceOn: 'tag', scriptsByNonceOnly: true });
    await submitThroughDialog(page, s, `Nonce-only CSP ${randomUUID()}`);
    expect(await cspViolations(page)).toEqual([]);
    expect(consoleLines).toEqual([]);
  }, 30_000);

  it('without constructable stylesheets, the <style> carries the nonce from init: styled, submits, no violation', async () => {
    const s = await stack();
    const { page, consoleLines } = await cspPage(s, { nonceOn: 'init', noConstructableSheets: true });
    const st = await styling(page);
    expect(st.adopted).toBe(0);
    expect(st.styles).toEqual([{ nonce: true, applied: true }]);
    expect(alphaOf(st.background)).toBeGreaterThan(0);
    expect(st.height).toBeGreaterThanOrEqual(24);
    await submitThroughDialog(page, s, `Fallback styles under a strict CSP ${randomUUID()}`);
    expect(await cspViolations(page)).toEqual([]);
    expect(consoleLines).toEqual([]);
  }, 30_000);

  it('control: the same fallback with no nonce anywhere is caught as a style-src violation in the shadow root', async () => {
    const s = await stack();
    const { page } = await cspPage(s, { nonceOn: 'none', noConstructableSheets: true });
    const violations: CspViolation[] = await waitFor(
      async () => {
        const v = await cspViolations(page);
        return v.length > 0 && v;
      },
      { timeoutMs: 3_000, label: 'a style-src violation' },
    );
    expect(violations).toEqual(expect.arrayContaining([expect.objectContaining({ directive: expect.stringMatching(/^style-src/) })]));
  }, 30_000);
});

// ---------------------------------------------------------------------------------------------

describe('light on the page', () => {
  it('starts once the page has parsed, and costs a visitor who never queued anything no database, lock or transaction', async () => {
    const s = await stack();
    const { context, page } = await newPage();
    // Records, in order, the page's DOMContentLoaded, the widget's arrival, and every IndexedDB open and Web Lock request.
    await context.addInitScript({
      content: `window.__calls = [];
        const note = (what) => window.__calls.push(what);
        for (const [proto, name] of [[IDBFactory.prototype, 'open'], [LockManager.prototype, 'request']]) {
          const original = proto[name];
          proto[name] = function (...args) { note(name); return original.apply(this, args); };
        }
        document.addEventListener('DOMContentLoaded', () => note('DOMContentLoaded'));
        new MutationObserver(() => document.querySelector('earful-widget') && !window.__calls.includes('widget') && note('widget'))
          .observe(document, { childList: true, subtree: true });`,
    });
    // The async script in <head>, before a long page: it may well run before the page has parsed.
    const main = `${DEFAULT_MAIN}\n${'<p>Another paragraph of the host page, long enough to take a while to parse.</p>\n'.repeat(2_000)}`;
    await page.goto(serveHtml(hostPage({ boot: initCall({ endpoint: s.endpoint }), head: '<script src="/earful.js" async></script>', script: false, main })));
    await waitForEarful(page);
    await launcher(page).waitFor({ state: 'visible' });
    await sleep(2_500); // past load, and the idle-time look at the outbox
    const calls = await page.evaluate(() => (window as unknown as { __calls: string[] }).__calls);
    expect(calls.slice(0, 2)).toEqual(['DOMContentLoaded', 'widget']);
    expect(calls.filter((c) => c === 'open' || c === 'request')).toEqual([]);
    // Now there is something to keep: the outbox is opened.
    expect(await earful(page, 'submit', { kind: 'feedback', body: 'Now there is an outbox' })).toMatchObject({ status: 'delivered' });
    expect(await page.evaluate(() => (window as unknown as { __calls: string[] }).__calls)).toContain('open');
  });
});

describe('the pre-load command queue', () => {
  it('replays init, on, identify, submit in order, and window.Earful is the only global the script adds', async () => {
    const s = await stack();
    // Everything is queued on the stub; the script is added only afterwards.
    const url = serveHtml(
      hostPage({
        script: false,
        boot: `window.__submitted = [];
${initCall({ endpoint: s.endpoint })}
Earful('on', 'submitted', (result) => __submitted.push(result));
Earful('identify', { id: 'u-9' });
Earful('submit', { kind: 'feedback', body: 'queued before load' });
Earful('identify', { id: 'u-10' }); // after the submit: must not be stamped on it
window.__before = Object.getOwnPropertyNames(window);`,
      }),
    );
    const { page } = await newPage();
    await page.goto(url);
    expect(await page.evaluate(() => (window as unknown as { Earful: { q: unknown[] } }).Earful.q.length)).toBe(5);
    await sleep(300);
    expect(upstreamRequests(s.fake)).toBe(0); // nothing happens before the script

    await page.evaluate(() => {
      const tag = document.createElement('script');
      tag.src = '/earful.js';
      tag.async = true;
      document.body.append(tag);
    });
    await waitForEarful(page);
    await waitFor(() => s.fake.stored().length > 0, { timeoutMs: 10_000, label: 'the queued submit upstream' });
    await waitFor(() => page.evaluate(() => (window as unknown as { __submitted: unknown[] }).__submitted.length > 0), {
      timeoutMs: 5_000,
      label: 'the submitted handler',
    });
    await sleep(500);

    const stored = s.fake.stored();
    expect(stored).toEqual([expect.objectContaining({ body: 'queued before load', user_id: 'u-9' })]);
    const submitted = await page.evaluate(() => (window as unknown as { __submitted: { id: string; status: string }[] }).__submitted);
    expect(submitted).toEqual([expect.objectContaining({ id: stored[0]!.unique_id, status: 'delivered' })]);

    const globals = await page.evaluate(() => {
      const w = window as unknown as { __before: string[]; Earful: unknown; __stub: unknown };
      const before = new Set([...w.__before, '__before']);
      return { added: Object.getOwnPropertyNames(window).filter((k) => !before.has(k)), replaced: w.Earful !== w.__stub };
    });
    expect(globals).toEqual({ added: [], replaced: true });
  }, 30_000);

  it('with no stub, the declarative tag adds exactly one global: Earful', async () => {
    const s = await stack();
    const url = serveHtml(`<!doctype html><html lang="en"><meta charset="utf-8"><title>No stub</title><main><h1>Plain</h1></main>
<script>window.__before = Object.getOwnPropertyNames(window);</script>`);
    const { page } = await newPage();
    await page.goto(url);
    await page.evaluate((endpoint) => {
      const tag = document.createElement('script');
      tag.src = '/earful.js';
      tag.dataset.endpoint = endpoint;
      document.body.append(tag);
    }, s.endpoint);
    await page.waitForFunction(() => typeof (window as { Earful?: unknown }).Earful === 'function');
    await launcher(page).waitFor({ state: 'visible' });
    const added = await page.evaluate(() => {
      const before = new Set([...(window as unknown as { __before: string[] }).__before, '__before']);
      return Object.getOwnPropertyNames(window).filter((k) => !before.has(k));
    });
    expect(added).toEqual(['Earful']);
  }, 30_000);
});

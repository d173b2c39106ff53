/**
 * Extra plumbing for the widget's real-browser tests (test/browser/widget.test.ts), on top of
 * ./harness.ts: a static server whose pages and response headers each test chooses, host pages
 * written by hand (a real host page has content, landmarks and its own focusable controls),
 * in-page probes that see through the widget's open shadow root, axe-core, and a recorder of
 * CSP / Trusted Types violations installed before any page script runs.
 *
 * Everything selects the widget by role, label and text, never by the widget's classes.
 */
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import type { Locator, Page } from 'playwright-core';
import { scriptTagFiles, within } from './harness.js';

// ---------------------------------------------------------------------------------------------
// A static server with routes registered per test

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body: string;
}
/** Answers a request: its URL, and its body (empty for a GET). */
export type Route = (url: URL, body: string) => Reply;

export interface StaticServer {
  origin: string;
  /** Serves `route` at `path` (exact pathname; the query is the route's to read). */
  route(path: string, route: Route | Reply): string;
  /** Requests seen, pathname and query. */
  seen: string[];
  close(): Promise<void>;
}

const TYPE: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

/** One 127.0.0.1 origin; `/earful.js` and `/earful-ui.js` are always the built script tag. */
export async function startStaticServer(): Promise<StaticServer> {
  const routes = new Map<string, Route>(
    [...scriptTagFiles()].map(([path, script]): [string, Route] => [path, () => ({ headers: { 'content-type': TYPE.js! }, body: script })]),
  );
  const seen: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://static.invalid');
    seen.push(url.pathname + url.search);
    const route = routes.get(url.pathname);
    if (!route) return void res.writeHead(404).end();
    let body = '';
    for await (const chunk of req) body += chunk;
    const reply = route(url, body);
    const type = TYPE[url.pathname.split('.').pop() ?? ''] ?? TYPE.html!;
    res.writeHead(reply.status ?? 200, { 'content-type': type, 'cache-control': 'no-store', ...reply.headers });
    res.end(reply.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    seen,
    route(path, route) {
      routes.set(path, typeof route === 'function' ? route : () => route);
      return origin + path;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// Host pages

/** The documented stub (docs/api.md §2), as the README tells a product team to paste it. */
export const STUB = 'window.Earful = window.Earful || function () { (Earful.q = Earful.q || []).push(arguments) };';
/** Remembers the stub, so a test can tell when the real `Earful` has replaced it. */
export const MARK_STUB = 'window.__stub = window.Earful;';

export interface HostPage {
  /** Goes in `<head>` after the stub (e.g. `<link rel=stylesheet>`). */
  head?: string;
  /** Inline JS run right after the stub, before the script tag (queued calls, recorders). */
  boot?: string;
  /** The page's own content inside `<main>`. @default a heading, a paragraph and a button */
  main?: string;
  /** Whether to add `<script src=/earful.js async>` (false: the test adds it later). @default true */
  script?: boolean;
  /** Extra attributes on that script tag (`data-endpoint="…"`, `nonce="…"`). */
  scriptAttrs?: string;
  lang?: string;
}

export const DEFAULT_MAIN = `<h1>Acme dashboard</h1>
<p>Your projects are listed below. Tell us what you think with the Feedback button.</p>
<button type="button" id="host-button">Refresh</button>`;

/** A small but well-formed host page (so that axe judges the widget, not the page). */
export function hostPage(p: HostPage = {}): string {
  return `<!doctype html>
<html lang="${p.lang ?? 'en'}">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Acme host page</title>
<script>${STUB} ${MARK_STUB}
${p.boot ?? ''}</script>
${p.head ?? ''}
</head>
<body>
<main>
${p.main ?? DEFAULT_MAIN}
</main>
${p.script === false ? '' : `<script src="/earful.js" async ${p.scriptAttrs ?? ''}></script>`}
</body>
</html>`;
}

/**
 * Waits until the page has fetched the script tag's second file, `earful-ui.js`, which the widget
 * asks for once the page has loaded and is idle: from then on its dialog and prompts open
 * offline too.
 */
export async function waitForUiModule(page: Page, timeoutMs = 10_000): Promise<void> {
  await page.waitForFunction(
    () => performance.getEntriesByType('resource').some((entry) => /\/earful-ui\.js(\?|$)/.test(entry.name)),
    undefined,
    { timeout: timeoutMs },
  );
}

/** Waits until the real `window.Earful` has replaced the stub (no inline `onload`: CSP pages forbid it). */
export async function waitForEarful(page: Page, timeoutMs = 15_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const w = window as { Earful?: unknown; __stub?: unknown };
      return typeof w.Earful === 'function' && w.Earful !== w.__stub;
    },
    undefined,
    { timeout: timeoutMs },
  );
}

// ---------------------------------------------------------------------------------------------
// The widget, by role and label (playwright's role and label engines pierce open shadow roots)

export const launcher = (page: Page): Locator => page.getByRole('button', { name: /feedback/i }).first();
export const dialog = (page: Page): Locator => page.getByRole('dialog');
export const message = (page: Page): Locator => dialog(page).getByRole('textbox', { name: /message/i });
export const sendButton = (page: Page): Locator => dialog(page).getByRole('button', { name: /^send/i });
export const dialogStatus = (page: Page): Locator => dialog(page).getByRole('status');

/**
 * Waits for the widget's running animations (its fade-in) to finish, so that colours and
 * opacity are read at rest, not mid-fade. Bounded.
 */
export async function settled(page: Page, timeoutMs = 3_000): Promise<void> {
  await within(
    page
      .locator('earful-widget')
      .evaluate((host) => Promise.all(host.shadowRoot!.getAnimations().map((a) => a.finished)).then(() => undefined)),
    timeoutMs,
    "the widget's animations to finish",
  );
}

/** Text of the dialog's status once it says anything; bounded. */
export async function statusText(page: Page, timeoutMs = 10_000): Promise<string> {
  const status = dialogStatus(page);
  await status.filter({ hasText: /\S/ }).waitFor({ timeout: timeoutMs });
  return (await status.innerText()).trim();
}

/**
 * Describes the focused element, looking through open shadow roots: its tag, accessible-ish
 * name, whether it is inside the open dialog, and whether it is in a shadow root.
 */
export interface FocusInfo {
  tag: string;
  name: string;
  inDialog: boolean;
  inShadow: boolean;
  /** Same element as `window.__mark` (set by `markFocus`). */
  isMarked: boolean;
}

export function focusInfo(page: Page): Promise<FocusInfo> {
  return within(
    page.evaluate(() => {
      let a: Element | null = document.activeElement;
      while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
      const el = a as HTMLElement | null;
      // The dialog is found by role anywhere in the document or an open shadow root.
      const find = (root: Document | ShadowRoot): Element | null => {
        const hit = root.querySelector('[role=dialog]');
        if (hit) return hit;
        for (const e of root.querySelectorAll('*'))
          if (e.shadowRoot) {
            const inner = find(e.shadowRoot);
            if (inner) return inner;
          }
        return null;
      };
      const dlg = find(document);
      return {
        tag: el?.tagName.toLowerCase() ?? '',
        name: (el?.getAttribute('aria-label') || el?.textContent || (el as HTMLInputElement | null)?.name || '').trim().slice(0, 40),
        inDialog: !!(dlg && el && dlg.contains(el)),
        inShadow: !!el && el.getRootNode() instanceof ShadowRoot,
        isMarked: !!el && el === (window as { __mark?: Element }).__mark,
      };
    }),
    5_000,
    'focus info',
  );
}

/** Remembers `locator`'s element as `window.__mark`, for `focusInfo().isMarked`. */
export async function markFocusTarget(locator: Locator): Promise<void> {
  await locator.evaluate((el) => void ((window as { __mark?: Element }).__mark = el));
}

/** Presses `key` until `done(focus)` or `max` presses; returns the focus seen after each press. */
export async function pressUntil(page: Page, key: string, done: (f: FocusInfo) => boolean, max = 12): Promise<FocusInfo[]> {
  const seen: FocusInfo[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const f = await focusInfo(page);
    seen.push(f);
    if (done(f)) return seen;
  }
  throw new Error(`${max} × ${key} never reached the target; focus went: ${seen.map((f) => `${f.tag}(${f.name})`).join(' → ')}`);
}

// ---------------------------------------------------------------------------------------------
// Computed styles

/** Every computed property of each selector's first match (light DOM of the host page). */
export function computedSnapshot(page: Page, selectors: readonly string[]): Promise<Record<string, Record<string, string>>> {
  return within(
    page.evaluate((sels) => {
      const out: Record<string, Record<string, string>> = {};
      for (const sel of sels) {
        const el = document.querySelector(sel);
        if (!el) throw new Error(`no ${sel} on the host page`);
        const cs = getComputedStyle(el);
        const props: Record<string, string> = {};
        for (let i = 0; i < cs.length; i++) props[cs[i]!] = cs.getPropertyValue(cs[i]!);
        out[sel] = props;
      }
      return out;
    }, selectors),
    5_000,
    'computed styles',
  );
}

/** Colour alpha of a computed `rgb()/rgba()/color()` value (0 = transparent). */
export function alphaOf(color: string): number {
  const m = /rgba?\(([^)]+)\)/.exec(color);
  if (!m) return color === 'transparent' ? 0 : 1;
  const parts = m[1]!.split(/[ ,/]+/).filter(Boolean);
  return parts.length > 3 ? Number(parts[3]) : 1;
}

/** Relative luminance (WCAG) of an `rgb()` value. */
export function luminance(color: string): number {
  const m = /rgba?\(([^)]+)\)/.exec(color);
  if (!m) throw new Error(`not an rgb colour: ${color}`);
  const [r, g, b] = m[1]!
    .split(/[ ,/]+/)
    .filter(Boolean)
    .slice(0, 3)
    .map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

// ---------------------------------------------------------------------------------------------
// axe-core

const require = createRequire(import.meta.url);
let axeSource: string | undefined;
/** axe-core's browser bundle (`axe.source`). */
export function axeScript(): string {
  return (axeSource ??= (require('axe-core') as { source: string }).source);
}

export interface AxeNode {
  /** axe's selector path; one entry per shadow boundary crossed. */
  target: (string | string[])[];
  html: string;
  failureSummary?: string;
}
export interface AxeRule {
  id: string;
  impact?: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}
export interface AxeResults {
  violations: AxeRule[];
  passes: AxeRule[];
  incomplete: AxeRule[];
}

/** Injects axe (once per document) and runs it on the whole document: default rules + `target-size`. */
export async function runAxe(page: Page): Promise<AxeResults> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeScript());
  return within(
    page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<AxeResults> } }).axe;
      // axe's default rules, plus WCAG 2.2 AA target size (24 × 24 px, issue 4), which axe ships disabled.
      const r = await axe.run(document, {
        resultTypes: ['violations', 'passes', 'incomplete'],
        rules: { 'target-size': { enabled: true } },
      });
      const slim = (rules: AxeRule[]) =>
        rules.map(({ id, impact, help, helpUrl, nodes }) => ({
          id,
          impact,
          help,
          helpUrl,
          nodes: nodes.map(({ target, html, failureSummary }) => ({ target, html, failureSummary })),
        }));
      return { violations: slim(r.violations), passes: slim(r.passes), incomplete: slim(r.incomplete) };
    }),
    20_000,
    'axe.run',
  );
}

/** A node whose axe target crosses into a shadow root (`[[host, inner]]`). */
export const inShadow = (node: AxeNode) => Array.isArray(node.target[0]) && (node.target[0] as string[]).length > 1;

/** One line per violating node: rule id, impact, target path, html, axe's summary. */
export function describeViolations(rules: readonly AxeRule[]): string {
  return rules
    .flatMap((r) =>
      r.nodes.map(
        (n) =>
          `${r.id} [${r.impact}] ${JSON.stringify(n.target)}\n    ${n.html.slice(0, 160)}\n    ${(n.failureSummary ?? '').replace(/\n/g, ' | ')}`,
      ),
    )
    .join('\n');
}

// ---------------------------------------------------------------------------------------------
// CSP and Trusted Types

export interface CspViolation {
  directive: string;
  blockedURI: string;
  sample: string;
  disposition: string;
  /** Where the event was dispatched: the element's tag (and whether it sat in a shadow root). */
  target: string;
}

/**
 * Installed with `page.addInitScript` (before any script of the page): records every
 * `securitypolicyviolation` (the event is composed, so one inside the widget's shadow root
 * reaches the document) and every report a ReportingObserver sees, in `window.__csp`.
 */
export function recordCspViolations(): void {
  const log: unknown[] = ((window as unknown as { __csp: unknown[] }).__csp = []);
  document.addEventListener(
    'securitypolicyviolation',
    (e) => {
      const t = e.composedPath()[0] as Element | Document | undefined;
      const where =
        t && 'tagName' in t
          ? `${t.tagName.toLowerCase()}${t.getRootNode() instanceof ShadowRoot ? ' (in a shadow root)' : ''}`
          : 'document';
      log.push({
        directive: e.effectiveDirective || e.violatedDirective,
        blockedURI: e.blockedURI,
        sample: e.sample,
        disposition: e.disposition,
        target: where,
      });
    },
    true,
  );
  if ('ReportingObserver' in window) {
    const R = (
      window as unknown as {
        ReportingObserver: new (cb: (reports: { type: string; body: Record<string, string> }[]) => void, o: unknown) => { observe(): void };
      }
    ).ReportingObserver;
    new R(
      (reports) => {
        for (const r of reports)
          log.push({
            directive: r.body.effectiveDirective ?? r.type,
            blockedURI: r.body.blockedURL ?? '',
            sample: r.body.sample ?? '',
            disposition: r.body.disposition ?? '',
            target: 'report',
          });
      },
      { types: ['csp-violation'], buffered: true },
    ).observe();
  }
}

export const cspViolations = (page: Page) =>
  within(
    page.evaluate(() => (window as unknown as { __csp: CspViolation[] }).__csp),
    5_000,
    'CSP violations',
  );

/** Console lines that speak of CSP or Trusted Types, and uncaught page errors. */
export function watchConsole(page: Page): string[] {
  const lines: string[] = [];
  page.on('console', (m) => {
    if (/content security policy|trusted ?type|refused to/i.test(m.text())) lines.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => lines.push(`pageerror: ${e.message}`));
  return lines;
}

// @vitest-environment node
// Every state of the widget (widget-states.ts) in real Chromium at 1280 and 375 px, light, dark
// and forced colors (issue 10, "Tests and pictures"): axe-core finds nothing, every control is a
// target of at least 24 × 24 px, nothing the widget shows lies outside the viewport or over its
// launcher, and under forced colors every control keeps a visible edge and the chosen score
// stands out. On a phone the prompt covers under a third of the screen, under 40% with its
// follow-up open.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite } from './browser-suite.js';
import { describeViolations, runAxe } from './widget-harness.js';
import { STATES, type Scheme, type Width, openPage, startStatesServer } from './widget-states.js';

const suite = browserSuite(startStatesServer);

interface Box {
  what: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The boxes of what the widget shows (cards, launcher, controls), read through its shadow root. */
function widgetBoxes(page: Page): Promise<Box[]> {
  return page.evaluate(() => {
    const host = document.querySelector('earful-widget, earful-feedback')!;
    const shown = (el: Element) => el.checkVisibility({ visibilityProperty: true });
    return [...host.shadowRoot!.querySelectorAll('.card, .launcher, button, input, textarea, [role="status"]')].filter(shown).map((el) => {
      const r = el.getBoundingClientRect();
      const label = el.getAttribute('aria-label') ?? el.getAttribute('name') ?? el.textContent?.slice(0, 20);
      return { what: `${el.tagName.toLowerCase()}.${el.className} ${label}`, x: r.x, y: r.y, width: r.width, height: r.height };
    });
  });
}

const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Under forced colors: controls whose edge is gone, and the chosen score's colours. */
function forcedColorsProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.querySelector('earful-widget, earful-feedback')!.shadowRoot!;
    const problems: string[] = [];
    const edges = '.launcher, .launcher-icon, .button, .close-button, .field-control, .scale-nps .scale-mark';
    for (const el of root.querySelectorAll<HTMLElement>(edges)) {
      if (!el.checkVisibility()) continue;
      const style = getComputedStyle(el);
      const widths = [style.borderTopWidth, style.borderBottomWidth].map(parseFloat);
      if (widths.some((w) => w < 1) || style.borderTopStyle === 'none') problems.push(`${el.className}: no visible border`);
    }
    const chosen = root.querySelector('input:checked + .scale-mark');
    if (chosen) {
      const style = getComputedStyle(chosen);
      const canvas = getComputedStyle(root.querySelector('.card')!).backgroundColor;
      if (style.backgroundColor === canvas) problems.push(`the chosen score looks like the others (${style.backgroundColor})`);
    }
    return problems;
  });
}

const WIDTHS: Width[] = [1280, 375];
const SCHEMES: Scheme[] = ['light', 'dark', 'forced'];
const cases = STATES.flatMap((state) => WIDTHS.flatMap((width) => SCHEMES.map((scheme) => ({ state, width, scheme, name: `${state.name} at ${width} px, ${scheme}` }))));

describe('every state, both widths, light, dark and forced colors', () => {
  it.each(cases)('$name: no axe violation, 24 px targets, all inside the viewport', async ({ state, width, scheme }) => {
    const { context, page } = await openPage(suite.browser, suite.server, state, width, scheme);
    try {
      await state.reach(page);
      const axe = await runAxe(page);
      expect(axe.violations, describeViolations(axe.violations)).toEqual([]);

      const viewport = page.viewportSize()!;
      const boxes = await widgetBoxes(page);
      expect(boxes.length).toBeGreaterThan(0);
      const outside = boxes.filter((b) => b.x < 0 || b.y < 0 || b.x + b.width > viewport.width + 0.5 || b.y + b.height > viewport.height + 0.5);
      expect(outside, 'outside the viewport').toEqual([]);
      // A prompt in the corner sits above the launcher, which stays where it is.
      const launcher = boxes.find((b) => b.what.startsWith('button.launcher'));
      const overLauncher = boxes.filter((b) => launcher && / card\b|\.card\b/.test(b.what) && overlap(b, launcher));
      expect(overLauncher, 'cards over the launcher').toEqual([]);
      // One space (16 px) between them, above the pill and above the circle of narrow screens.
      const cornerPrompt = boxes.find((b) => b.what.includes('prompt-corner'));
      if (/^(nps|csat)/.test(state.name)) {
        expect(launcher && cornerPrompt, 'a launcher and a corner prompt').toBeTruthy();
        expect(launcher!.y - (cornerPrompt!.y + cornerPrompt!.height), 'space between prompt and launcher').toBeCloseTo(16, 0);
      }
      const controls = boxes.filter((b) => /^(button|input|textarea)/.test(b.what));
      expect(controls.filter((b) => b.width < 24 || b.height < 24), 'targets under 24 × 24 px').toEqual([]);

      if (scheme === 'forced') expect(await forcedColorsProblems(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('on a 375 × 740 phone', () => {
  /** The share of the screen the prompt's card covers. */
  const covered = (page: Page) =>
    page.evaluate(() => {
      const r = document.querySelector('earful-widget')!.shadowRoot!.querySelector('.prompt')!.getBoundingClientRect();
      return (r.width * r.height) / (innerWidth * innerHeight);
    });

  it.each([
    { name: 'nps', most: 1 / 3, share: 'a third' },
    { name: 'csat', most: 0.4, share: '40%' },
    { name: 'nps-follow-up', most: 0.4, share: '40%' },
  ])('the $name prompt covers less than $share of the screen', async ({ name, most }) => {
    const state = STATES.find((s) => s.name === name)!;
    const { context, page } = await openPage(suite.browser, suite.server, state, 375, 'light');
    try {
      await state.reach(page);
      expect(await covered(page)).toBeLessThan(most);
      // The 11 (or 5) cells stay on one row, each at least 24 × 24.
      const cells = await page.getByRole('radio').evaluateAll((radios) => radios.map((r) => r.getBoundingClientRect().toJSON() as DOMRect));
      expect(new Set(cells.map((c) => Math.round(c.y))).size).toBe(1);
      expect(cells.every((c) => c.width >= 24 && c.height >= 24)).toBe(true);
    } finally {
      await context.close();
    }
  });
});

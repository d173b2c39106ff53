// @vitest-environment node
// The widget by keyboard in real Chromium: the NPS scale with Tab and arrow keys, a visible
// focus ring on every control (the primary button included), focus back on the launcher after
// "sent" closes the dialog by itself, and the launcher's forms (pill, circle, hidden).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite } from './browser-suite.js';
import { sleep } from './harness.js';
import { focusInfo, luminance, markFocusTarget, pressUntil } from './widget-harness.js';
import { STATES, type WidgetState, openPage, startStatesServer } from './widget-states.js';

const suite = browserSuite(startStatesServer);

const state = (name: string): WidgetState => STATES.find((s) => s.name === name)!;

/** The focused element's outline, and the background around it (the card's). */
const ring = (page: Page) =>
  page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    // A radio is transparent: its mark, the span after it, shows the ring.
    const shown = el instanceof HTMLInputElement && el.type === 'radio' ? el.nextElementSibling! : el!;
    const style = getComputedStyle(shown);
    const card = shown.closest('.card');
    return {
      name: el!.getAttribute('aria-label') ?? el!.textContent ?? '',
      style: style.outlineStyle,
      width: parseFloat(style.outlineWidth),
      color: style.outlineColor,
      around: card ? getComputedStyle(card).backgroundColor : 'rgb(255, 255, 255)',
    };
  });

const contrast = (a: string, b: string) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
};

describe('by keyboard', () => {
  it.each(['light', 'dark'] as const)('every control in the dialog shows a focus ring of 2 px with 3:1 contrast (%s)', async (scheme) => {
    const { context, page } = await openPage(suite.browser, suite.server, state('dialog'), 1280, scheme);
    try {
      await page.getByRole('button', { name: 'Feedback' }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('dialog').waitFor();
      const seen: string[] = [];
      for (let i = 0; i < 5; i++) {
        const focused = await ring(page);
        seen.push(focused.name);
        expect(focused.style, focused.name).toBe('solid');
        expect(focused.width, focused.name).toBeGreaterThanOrEqual(2);
        expect(contrast(focused.color, focused.around), focused.name).toBeGreaterThanOrEqual(3);
        await page.keyboard.press('Tab');
      }
      // The message, the email, Cancel, Send (primary), the × button.
      expect(seen).toEqual(expect.arrayContaining(['Send', 'Cancel', 'Close']));
    } finally {
      await context.close();
    }
  });

  it('NPS: Tab reaches the scale, arrow keys move the choice, the comment and Send follow; the page keeps its focus until then', async () => {
    const { context, page } = await openPage(suite.browser, suite.server, state('nps'), 1280, 'light');
    try {
      await page.evaluate(() => (window as unknown as { Earful(c: string): void }).Earful('nps'));
      await page.getByRole('radiogroup').waitFor();
      expect((await focusInfo(page)).inShadow).toBe(false); // shown without taking focus
      await markFocusTarget(page.getByRole('radio', { name: '0', exact: true }));
      await pressUntil(page, 'Tab', (f) => f.isMarked, 6);
      expect((await ring(page)).style).toBe('solid');
      await page.keyboard.press('Space');
      for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowRight');
      expect(await page.getByRole('radio', { name: '7', exact: true }).isChecked()).toBe(true);
      await page.keyboard.press('Tab');
      expect(await focusInfo(page)).toMatchObject({ tag: 'textarea' });
      await page.keyboard.type('Fast and calm.');
      await page.keyboard.press('Tab');
      expect(await ring(page)).toMatchObject({ name: 'Send', style: 'solid' });
      await page.keyboard.press('Enter');
      expect(await page.getByRole('status').innerText()).toMatch(/Thank you!/);
    } finally {
      await context.close();
    }
  });

  it('after "sent" the dialog closes by itself and focus is back on the launcher', async () => {
    const { context, page } = await openPage(suite.browser, suite.server, state('sent'), 1280, 'light');
    try {
      const launcher = page.getByRole('button', { name: 'Feedback' });
      await markFocusTarget(launcher);
      await launcher.focus();
      await page.keyboard.press('Enter');
      await page.keyboard.type('Keyboard only, start to end.');
      await pressUntil(page, 'Tab', (f) => f.name === 'Send', 4);
      await page.keyboard.press('Enter');
      expect(await page.getByRole('status').innerText()).toMatch(/Thanks — sent/);
      expect((await focusInfo(page)).inDialog).toBe(true);
      await page.getByRole('dialog').waitFor({ state: 'detached', timeout: 8_000 });
      expect(await focusInfo(page)).toMatchObject({ tag: 'button', isMarked: true });
    } finally {
      await context.close();
    }
  });
});

describe('the launcher', () => {
  it('is a pill with its label at 1280 px, a circle of at least 44 px at 375 px, named "Feedback" in both, and hidden while its dialog is open', async () => {
    for (const width of [1280, 375] as const) {
      const { context, page } = await openPage(suite.browser, suite.server, state('launcher'), width, 'light');
      try {
        const launcher = page.getByRole('button', { name: 'Feedback' });
        const box = (await launcher.boundingBox())!;
        const labelShown = await page.getByText('Feedback', { exact: true }).isVisible();
        // Its speech bubble (CSS on an empty span): shown, at least 16 px, inside the button.
        const icon = (await launcher.locator('.launcher-icon').boundingBox())!;
        expect(icon.width).toBeGreaterThanOrEqual(16);
        expect(icon.x).toBeGreaterThan(box.x);
        expect(icon.x + icon.width).toBeLessThan(box.x + box.width);
        if (width === 1280) {
          expect(labelShown).toBe(true);
          expect(box.width).toBeGreaterThan(box.height * 2);
        } else {
          expect(labelShown).toBe(false);
          expect(Math.round(box.width)).toBe(Math.round(box.height));
          expect(box.width).toBeGreaterThanOrEqual(44);
          // The bubble sits in the middle of the circle.
          expect(Math.abs(icon.x + icon.width / 2 - (box.x + box.width / 2))).toBeLessThanOrEqual(1);
          expect(Math.abs(icon.y + icon.height / 2 - (box.y + box.height / 2))).toBeLessThanOrEqual(1);
        }
        await launcher.click();
        await page.getByRole('dialog').waitFor();
        await sleep(100);
        expect(await launcher.count()).toBe(0); // hidden: not in the accessibility tree either
      } finally {
        await context.close();
      }
    }
  });
});

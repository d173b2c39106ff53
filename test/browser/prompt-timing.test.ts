// @vitest-environment node
// When the NPS prompt asks, in real Chromium with real IndexedDB and the page's own clock
// (playwright's clock, for the context): not on a first visit, whatever the time spent; on the
// next session after ten seconds in view; and route rules checked on single-page-app
// navigation, through the Navigation API and through the History API where there is none.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite } from './browser-suite.js';
import { sleep } from './harness.js';
import { hostPage, startStaticServer, waitForEarful } from './widget-harness.js';

const suite = browserSuite(startStaticServer);
const { newPage } = suite;
let pageNo = 0;

const question = (page: Page) => page.getByRole('radiogroup', { name: /How likely/ });
/** Nothing is posted in these tests: the endpoint only has to be a URL. */
const endpoint = () => `${suite.server.origin}/v1/feedback`;

async function open(page: Page, url: string) {
  await page.goto(url);
  await waitForEarful(page);
  await page.getByRole('button', { name: 'Feedback' }).waitFor();
}

describe('data-nps="auto"', () => {
  it('never asks on a first visit, and asks in the next session after ten seconds of the page in view', async () => {
    const { context, page } = await newPage();
    await context.clock.install({ time: new Date('2026-11-23T09:00:00Z') });
    const url = suite.server.route(`/product${++pageNo}`, { body: hostPage({ scriptAttrs: `data-endpoint="${endpoint()}" data-nps="auto"` }) });
    await open(page, url);
    await context.clock.fastForward('10:00');
    await sleep(300);
    expect(await question(page).count()).toBe(0);
    await open(page, url); // the second page of the first session
    await context.clock.fastForward('10:00');
    await sleep(300);
    expect(await question(page).count()).toBe(0);

    await context.clock.fastForward('02:00:00'); // back after two hours: a new session
    await open(page, url);
    await context.clock.fastForward(9_000);
    await sleep(300);
    expect(await question(page).count()).toBe(0);
    await context.clock.fastForward(1_500);
    await question(page).waitFor();
  }, 40_000);
});

describe('route rules on single-page-app navigation', () => {
  /** A page whose NPS prompt may show only on /search, after half a second there. */
  const spaPage = () =>
    suite.server.route(
      `/app${++pageNo}`,
      {
        body: hostPage({
          boot: `Earful('init', { endpoint: ${JSON.stringify(endpoint())},
            nps: { route: (url) => new URL(url).pathname === '/search', minSessions: 1, minPageViews: 1, delayMs: 500 } });`,
        }),
      },
    );

  async function followsTheRoute(page: Page) {
    await sleep(1_000);
    expect(await question(page).count()).toBe(0);
    await page.evaluate(() => history.pushState(null, '', '/search'));
    await question(page).waitFor({ timeout: 5_000 });
    await page.evaluate(() => history.pushState(null, '', '/settings'));
    await question(page).waitFor({ state: 'detached', timeout: 5_000 });
  }

  it('shows the prompt when the app navigates to its route, and takes it away when the app leaves (Navigation API)', async () => {
    const { page } = await newPage();
    await open(page, spaPage());
    expect(await page.evaluate(() => 'navigation' in window)).toBe(true);
    await followsTheRoute(page);
  });

  it('does the same through the History API in a browser without the Navigation API', async () => {
    const { page } = await newPage();
    await page.addInitScript(() => delete (window as { navigation?: unknown }).navigation);
    await open(page, spaPage());
    expect(await page.evaluate(() => 'navigation' in window)).toBe(false);
    await followsTheRoute(page);
  });
});

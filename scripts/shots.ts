// Renders every widget state to .shots/<state>-<scheme>-<width>.png (see scripts/shots.mjs).
import { mkdirSync } from 'node:fs';
import { Cleanup, launchBrowser } from '../test/browser/harness.js';
import { STATES, type Scheme, type Width, openPage, startStatesServer } from '../test/browser/widget-states.js';

const OUT = '.shots';
const WIDTHS: Width[] = [1280, 375];
const SCHEMES: Scheme[] = ['light', 'dark', 'forced'];
const words = process.argv.slice(2);

async function main() {
  mkdirSync(OUT, { recursive: true });
  const cleanup = new Cleanup();
  try {
    const browser = await launchBrowser();
    cleanup.defer('browser', () => browser.close());
    const states = await startStatesServer();
    cleanup.defer('server', () => states.close());
    let count = 0;
    for (const state of STATES)
      for (const scheme of SCHEMES)
        for (const width of WIDTHS) {
          const name = `${state.name}-${scheme}-${width}`;
          if (!words.every((word) => name.includes(word))) continue;
          const { context, page } = await openPage(browser, states, state, width, scheme);
          try {
            await state.reach(page);
            await page.screenshot({ path: `${OUT}/${name}.png` });
            count++;
          } catch (err) {
            console.error(`${name}: ${(err as Error).message.split('\n')[0]}`);
            process.exitCode = 1;
          } finally {
            await context.close();
          }
        }
    console.log(`${count} pictures in ${OUT}/`);
  } finally {
    await cleanup.run();
  }
}

void main();

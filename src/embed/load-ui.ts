/**
 * The script tag's drawing module, `earful-ui.js` (Preact, the feedback dialog, the form and the
 * NPS/CSAT prompts), loaded from beside `earful.js`. `earful.js` holds what runs at once on every
 * page: the outbox and its delivery, the launcher, the prompts' timing and the command API. The
 * module is fetched later, once the page has loaded and is idle, off the page's own start-up;
 * and ahead of any click, so that the dialog still opens on a train that lost its network after
 * the page loaded.
 *
 * It is a module import from the URL of `earful.js`, with that URL's query (a `?v=` cache-buster
 * goes for both files) and the build of `earful-ui.js` it was made with (`build=`, so that a
 * cache never pairs it with another build's module). No script element is built, so a strict
 * CSP needs nothing new where it allows `earful.js` by its origin or by nonce: the nonce carries
 * over to what the script imports. (A `script-src` naming the file's exact path must name
 * `earful-ui.js` too; an `integrity` on the script tag does not cover it.)
 */
import { besideScript } from '../ui/beside-script.js';
import type { Surfaces } from '../ui/surfaces.js';

/** A digest of the `earful-ui.js` this `earful.js` was built with (vite.config.ts). */
declare const __EARFUL_UI_BUILD__: string;

export const UI_FILE = 'earful-ui.js';

/**
 * Loads the module from beside `scriptUrl`, the URL `earful.js` was loaded from. One download
 * at a time, kept once it is in. A failed download is asked for again on the next call, under a
 * new URL: a browser keeps a module that failed to load as failed, for that page, under the URL
 * it failed at.
 */
export function uiLoader(scriptUrl: string | undefined): () => Promise<Surfaces> {
  let loading: Promise<Surfaces> | undefined;
  let attempts = 0;
  return () => {
    // Without its own URL (bundled into an app, or inlined) the script cannot know where the
    // module is; guessing from the page's URL would ask the page's path, with its query.
    if (!scriptUrl)
      return Promise.reject(
        new Error(`earful.js does not know its own URL (it was bundled or inlined), so it cannot load ${UI_FILE} from beside it: load it with <script src>, or use the npm entry "earful" in an app`),
      );
    if (loading) return loading;
    const url = besideScript(UI_FILE, scriptUrl);
    url.searchParams.set('build', __EARFUL_UI_BUILD__);
    attempts += 1;
    if (attempts > 1) url.searchParams.set('attempt', String(attempts));
    loading = (import(/* @vite-ignore */ url.href) as Promise<Surfaces>).catch((error: unknown) => {
      loading = undefined;
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`could not load ${url.href}, the widget's dialog and prompts (it sits beside earful.js): ${reason}`);
    });
    return loading;
  };
}

/** Runs `work` once the page has loaded and is idle (a second at most), or soon after load where browsers cannot tell idle. */
export function whenLoadedAndIdle(work: () => void): void {
  const whenIdle = () => {
    if ('requestIdleCallback' in window) requestIdleCallback(work, { timeout: 1_000 });
    else setTimeout(work, 200);
  };
  if (document.readyState === 'complete') whenIdle();
  else window.addEventListener('load', whenIdle, { once: true });
}

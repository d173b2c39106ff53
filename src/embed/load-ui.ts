/**
 * The script tag's drawing module, `earful-ui.js` (Preact, the feedback dialog, the form and the
 * NPS/CSAT prompts), loaded from beside `earful.js`. `earful.js` itself holds what every page
 * needs at once: the outbox and its delivery, the launcher, the prompts' timing and the command
 * API. A page whose visitor never opens the widget pays for no more (README, "Measured"); the
 * widget asks for this module once the page has loaded, not at the first click, so the dialog
 * still opens on a train that lost its network after the page loaded.
 *
 * It is a module import from the URL of `earful.js`, with its query (a `?v=` cache-buster goes
 * for both files): no script element is built, so a strict CSP needs nothing new. `script-src`
 * already allows where `earful.js` comes from, and a nonce on the script tag carries over to
 * what it imports.
 */
import type { Surfaces } from '../ui/surfaces.js';

export const UI_FILE = 'earful-ui.js';

/**
 * Loads the module from beside `scriptUrl` (`undefined`: the page's own URL, where the script was
 * inlined or bundled). One download at a time, kept once it is in. A failed download is asked
 * for again on the next call, under a new URL: a browser keeps a module that failed to load as
 * failed, for that page, under the URL it failed at.
 */
export function uiLoader(scriptUrl: string | undefined): () => Promise<Surfaces> {
  let loading: Promise<Surfaces> | undefined;
  let attempts = 0;
  return () => {
    if (loading) return loading;
    const base = new URL(scriptUrl ?? location.href, location.href);
    const url = new URL(UI_FILE, base);
    url.search = base.search;
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

/** Runs `work` when the page is idle (after a second at most), or soon where browsers cannot tell. */
export function whenIdle(work: () => void): void {
  if ('requestIdleCallback' in window) requestIdleCallback(work, { timeout: 1_000 });
  else setTimeout(work, 200);
}

// @vitest-environment happy-dom
// The widget whose drawing module is fetched (the script tag's earful-ui.js): what it shows
// while the module is on its way, and when it cannot be had. (The fetch itself, in Chromium:
// test/browser/widget.test.ts.)
import { waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MountHandle } from '../../src/ui/mount-options.js';
import * as surfaces from '../../src/ui/surfaces.js';
import { DAY_MS, type PromptState } from '../../src/ui/targeting.js';
import { appendHost, mountWidget } from '../../src/ui/widget.js';
import { answeringClient } from './helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const widget = () => within(document.querySelector('earful-widget')!.shadowRoot!.querySelector('section')!);
/** The launcher, found by its name among the widget's buttons, hidden or not. */
const launcher = () =>
  [...document.querySelector('earful-widget')!.shadowRoot!.querySelectorAll('button')].find((button) => button.getAttribute('aria-label') === 'Feedback')!;

/** A module fetch that answers each call in turn: `'fails'` rejects, `'loads'` resolves to the real module. */
function fetchAnswering(...answers: ('fails' | 'loads')[]) {
  return vi.fn(async () => {
    if (answers.shift() !== 'loads') throw new Error('could not load earful-ui.js: HTTP 503');
    return surfaces;
  });
}

describe('a widget whose drawing module is fetched', () => {
  let handle: MountHandle | undefined;
  afterEach(() => {
    handle?.();
    document.body.replaceChildren();
    vi.restoreAllMocks();
  });

  it('keeps the launcher, busy, while the dialog is fetched; when the fetch fails, says so once and the next click asks again', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { client } = answeringClient({ status: 'delivered' } as never);
    const loadSurfaces = fetchAnswering('fails', 'loads');
    handle = mountWidget(appendHost(document.body), { client }, { own: true, loadSurfaces });
    expect(loadSurfaces).not.toHaveBeenCalled(); // nothing is fetched before something is asked for

    handle.open();
    expect(launcher().hidden).toBe(false);
    expect(launcher().getAttribute('aria-busy')).toBe('true');
    await waitFor(() => expect(errors).toHaveBeenCalledWith('earful:', 'could not load earful-ui.js: HTTP 503'));
    expect(launcher().hidden).toBe(false);
    expect(launcher().getAttribute('aria-busy')).toBeNull();
    expect(widget().queryByRole('dialog')).toBeNull();

    handle.open();
    expect(await widget().findByRole('dialog', { name: 'Send feedback' })).toBeTruthy();
    expect(launcher().hidden).toBe(true);
    expect(loadSurfaces).toHaveBeenCalledTimes(2);
    expect(errors).toHaveBeenCalledTimes(1);
  });

  it('asks once for a form in place whose module cannot be had, not in a loop', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { client } = answeringClient({ status: 'delivered' } as never);
    const loadSurfaces = fetchAnswering();
    handle = mountWidget(appendHost(document.body), { client, inlineForm: true }, { own: true, loadSurfaces });
    await sleep(300);
    expect(loadSurfaces).toHaveBeenCalledTimes(1);
    expect(errors).toHaveBeenCalledTimes(1);
  });

  it('counts no showing of a prompt whose module cannot be had', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { client, kept } = answeringClient({ status: 'queued', durability: 'indexeddb' } as never);
    kept.set('nps', { lastSeenAt: Date.now() - DAY_MS, sessions: 1, pageViews: 1 });
    const loadSurfaces = fetchAnswering();
    handle = mountWidget(appendHost(document.body), { client, nps: { delayMs: 0 } }, { own: true, loadSurfaces });
    await waitFor(() => expect(loadSurfaces).toHaveBeenCalledTimes(1));
    await sleep(100);
    const state = kept.get('nps') as PromptState;
    expect(state.pageViews).toBe(2); // this page view was counted…
    expect(state.impressions).toBeUndefined(); // …and no showing
    expect(state.shownAt).toBeUndefined();
    expect(widget().queryByRole('radiogroup')).toBeNull();
  });
});

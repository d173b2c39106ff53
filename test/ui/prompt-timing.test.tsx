// @vitest-environment happy-dom
// When a prompt shows by itself: never on a first visit, after some seconds of the page in
// view, with route rules checked again on every single-page-app navigation, per user.
import { act, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { autoPrompt } from '../../src/ui/auto-prompt.js';
import { type MountHandle, mount } from '../../src/ui/mount.js';
import { promptKey } from '../../src/ui/prompt-state.js';
import { DAY_MS, type PromptState } from '../../src/ui/targeting.js';
import { answeringClient, fakeClient } from './helpers.js';

const start = Date.parse('2026-11-23T12:00:00Z');
/** Seen yesterday, once: today's page view opens their second session. */
const RETURNING: PromptState = { seenAt: start - DAY_MS, roll: 0.3, lastSeenAt: start - DAY_MS, sessions: 1, pageViews: 1 };

/** A client's `remember` and `user`, over a Map the test can read. */
function keeper(user?: { id: string }) {
  const { client, kept } = fakeClient();
  return { remember: client.remember, user, kept, state: (key = 'nps') => kept.get(key) as PromptState | undefined };
}

const view = () => ({ prepare: vi.fn(async () => true), show: vi.fn(), hide: vi.fn() });
const go = (path: string) => act(() => history.pushState(null, '', path));

describe('autoPrompt', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: start });
    history.replaceState(null, '', '/');
  });
  afterEach(() => vi.useRealTimers());

  it('never shows on a visitor’s first visit, and counts the page view', async () => {
    const k = keeper();
    const v = view();
    autoPrompt('nps', {}, v, k);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(v.show).not.toHaveBeenCalled();
    expect(k.state()).toMatchObject({ sessions: 1, pageViews: 1, seenAt: start });
  });

  it('starts no wait while the rules say no (answered yesterday)', async () => {
    const k = keeper();
    k.kept.set('nps', { ...RETURNING, answeredAt: start - DAY_MS });
    const v = view();
    autoPrompt('nps', {}, v, k);
    await vi.advanceTimersByTimeAsync(10);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(v.show).not.toHaveBeenCalled();
  });

  it('shows a returning visitor after ten seconds of the page, and counts the showing', async () => {
    const k = keeper();
    k.kept.set('nps', RETURNING);
    const v = view();
    autoPrompt('nps', {}, v, k);
    await vi.advanceTimersByTimeAsync(9_999);
    expect(v.show).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(v.show).toHaveBeenCalledTimes(1);
    expect(k.state()).toEqual({ ...RETURNING, lastSeenAt: start, sessions: 2, pageViews: 2, shownAt: start + 10_000, impressions: 1 });
  });

  it('counts no showing, and shows nothing, when the prompt cannot be drawn (its code could not be fetched)', async () => {
    const k = keeper();
    k.kept.set('nps', RETURNING);
    const v = { ...view(), prepare: vi.fn(async () => false) };
    autoPrompt('nps', {}, v, k);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(v.prepare).toHaveBeenCalledTimes(1);
    expect(v.show).not.toHaveBeenCalled();
    expect(k.state()).toEqual({ ...RETURNING, lastSeenAt: start, sessions: 2, pageViews: 2 });
  });

  it('checks the route on every navigation: waits only while it matches, shows where it does', async () => {
    const k = keeper();
    k.kept.set('nps', RETURNING);
    const v = view();
    autoPrompt('nps', { route: (u) => new URL(u).pathname === '/search' }, v, k);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(v.show).not.toHaveBeenCalled();
    go('/search');
    await vi.advanceTimersByTimeAsync(5_000);
    go('/checkout'); // the wait is given up
    await vi.advanceTimersByTimeAsync(5_000);
    go('/search'); // and starts again
    await vi.advanceTimersByTimeAsync(9_000);
    expect(v.show).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(v.show).toHaveBeenCalledTimes(1);
    expect(location.pathname).toBe('/search');
  });

  /** A prompt showing on /search, its only route, to a returning visitor. */
  async function showingOnSearch() {
    const k = keeper();
    k.kept.set('nps', RETURNING);
    const v = view();
    go('/search');
    autoPrompt('nps', { route: (u) => new URL(u).pathname === '/search', delayMs: 0 }, v, k);
    await vi.advanceTimersByTimeAsync(0);
    expect(v.show).toHaveBeenCalledTimes(1);
    return v;
  }

  it('takes away a prompt it showed when the back button leaves the routes the rules allow', async () => {
    const v = await showingOnSearch();
    go('/search?q=2');
    await vi.advanceTimersByTimeAsync(0);
    expect(v.hide).not.toHaveBeenCalled();
    act(() => history.back());
    await vi.waitFor(() => expect(location.pathname + location.search).toBe('/search'));
    await vi.advanceTimersByTimeAsync(0);
    expect(v.hide).not.toHaveBeenCalled();
    act(() => history.back());
    await vi.waitFor(() => expect(location.pathname).toBe('/'));
    await vi.waitFor(() => expect(v.hide).toHaveBeenCalledTimes(1));
  });

  it('takes away a prompt it showed when a link leads to a route the rules exclude', async () => {
    const v = await showingOnSearch();
    go('/checkout');
    await vi.advanceTimersByTimeAsync(0);
    expect(v.hide).toHaveBeenCalledTimes(1);
  });

  it('counts a navigation to another path as a page view, not a change of query or hash', async () => {
    const k = keeper();
    autoPrompt('nps', {}, view(), k);
    await vi.advanceTimersByTimeAsync(0);
    go('/?tab=2');
    act(() => history.replaceState(null, '', '/#top'));
    await vi.advanceTimersByTimeAsync(0);
    expect(k.state()!.pageViews).toBe(1);
    go('/projects');
    await vi.advanceTimersByTimeAsync(0);
    expect(k.state()!.pageViews).toBe(2);
    act(() => history.back());
    await vi.waitFor(() => expect(k.state()!.pageViews).toBe(3));
  });

  it('checks the latest state when the wait ends: another tab that asked meanwhile wins', async () => {
    const k = keeper();
    k.kept.set('nps', RETURNING);
    const v = view();
    autoPrompt('nps', {}, v, k);
    await vi.advanceTimersByTimeAsync(5_000);
    k.kept.set('nps', { ...k.state(), answeredAt: start + 5_000 });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(v.show).not.toHaveBeenCalled();
  });

  it('keeps each user’s state under a key of their own, without their id in it', async () => {
    const k = keeper({ id: 'user-123' });
    autoPrompt('csat', {}, view(), k);
    await vi.advanceTimersByTimeAsync(0);
    const key = promptKey('csat', 'user-123');
    expect(key).toMatch(/^csat:[0-9a-z]+$/);
    expect(key).not.toContain('user-123');
    expect(promptKey('csat', 'user-124')).not.toBe(key);
    expect([...k.kept.keys()]).toEqual([key]);
    expect(k.state(key)).toMatchObject({ pageViews: 1 });
  });

  it('counts the page view for a user who becomes known, and asks them on their own schedule', async () => {
    const k = keeper();
    k.kept.set(promptKey('nps', 'jane'), RETURNING);
    const v = view();
    const prompt = autoPrompt('nps', {}, v, k);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(v.show).not.toHaveBeenCalled(); // an anonymous first visit
    k.user = { id: 'jane' };
    prompt.check();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(v.show).toHaveBeenCalledTimes(1);
    expect(k.state(promptKey('nps', 'jane'))).toMatchObject({ sessions: 2, impressions: 1 });
  });

  it('can be stopped before the wait ends', async () => {
    const k = keeper();
    k.kept.set('nps', RETURNING);
    const v = view();
    const prompt = autoPrompt('nps', {}, v, k);
    await vi.advanceTimersByTimeAsync(10);
    prompt.stop();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(v.show).not.toHaveBeenCalled();
    go('/elsewhere');
    expect(k.state()!.pageViews).toBe(2);
  });

  it('uses the Navigation API where the browser has it', async () => {
    const navigation = new EventTarget();
    let path = '/';
    const win = {
      navigation,
      document,
      history,
      get location() {
        return { href: `https://a.test${path}`, pathname: path };
      },
    } as unknown as Window;
    const k = keeper();
    autoPrompt('nps', {}, view(), k, win);
    await vi.advanceTimersByTimeAsync(0);
    path = '/next';
    navigation.dispatchEvent(new Event('currententrychange'));
    await vi.advanceTimersByTimeAsync(0);
    expect(k.state()!.pageViews).toBe(2);
  });
});

describe('mount with nps: auto', () => {
  let handle: MountHandle | undefined;
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
  afterEach(() => {
    handle?.();
    document.body.replaceChildren();
    vi.useRealTimers();
  });

  it('does not ambush a first visit, and asks the same visitor in their next session after ten seconds', async () => {
    const { client, kept } = answeringClient({ status: 'queued', durability: 'indexeddb' } as never);
    const widget = () => within(document.querySelector('earful-widget')!.shadowRoot!.querySelector('section')!);
    handle = mount(document.body, { client, nps: 'auto' });
    await vi.advanceTimersByTimeAsync(120_000);
    expect(widget().queryByRole('radiogroup')).toBeNull();
    expect(kept.get('nps')).toMatchObject({ pageViews: 1, sessions: 1 });
    handle();
    kept.set('nps', { ...(kept.get('nps') as PromptState), lastSeenAt: Date.now() - DAY_MS });
    handle = mount(document.body, { client, nps: 'auto' });
    await vi.advanceTimersByTimeAsync(9_999);
    expect(widget().queryByRole('radiogroup')).toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect(widget().getByRole('radiogroup', { name: /How likely/ })).toBeTruthy();
  });
});

// @vitest-environment happy-dom
// Prompts that show by themselves: the delay, the route checked again when it fires, and what
// is remembered when the user answers or closes the prompt.
import { act, fireEvent, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { autoPrompt } from '../../src/ui/auto-prompt.js';
import { type MountHandle, mount } from '../../src/ui/mount.js';
import { DAY_MS, type PromptState } from '../../src/ui/targeting.js';
import { answeringClient } from './helpers.js';

const start = Date.parse('2026-11-23T12:00:00Z');

describe('autoPrompt', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
  afterEach(() => vi.useRealTimers());

  /** A client's `remember`, over a Map the test can read. */
  const store = () => {
    const kept = new Map<string, unknown>();
    const remember = async <T,>(key: string, change: (value: T | undefined) => T) => {
      const value = change(kept.get(key) as T | undefined);
      kept.set(key, value);
      return value;
    };
    return Object.assign(remember, { get: async (key: string) => kept.get(key), set: async (key: string, value: unknown) => kept.set(key, value) });
  };

  it('shows after the delay and counts the showing', async () => {
    const s = store();
    const show = vi.fn();
    autoPrompt('nps', { delayMs: 5_000 }, show, s, () => start, () => 0.3, () => 'https://a.test/');
    await vi.advanceTimersByTimeAsync(4_999);
    expect(show).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(show).toHaveBeenCalledTimes(1);
    expect(await s.get('nps')).toEqual({ seenAt: start, roll: 0.3, shownAt: start, impressions: 1 });
  });

  it('checks the route again when the delay fires: navigated away, no prompt', async () => {
    let url = 'https://a.test/search';
    const show = vi.fn();
    autoPrompt('nps', { delayMs: 1_000, route: (u) => u.endsWith('/search') }, show, store(), () => start, () => 0, () => url);
    await vi.advanceTimersByTimeAsync(10);
    url = 'https://a.test/checkout';
    await vi.advanceTimersByTimeAsync(1_000);
    expect(show).not.toHaveBeenCalled();
  });

  it('does not start a timer when the rules say no', async () => {
    const s = store();
    await s.set('nps', { seenAt: start, roll: 0, answeredAt: start - DAY_MS });
    const show = vi.fn();
    autoPrompt('nps', {}, show, s, () => start, () => 0, () => 'https://a.test/');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(show).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('can be cancelled before the delay ends', async () => {
    const show = vi.fn();
    const cancel = autoPrompt('nps', { delayMs: 1_000 }, show, store(), () => start, () => 0, () => 'https://a.test/');
    await vi.advanceTimersByTimeAsync(10);
    cancel();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(show).not.toHaveBeenCalled();
  });
});

describe('mount with nps: auto', () => {
  let handle: MountHandle | undefined;
  afterEach(() => {
    handle?.();
    document.body.replaceChildren();
  });

  const widget = () => within(document.querySelector('earful-widget')!.shadowRoot!.querySelector('section')!);
  /** A client that queues every score, and what the widget asked it to remember. */
  const setup = () => answeringClient({ status: 'queued', durability: 'indexeddb' } as never);

  it('shows the NPS prompt in the corner when targeting allows, and remembers the answer', async () => {
    const { client, kept } = setup();
    const state = () => kept.get('nps') as PromptState | undefined;
    handle = mount(document.body, { client, nps: 'auto' });
    const group = await widget().findByRole('radiogroup', { name: /How likely/ });
    expect(group.closest('.prompt')!.classList.contains('prompt-corner')).toBe(true);
    expect(state()).toMatchObject({ impressions: 1 });
    fireEvent.click(widget().getByRole('radio', { name: '8' }));
    await waitFor(() => expect(state()?.answeredAt).toBeTypeOf('number'));
    expect(state()!.impressions).toBe(0);
  });

  it('remembers a dismissal and does not ask again on the next page', async () => {
    const { client, kept } = setup();
    handle = mount(document.body, { client, nps: 'auto' });
    await widget().findByRole('radiogroup');
    fireEvent.click(widget().getByRole('button', { name: 'Close' }));
    await waitFor(() => expect((kept.get('nps') as PromptState | undefined)?.dismissedAt).toBeTypeOf('number'));
    handle();
    handle = mount(document.body, { client, nps: 'auto' });
    await new Promise((r) => setTimeout(r, 50));
    expect(widget().queryByRole('radiogroup')).toBeNull();
  });

  it('shows a prompt on demand with nps() and csat(), whatever the rules say', async () => {
    const { client, kept } = setup();
    kept.set('nps', { answeredAt: Date.now() });
    handle = mount(document.body, { client, position: 'none', inline: true });
    act(() => handle!.nps({ question: 'Recommend Acme?' }));
    const group = await widget().findByRole('radiogroup', { name: 'Recommend Acme?' });
    expect(group.closest('.prompt')!.classList.contains('prompt-corner')).toBe(false);
    act(() => handle!.csat());
    expect(await widget().findByRole('radiogroup', { name: /How satisfied/ })).toBeTruthy();
    expect(widget().getAllByRole('radio')).toHaveLength(5);
  });
});

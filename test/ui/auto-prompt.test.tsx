// @vitest-environment happy-dom
// Prompts that show by themselves in the mounted widget, and what is remembered when the user
// answers or closes the prompt (the timing rules themselves: prompt-timing.test.ts).
import { act, fireEvent, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { type MountHandle, mount } from '../../src/ui/mount.js';
import { DAY_MS, type PromptState } from '../../src/ui/targeting.js';
import { answeringClient } from './helpers.js';

describe('mount with nps: auto', () => {
  let handle: MountHandle | undefined;
  afterEach(() => {
    handle?.();
    document.body.replaceChildren();
  });

  const widget = () => within(document.querySelector('earful-widget')!.shadowRoot!.querySelector('section')!);
  /** A client that queues every score, and what the widget asked it to remember: a returning visitor (seen yesterday). */
  const setup = () => {
    const faked = answeringClient({ status: 'queued', durability: 'indexeddb' } as never);
    faked.kept.set('nps', { lastSeenAt: Date.now() - DAY_MS, sessions: 1, pageViews: 1 });
    return faked;
  };
  /** The default rules, without their ten seconds of the page in view. */
  const auto = { delayMs: 0 };

  it('shows the NPS prompt in the corner when targeting allows, and remembers the answer', async () => {
    const { client, kept } = setup();
    const state = () => kept.get('nps') as PromptState | undefined;
    handle = mount(document.body, { client, nps: auto });
    const group = await widget().findByRole('radiogroup', { name: /How likely/ });
    expect(group.closest('.prompt')!.classList.contains('prompt-corner')).toBe(true);
    expect(state()).toMatchObject({ impressions: 1 });
    fireEvent.click(widget().getByRole('radio', { name: '8' }));
    await waitFor(() => expect(state()?.answeredAt).toBeTypeOf('number'));
    expect(state()!.impressions).toBe(0);
  });

  it('remembers a dismissal and does not ask again on the next page', async () => {
    const { client, kept } = setup();
    handle = mount(document.body, { client, nps: auto });
    await widget().findByRole('radiogroup');
    fireEvent.click(widget().getByRole('button', { name: 'Close' }));
    await waitFor(() => expect((kept.get('nps') as PromptState | undefined)?.dismissedAt).toBeTypeOf('number'));
    handle();
    handle = mount(document.body, { client, nps: auto });
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

// @vitest-environment happy-dom
// <earful-feedback> and <earful-nps>: usable from any framework or plain HTML.
import { fireEvent, waitFor, within } from '@testing-library/preact';
import { IDBFactory } from '../fake-idb.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import de from '../../src/locales/de.js';
import { defineElements } from '../../src/ui/elements.js';
import { answeringClient } from './helpers.js';

afterEach(() => {
  document.body.replaceChildren();
  localStorage.clear();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const inside = (el: Element) => within(el.shadowRoot!.querySelector('section')!);

/** An `<earful-feedback>` with its own client (on a fresh fake IndexedDB) and an endpoint, plus `attributes`, added to the page. */
function addFeedbackElement(attributes: Record<string, string>): HTMLElement {
  vi.stubGlobal('indexedDB', new IDBFactory());
  defineElements();
  const el = document.createElement('earful-feedback');
  for (const [name, value] of Object.entries({ endpoint: 'http://127.0.0.1/v1/feedback', ...attributes })) el.setAttribute(name, value);
  document.body.append(el);
  return el;
}

describe('defineElements', () => {
  it('registers both elements once; calling it again does nothing', () => {
    defineElements();
    const feedback = customElements.get('earful-feedback');
    expect(feedback).toBeTypeOf('function');
    expect(customElements.get('earful-nps')).toBeTypeOf('function');
    expect(() => defineElements()).not.toThrow();
    expect(customElements.get('earful-feedback')).toBe(feedback);
  });

  it('speaks the language of its locale attribute from the translations given in its locales property', async () => {
    vi.stubGlobal('indexedDB', new IDBFactory());
    defineElements();
    const el = Object.assign(document.createElement('earful-feedback'), { locales: { de } });
    el.setAttribute('endpoint', 'http://127.0.0.1/v1/feedback');
    el.setAttribute('locale', 'de');
    document.body.append(el);
    const section = el.shadowRoot!.querySelector('section')!;
    expect(section.lang).toBe('de');
    fireEvent.click(within(section).getByRole('button', { name: de.feedback }));
    expect(await within(section).findByRole('dialog', { name: de.title })).toBeTruthy();
    expect(de.title).not.toBe('Send feedback');
    el.remove();
  });

  it('<earful-feedback endpoint> renders the launcher in its own shadow root and opens the dialog', async () => {
    const el = addFeedbackElement({ 'user-email': 'jane@example.com', position: 'bottom-left' });
    const ui = inside(el);
    expect(el.shadowRoot!.querySelector('section')!.classList.contains('at-left')).toBe(true);
    fireEvent.click(ui.getByRole('button', { name: 'Feedback' }));
    expect(((await ui.findByLabelText('Email')) as HTMLInputElement).value).toBe('jane@example.com');
    el.remove();
    expect(el.shadowRoot!.childNodes).toHaveLength(0);
  });

  it('leaves out a user-email that is not an email, and says so once', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const el = addFeedbackElement({ 'user-id': 'u-1', 'user-email': 'jane@' });
    expect(warn.mock.calls).toEqual([[expect.stringContaining('<earful-feedback user-email>: "jane@" is not an email address')]]);
    el.remove();
    warn.mockRestore();
  });

  it('uses a client set as a property, reports submissions as an event, and follows user attributes', async () => {
    defineElements();
    const { client } = answeringClient({ status: 'delivered' });
    const el = document.createElement('earful-feedback') as HTMLElement & { client?: unknown; open(): void };
    el.client = client;
    const submitted = vi.fn();
    el.addEventListener('earful-submitted', (e) => submitted((e as CustomEvent).detail));
    document.body.append(el);
    el.setAttribute('user-id', 'u-9');
    expect(client.identify).toHaveBeenLastCalledWith({ id: 'u-9', email: undefined, name: undefined });
    el.open();
    const ui = inside(el);
    fireEvent.input(await ui.findByLabelText(/^Message/), { target: { value: 'from an element' } });
    fireEvent.click(ui.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(submitted).toHaveBeenCalledWith({ id: 'id-1', status: 'delivered' }));
  });

  it('<earful-nps> shows the prompt inline when targeting allows, and kind="csat" asks 1–5', async () => {
    defineElements();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { client, kept } = answeringClient({ status: 'queued', durability: 'indexeddb' } as never);
    // A returning visitor (seen yesterday): targeting asks after 10 s of this second session.
    for (const kind of ['nps', 'csat']) kept.set(kind, { lastSeenAt: Date.now() - 86_400_000, sessions: 1, pageViews: 1 });
    const nps = document.createElement('earful-nps') as HTMLElement & { client?: unknown };
    nps.client = client;
    document.body.append(nps);
    await vi.advanceTimersByTimeAsync(10_000);
    const group = await inside(nps).findByRole('radiogroup', { name: /How likely/ });
    expect(group.closest('.prompt')!.classList.contains('prompt-corner')).toBe(false);
    expect(inside(nps).queryByRole('button', { name: 'Feedback' })).toBeNull();
    const csat = document.createElement('earful-nps') as HTMLElement & { client?: unknown };
    csat.client = client;
    csat.setAttribute('kind', 'csat');
    document.body.append(csat);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await inside(csat).findByRole('radiogroup', { name: /How satisfied/ })).toBeTruthy();
  });

  it('renders nothing without an endpoint or a client', () => {
    defineElements();
    const el = document.createElement('earful-feedback');
    document.body.append(el);
    expect(el.shadowRoot).toBeNull();
  });
});

// @vitest-environment happy-dom
// mount(): the launcher and the modal dialog in a shadow root — keyboard, focus and drafts.
import { act, fireEvent, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { SubmitResult } from '../../src/client/client.js';
import { type MountHandle, type MountOptions, mount, mountIn } from '../../src/ui/mount.js';
import { answeringClient, fakeClient } from './helpers.js';

let handle: MountHandle | undefined;
afterEach(() => {
  handle?.();
  handle = undefined;
  document.body.replaceChildren();
});

function setup(options: Partial<MountOptions> = {}) {
  const fake = fakeClient();
  handle = mount(document.body, { client: fake.client, ...options });
  const host = document.body.querySelector('earful-widget')!;
  const root = host.shadowRoot!;
  // The widget's root element: testing-library waits on elements, not on shadow roots.
  const ui = within(root.querySelector('section')!);
  const active = () => root.activeElement;
  return { ...fake, host, root, ui, active };
}

const key = (el: Element, k: string, shiftKey = false) => fireEvent.keyDown(el, { key: k, shiftKey });

describe('mount', () => {
  it('shows a Feedback launcher button that opens a labelled modal dialog with focus on the message', async () => {
    const { ui, active } = setup();
    fireEvent.click(ui.getByRole('button', { name: /Feedback/ }));
    const dialog = await ui.findByRole('dialog', { name: 'Send feedback' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(active()).toBe(ui.getByLabelText(/^Message/));
  });

  it('keeps Tab inside the dialog, both ways', async () => {
    const { ui, active } = setup();
    fireEvent.click(ui.getByRole('button', { name: 'Feedback' }));
    const dialog = await ui.findByRole('dialog');
    const close = ui.getByRole('button', { name: 'Close' });
    const send = ui.getByRole('button', { name: 'Send' });
    send.focus();
    key(send, 'Tab');
    expect(active()).toBe(close);
    key(close, 'Tab', true);
    expect(active()).toBe(send);
    const message = ui.getByLabelText(/^Message/);
    message.focus();
    key(message, 'Tab');
    expect(active()).toBe(message); // not at an edge: the browser moves on
    expect(dialog.contains(message)).toBe(true);
  });

  it('keeps Tab inside the dialog from its status message after Send', async () => {
    const { ui, active, answer } = setup();
    fireEvent.click(ui.getByRole('button', { name: 'Feedback' }));
    await ui.findByRole('dialog');
    fireEvent.input(ui.getByLabelText(/^Message/), { target: { value: 'Works offline now' } });
    fireEvent.click(ui.getByRole('button', { name: 'Send' }));
    answer({ status: 'queued', durability: 'indexeddb' });
    const status = await ui.findByRole('status');
    await waitFor(() => expect(active()).toBe(status));
    key(status, 'Tab');
    expect(active()).toBe(ui.getByRole('button', { name: 'Close' }));
    status.focus();
    key(status, 'Tab', true);
    expect(active()).toBe(ui.getByRole('button', { name: 'Close' }));
  });

  it('closes on Escape, returns focus to the launcher and keeps the draft', async () => {
    const { ui, active } = setup();
    const launcher = ui.getByRole('button', { name: 'Feedback' });
    launcher.focus();
    fireEvent.click(launcher);
    await ui.findByRole('dialog');
    fireEvent.input(ui.getByLabelText(/^Message/), { target: { value: 'half a thought' } });
    key(ui.getByLabelText(/^Message/), 'Escape');
    await waitFor(() => expect(ui.queryByRole('dialog')).toBeNull());
    expect(active()).toBe(launcher);
    fireEvent.click(launcher);
    expect(((await ui.findByLabelText(/^Message/)) as HTMLTextAreaElement).value).toBe('half a thought');
  });

  it('closes on a backdrop click and on the close button, keeping the draft both times', async () => {
    const { ui } = setup();
    fireEvent.click(ui.getByRole('button', { name: 'Feedback' }));
    const dialog = await ui.findByRole('dialog');
    fireEvent.input(ui.getByLabelText(/^Message/), { target: { value: 'draft' } });
    fireEvent.click(dialog); // inside: stays open
    expect(ui.queryByRole('dialog')).not.toBeNull();
    fireEvent.click(dialog.parentElement!);
    await waitFor(() => expect(ui.queryByRole('dialog')).toBeNull());
    fireEvent.click(ui.getByRole('button', { name: 'Feedback' }));
    fireEvent.click(await ui.findByRole('button', { name: 'Close' }));
    await waitFor(() => expect(ui.queryByRole('dialog')).toBeNull());
    act(() => handle!.open());
    expect(((await ui.findByLabelText(/^Message/)) as HTMLTextAreaElement).value).toBe('draft');
  });

  it('returns focus to the page element that opened it with open()', async () => {
    const { ui } = setup({ position: 'none' });
    const own = document.createElement('button');
    document.body.append(own);
    own.focus();
    act(() => handle!.open());
    await ui.findByRole('dialog');
    act(() => handle!.close());
    await waitFor(() => expect(ui.queryByRole('dialog')).toBeNull());
    expect(document.activeElement).toBe(own);
  });

  it('shows no launcher with position none, and open() still works, with a prefill', async () => {
    const { ui } = setup({ position: 'none' });
    expect(ui.queryByRole('button', { name: 'Feedback' })).toBeNull();
    act(() => handle!.open({ message: 'About the search page: ' }));
    expect(((await ui.findByLabelText(/^Message/)) as HTMLTextAreaElement).value).toBe('About the search page: ');
  });

  it('keeps the draft after a failed submit, and clears it after a sent one', async () => {
    const { ui, answer, client } = setup();
    fireEvent.click(ui.getByRole('button', { name: 'Feedback' }));
    fireEvent.input(await ui.findByLabelText(/^Message/), { target: { value: 'try me' } });
    fireEvent.click(ui.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(client.submit).toHaveBeenCalledTimes(1));
    answer({ status: 'failed', error: 'nope' });
    await ui.findByRole('alert');
    key(ui.getByLabelText(/^Message/), 'Escape');
    fireEvent.click(ui.getByRole('button', { name: 'Feedback' }));
    expect(((await ui.findByLabelText(/^Message/)) as HTMLTextAreaElement).value).toBe('try me');
    fireEvent.click(ui.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(client.submit).toHaveBeenCalledTimes(2));
    answer({ status: 'delivered' });
    await ui.findByText('Thanks — sent');
    fireEvent.click(ui.getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(ui.queryByRole('dialog')).toBeNull());
    fireEvent.click(ui.getByRole('button', { name: 'Feedback' }));
    expect(((await ui.findByLabelText(/^Message/)) as HTMLTextAreaElement).value).toBe('');
  });

  it('reports every submission from the UI through onSubmitted', async () => {
    const results: SubmitResult[] = [];
    const { client } = answeringClient({ status: 'delivered' });
    handle = mount(document.body, { client, onSubmitted: (r) => results.push(r) });
    const ui = within(document.querySelector('earful-widget')!.shadowRoot!.querySelector('section')!);
    fireEvent.click(ui.getByRole('button', { name: 'Feedback' }));
    fireEvent.input(await ui.findByLabelText(/^Message/), { target: { value: 'hi' } });
    fireEvent.click(ui.getByRole('button', { name: 'Send' }));
    await ui.findByText('Thanks — sent');
    expect(results).toEqual([{ id: 'id-1', status: 'delivered' }]);
  });

  it('prefills from the user option and from identify(), which also identifies the client', async () => {
    const { ui, client } = setup({ user: { email: 'first@example.com' } });
    act(() => handle!.open());
    expect(((await ui.findByLabelText('Email')) as HTMLInputElement).value).toBe('first@example.com');
    act(() => handle!.identify({ id: 'u2', email: 'second@example.com' }));
    await waitFor(() => expect((ui.getByLabelText('Email') as HTMLInputElement).value).toBe('second@example.com'));
    expect(client.identify).toHaveBeenCalledWith({ id: 'u2', email: 'second@example.com' });
  });

  it('marks position, colour scheme and right-to-left locales on its root', () => {
    const { root } = setup({ position: 'bottom-left', colorScheme: 'dark', locale: 'ar', strings: { feedback: 'ملاحظات' } });
    const section = root.querySelector('section')!;
    expect(section.className.split(' ')).toEqual(['root', 'theme-dark', 'at-left']);
    expect(section.getAttribute('dir')).toBe('rtl');
    expect(section.getAttribute('lang')).toBe('ar');
  });

  it('speaks English left to right, whatever the page, when it has no words for the locale', () => {
    const { root } = setup({ locale: 'he' });
    expect(root.querySelector('section')!.getAttribute('dir')).toBe('ltr');
    expect(root.querySelector('section')!.getAttribute('lang')).toBe('en');
  });

  it('adopts its styles into the shadow root and adds nothing global', () => {
    const before = document.head.innerHTML;
    const { root } = setup();
    expect(root.adoptedStyleSheets).toHaveLength(1);
    expect(document.querySelectorAll('style, link')).toHaveLength(0);
    expect(document.head.innerHTML).toBe(before);
    expect(root.querySelectorAll('[style]')).toHaveLength(0);
  });

  it("adopts the cards' styles after the launcher's when it first draws them, and drops both on unmount", async () => {
    const { root, ui } = setup();
    const [launcherSheet] = root.adoptedStyleSheets;
    const rules = (sheet: CSSStyleSheet) => Array.from(sheet.cssRules, (rule) => rule.cssText).join('\n');
    expect(rules(launcherSheet!)).toContain('.launcher');
    expect(rules(launcherSheet!)).not.toContain('.dialog');
    fireEvent.click(ui.getByRole('button', { name: 'Feedback' }));
    await ui.findByRole('dialog');
    expect(root.adoptedStyleSheets).toHaveLength(2);
    expect(root.adoptedStyleSheets[0]).toBe(launcherSheet);
    expect(rules(root.adoptedStyleSheets[1]!)).toContain('.dialog');
    act(() => handle!.close());
    act(() => handle!.open());
    await ui.findByRole('dialog');
    expect(root.adoptedStyleSheets).toHaveLength(2);
    handle!();
    handle = undefined;
    expect(root.adoptedStyleSheets).toHaveLength(0);
  });

  it("takes away only its own styles from a shadow root it was given, leaving the page's sheet there", () => {
    const host = document.createElement('div');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    const pagesOwn = new CSSStyleSheet();
    root.adoptedStyleSheets = [pagesOwn];
    const unmount = mountIn(host, { client: fakeClient().client }, false);
    expect(root.adoptedStyleSheets).toHaveLength(2);
    unmount();
    expect(root.adoptedStyleSheets).toEqual([pagesOwn]);
  });

  it('puts the nonce on each <style> where constructed stylesheets are missing', async () => {
    const original = globalThis.CSSStyleSheet;
    // @ts-expect-error simulating an older browser
    globalThis.CSSStyleSheet = undefined;
    try {
      const { root, ui } = setup({ nonce: 'abc123' });
      const style = root.querySelector('style')!;
      expect(style.nonce).toBe('abc123');
      expect(style.textContent).toContain('--earful-accent');
      fireEvent.click(ui.getByRole('button', { name: 'Feedback' }));
      await ui.findByRole('dialog');
      const styles = Array.from(root.querySelectorAll('style'));
      expect(styles.map((each) => each.nonce)).toEqual(['abc123', 'abc123']);
      expect(styles[1]!.textContent).toContain('.dialog');
      expect(document.querySelectorAll('style')).toHaveLength(0);
    } finally {
      globalThis.CSSStyleSheet = original;
    }
  });

  it('unmounts when the handle is called, leaving the document as it was', async () => {
    const before = document.body.innerHTML;
    const { ui } = setup();
    fireEvent.click(ui.getByRole('button', { name: 'Feedback' }));
    await ui.findByRole('dialog');
    handle!();
    handle = undefined;
    expect(document.body.innerHTML).toBe(before);
    expect(document.querySelector('earful-widget')).toBeNull();
  });
});

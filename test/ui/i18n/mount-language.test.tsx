// @vitest-environment happy-dom
// The mounted widget speaks the page's language: its words, its lang and its direction, and
// it shows nothing in English while a translation that loads is on its way.
import { act, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import ar from '../../../src/locales/ar.js';
import ja from '../../../src/locales/ja.js';
import type { Strings } from '../../../src/ui/strings.js';
import { type MountHandle, type MountOptions, mount } from '../../../src/ui/mount.js';
import { fakeClient } from '../helpers.js';

let handle: MountHandle | undefined;
afterEach(() => {
  handle?.();
  handle = undefined;
  document.body.replaceChildren();
  document.documentElement.lang = '';
  document.documentElement.dir = '';
});

const section = () => document.querySelector('earful-widget')!.shadowRoot!.querySelector('section');
const widget = () => within(section()!);
const start = (options: Partial<MountOptions>) => (handle = mount(document.body, { client: fakeClient().client, ...options }));

/** A translation that arrives when the test says so. */
function later() {
  let deliver!: (words: Partial<Strings> | undefined) => void;
  const asked: string[] = [];
  const locales = (locale: string) => {
    asked.push(locale);
    return new Promise<Partial<Strings> | undefined>((resolve) => (deliver = resolve));
  };
  const arrive = (words: Partial<Strings> | undefined) =>
    act(async () => {
      deliver(words);
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  return { locales, asked, deliver: arrive };
}

describe('the widget in the page’s language', () => {
  it('speaks Japanese on a page with <html lang="ja">, with no other configuration than the translations', () => {
    document.documentElement.lang = 'ja';
    start({ locales: { ja } });
    expect(widget().getByRole('button', { name: 'フィードバック' })).toBeTruthy();
    expect(section()!.getAttribute('lang')).toBe('ja');
    expect(section()!.getAttribute('dir')).toBe('ltr');
    act(() => handle!.open());
    expect(widget().getByRole('dialog', { name: 'フィードバックを送信' })).toBeTruthy();
    expect(widget().getByRole('button', { name: '送信' })).toBeTruthy();
  });

  it('writes right to left in Arabic on a left-to-right page, and left to right in English on an Arabic page', () => {
    document.documentElement.lang = 'ar';
    start({ locales: { ar } });
    expect(section()!.getAttribute('dir')).toBe('rtl');
    expect(widget().getByRole('button', { name: 'ملاحظات' })).toBeTruthy();
    handle!();
    document.documentElement.dir = 'rtl';
    start({ locale: 'en', locales: { ar } });
    expect(section()!.getAttribute('dir')).toBe('ltr');
  });

  it('shows nothing until a translation that loads is in, then everything asked for meanwhile, translated', async () => {
    document.documentElement.lang = 'ar-EG';
    const translation = later();
    start({ locales: translation.locales });
    act(() => handle!.nps());
    expect(translation.asked).toEqual(['ar']);
    expect(section()).toBeNull();
    await translation.deliver(ar);
    expect(section()!.getAttribute('dir')).toBe('rtl');
    expect(widget().getByRole('button', { name: 'ملاحظات' })).toBeTruthy();
    expect(widget().getByRole('radiogroup', { name: ar.nps })).toBeTruthy();
  });

  it('shows up in English when the translation cannot be had', async () => {
    document.documentElement.lang = 'ja';
    const translation = later();
    start({ locales: translation.locales });
    await translation.deliver(undefined);
    expect(widget().getByRole('button', { name: 'Feedback' })).toBeTruthy();
    expect(section()!.getAttribute('lang')).toBe('en');
  });

  it('lets strings override the translation', () => {
    document.documentElement.lang = 'ja';
    start({ locales: { ja }, strings: { feedback: 'ご意見' } });
    expect(widget().getByRole('button', { name: 'ご意見' })).toBeTruthy();
    act(() => handle!.open());
    expect(widget().getByRole('dialog', { name: ja.title })).toBeTruthy();
  });
});

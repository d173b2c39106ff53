// @vitest-environment node
// The widget's words and language from its options and what the page asks for.
import { describe, expect, it, vi } from 'vitest';
import { type WidgetLanguage, widgetLanguage } from '../../../src/ui/i18n/widget-language.js';
import ar from '../../../src/locales/ar.js';
import de from '../../../src/locales/de.js';
import ja from '../../../src/locales/ja.js';
import { en } from '../../../src/ui/strings.js';

const now = (language: WidgetLanguage | Promise<WidgetLanguage>) => {
  if (language instanceof Promise) throw new Error('expected the language at once');
  return language;
};

describe('widgetLanguage', () => {
  it('speaks English, left to right, when nothing else is asked for or offered', () => {
    expect(now(widgetLanguage({}, []))).toEqual({ lang: 'en', dir: 'ltr', strings: en });
    // Japanese asked for, but no translations to take it from.
    expect(now(widgetLanguage({}, ['ja'])).lang).toBe('en');
  });

  // The first likely-subtags lookup in a page costs ~15 ms of main thread at 4× CPU throttling
  // (bench/README.md, page-load): a page in English, the usual case, never makes one.
  it('chooses English for an English page without looking up likely subtags', () => {
    const maximize = vi.spyOn(Intl.Locale.prototype, 'maximize');
    try {
      expect(now(widgetLanguage({ locales: { ja, de } }, ['en', 'en-US', 'de']))).toEqual({ lang: 'en', dir: 'ltr', strings: en });
      expect(now(widgetLanguage({ locales: { ja, de } }, ['', 'en-GB'])).lang).toBe('en');
      expect(maximize).not.toHaveBeenCalled();
    } finally {
      maximize.mockRestore();
    }
  });

  it('looks up no likely subtags when no translations are offered, whatever the page asks for', () => {
    const maximize = vi.spyOn(Intl.Locale.prototype, 'maximize');
    try {
      expect(now(widgetLanguage({}, ['ja', 'de-CH'])).lang).toBe('en');
      expect(maximize).not.toHaveBeenCalled();
    } finally {
      maximize.mockRestore();
    }
  });

  it("speaks the page's language from the translations offered, at once when they are at hand", () => {
    expect(now(widgetLanguage({ locales: { ja, de } }, ['ja', 'de']))).toEqual({ lang: 'ja', dir: 'ltr', strings: { ...en, ...ja } });
  });

  it('writes Arabic right to left', () => {
    expect(now(widgetLanguage({ locales: { ar } }, ['ar-EG']))).toMatchObject({ lang: 'ar', dir: 'rtl', strings: { ...en, ...ar } });
  });

  it('puts the locale option before what the page asks for', () => {
    expect(now(widgetLanguage({ locale: 'de-AT', locales: { ja, de } }, ['ja'])).lang).toBe('de');
  });

  it('passes over an explicit locale that nothing serves, to the page, then English', () => {
    expect(now(widgetLanguage({ locale: 'sw', locales: { ja } }, ['ja'])).lang).toBe('ja');
    expect(now(widgetLanguage({ locale: 'sw', locales: { ja } }, [])).lang).toBe('en');
  });

  it('speaks English when the chosen language is not among the translations offered', () => {
    expect(now(widgetLanguage({ locales: { de } }, ['fr', 'de'])).lang).toBe('en');
  });

  it('lets strings override any word in any language', () => {
    const language = now(widgetLanguage({ locales: { ja }, strings: { title: 'ご意見をお寄せください' } }, ['ja']));
    expect(language.strings).toEqual({ ...en, ...ja, title: 'ご意見をお寄せください' });
    expect(now(widgetLanguage({ strings: { send: 'Submit' } }, [])).strings).toEqual({ ...en, send: 'Submit' });
  });

  it('speaks a language not built in when the page gives its words, in its direction', () => {
    const persian = { feedback: 'بازخورد', send: 'ارسال' };
    expect(now(widgetLanguage({ locale: 'fa', strings: persian }, ['en']))).toEqual({
      lang: 'fa',
      dir: 'rtl',
      strings: { ...en, ...persian },
    });
  });

  it('keeps the language of words the page gives with a locale, when no translation serves it', async () => {
    expect(now(widgetLanguage({ locale: 'ar', strings: { feedback: 'ملاحظات' } }, ['en']))).toMatchObject({ lang: 'ar', dir: 'rtl' });
    const failed = await widgetLanguage({ locale: 'ar', strings: { feedback: 'ملاحظات' }, locales: () => Promise.reject(new Error('offline')) }, []);
    expect(failed).toMatchObject({ lang: 'ar', dir: 'rtl', strings: { ...en, feedback: 'ملاحظات' } });
  });

  it('waits for a translation that loads, and asks for the chosen locale only', async () => {
    const asked: string[] = [];
    const locales = async (locale: string) => {
      asked.push(locale);
      return locale === 'ja' ? ja : undefined;
    };
    const language = widgetLanguage({ locales }, ['ja-JP', 'de']);
    expect(language).toBeInstanceOf(Promise);
    expect(await language).toEqual({ lang: 'ja', dir: 'ltr', strings: { ...en, ...ja } });
    expect(asked).toEqual(['ja']);
  });

  it('falls back to English when the translation fails or is not there', async () => {
    expect((await widgetLanguage({ locales: () => Promise.reject(new Error('offline')) }, ['ja'])).lang).toBe('en');
    expect((await widgetLanguage({ locales: async () => undefined }, ['ja'])).lang).toBe('en');
    expect(now(widgetLanguage({ locales: () => undefined }, ['ja'])).lang).toBe('en');
  });

  it('does not wait longer than it was told for a translation that never comes', async () => {
    const started = Date.now();
    const language = await widgetLanguage({ locales: () => new Promise(() => {}) }, ['ja'], 50);
    expect(language.lang).toBe('en');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('asks for nothing when English is chosen', () => {
    let asked = 0;
    const locales = () => {
      asked++;
      return undefined;
    };
    const language = widgetLanguage({ locales }, ['en-GB', 'ja']);
    expect(now(language).lang).toBe('en');
    expect(asked).toBe(0);
  });
});

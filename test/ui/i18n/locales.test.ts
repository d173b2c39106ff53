// @vitest-environment node
// Which built-in language serves a requested tag, and which of several requests wins.
import { describe, expect, it } from 'vitest';
import { direction } from '../../../src/ui/i18n/direction.js';
import { LOCALES, chooseLocale, isPlainEnglish, matchLocale, pageLocales } from '../../../src/ui/i18n/locales.js';

describe('isPlainEnglish', () => {
  it('is English alone or with a region of two letters or three digits, in any case', () => {
    for (const tag of ['en', 'EN', 'en-US', 'en-gb', 'En-Gb', 'en-419']) expect(isPlainEnglish(tag), tag).toBe(true);
  });

  it('is not another language, a script or variant, or a malformed region', () => {
    for (const tag of ['', 'eng', 'de', 'de-en', 'en-', 'en-1', 'en-4199', 'en-u', 'en-usa', 'en-Latn', 'en-GB-oxendict', 'en-U2', 'en_US'])
      expect(isPlainEnglish(tag), tag).toBe(false);
  });
});

describe('matchLocale', () => {
  it('takes a shipped tag as it is, whatever its case or separator', () => {
    expect(matchLocale('ja')).toBe('ja');
    expect(matchLocale('pt-BR')).toBe('pt-BR');
    expect(matchLocale('PT-br')).toBe('pt-BR');
    expect(matchLocale('zh-cn')).toBe('zh-CN');
  });

  it('falls back from a region to its language', () => {
    expect(matchLocale('de-CH')).toBe('de');
    expect(matchLocale('de-AT')).toBe('de');
    expect(matchLocale('fr-CA')).toBe('fr');
    expect(matchLocale('es-419')).toBe('es');
    expect(matchLocale('en-GB')).toBe('en');
    expect(matchLocale('ar-EG')).toBe('ar');
  });

  it('serves Portuguese by region: Portugal its own, Brazil and a bare pt the Brazilian', () => {
    expect(matchLocale('pt-PT')).toBe('pt-PT');
    expect(matchLocale('pt')).toBe('pt-BR');
    expect(matchLocale('pt-BR')).toBe('pt-BR');
    // Without a European file, Portugal still reads Portuguese rather than English.
    expect(matchLocale('pt-PT', ['en', 'pt-BR'])).toBe('pt-BR');
  });

  it('serves Chinese by script: Traditional for Taiwan, Hong Kong and Macau, Simplified for the rest', () => {
    expect(matchLocale('zh-HK')).toBe('zh-TW');
    expect(matchLocale('zh-MO')).toBe('zh-TW');
    expect(matchLocale('zh-Hant')).toBe('zh-TW');
    expect(matchLocale('zh-Hant-HK')).toBe('zh-TW');
    expect(matchLocale('zh')).toBe('zh-CN');
    expect(matchLocale('zh-SG')).toBe('zh-CN');
    expect(matchLocale('zh-Hans-HK')).toBe('zh-CN');
    // Simplified is not offered to a reader of Traditional when no Traditional file ships.
    expect(matchLocale('zh-HK', ['en', 'zh-CN'])).toBeUndefined();
  });

  it('reads old and macro codes as their written standard: iw → he, in → id, no and nn → nb', () => {
    expect(matchLocale('iw')).toBe('he');
    expect(matchLocale('in')).toBe('id');
    expect(matchLocale('no')).toBe('nb');
    expect(matchLocale('nn-NO')).toBe('nb');
  });

  it('finds nothing for a language not shipped, or for what is not a language tag', () => {
    for (const tag of ['sw', 'fa', 'ur', 'x', '*', '', 'en US', 'sr-Latn']) expect(matchLocale(tag), tag).toBeUndefined();
  });

  it('chooses only among the locales offered', () => {
    expect(matchLocale('de-CH', ['en', 'fr'])).toBeUndefined();
    expect(matchLocale('fr-BE', ['en', 'fr'])).toBe('fr');
  });
});

describe('chooseLocale', () => {
  it('takes the first request that a shipped locale serves', () => {
    expect(chooseLocale(['sw', 'de-CH', 'fr'])).toBe('de');
    expect(chooseLocale([undefined, null, '', 'ja-JP'])).toBe('ja');
  });

  it('takes English with any region as English, unless English is not offered', () => {
    expect(chooseLocale(['en-US', 'de'])).toBe('en');
    expect(chooseLocale(['EN-gb', 'de'])).toBe('en');
    expect(chooseLocale(['en-US', 'de'], ['de', 'ja'])).toBe('de');
    expect(chooseLocale(['en-Dsrt', 'de'])).toBe('de'); // English in the Deseret script: not the built-in
  });

  it('falls back to English', () => {
    expect(chooseLocale([])).toBe('en');
    expect(chooseLocale(['sw', 'x-klingon'])).toBe('en');
  });

  it('lists only locales whose tags are well formed and distinct', () => {
    expect(new Set(LOCALES).size).toBe(LOCALES.length);
    for (const tag of LOCALES) expect(Intl.getCanonicalLocales(tag)).toEqual([tag]);
  });
});

describe('pageLocales', () => {
  it("asks for the page's lang first, then the browser's languages in order", () => {
    const doc = { documentElement: { lang: 'ar' } } as Document;
    expect(pageLocales(doc, { languages: ['de-CH', 'en'], language: 'de-CH' } as unknown as Navigator)).toEqual(['ar', 'de-CH', 'en']);
    expect(pageLocales(doc, { language: 'fr' } as Navigator)).toEqual(['ar', 'fr']);
  });
});

describe('direction', () => {
  it('is right to left for Arabic, Hebrew, Persian and Urdu, and their kin', () => {
    for (const tag of ['ar', 'ar-EG', 'he', 'iw', 'fa', 'ur', 'ps', 'yi', 'ckb', 'pa-Arab']) expect(direction(tag), tag).toBe('rtl');
  });

  it('is left to right for everything else, a romanised Arabic and a broken tag included', () => {
    for (const tag of ['en', 'ja', 'zh-TW', 'ru', 'hi', 'pa', 'ar-Latn', 'x', '']) expect(direction(tag), tag).toBe('ltr');
  });
});

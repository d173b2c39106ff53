// @vitest-environment node
// How the translations ship (test/global-setup.ts built dist/): a module per locale for apps,
// the same words as JSON for the script tag, and none of them inside the main files.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/ui/i18n/locales.js';
import de from '../../src/locales/de.js';
import { en } from '../../src/ui/strings.js';

const built = (file: string) => readFileSync(new URL(`../../dist/${file}`, import.meta.url), 'utf8');
const translated = LOCALES.filter((locale) => locale !== 'en');

describe('the locales as shipped', () => {
  it('lets an app import one locale by name: earful/locales/de', async () => {
    expect((await import('earful/locales/de')).default).toEqual(de);
    expect(JSON.parse(built('locales/de.json'))).toEqual(de);
  });

  it('ships every locale as an ES module with types and as the same words in JSON', async () => {
    const files = readdirSync(new URL('../../dist/locales/', import.meta.url));
    expect(files.sort()).toEqual(translated.flatMap((l) => [`${l}.js`, `${l}.json`]).sort());
    for (const locale of translated) {
      const module = await import(/* @vite-ignore */ `../../dist/locales/${locale}.js`);
      expect(JSON.parse(built(`locales/${locale}.json`)), locale).toEqual(module.default);
      expect(built(`types/locales/${locale}.d.ts`)).toMatch(/: Translation;/);
    }
  });

  it('keeps every translation out of the script tag (both files) and the npm entry', async () => {
    const main = [built('earful.js'), built('earful-ui.js'), built('index.js')];
    for (const locale of translated) {
      const words = (await import(/* @vite-ignore */ `../../dist/locales/${locale}.js`)).default as Record<string, string>;
      // Their question and title, where they are not also English (Danish "Send feedback").
      const own = [words.nps!, words.title!].filter((word) => !Object.values(en).includes(word));
      for (const word of own) for (const file of main) expect(file.includes(word), `${locale}: ${word}`).toBe(false);
    }
  });
});

// @vitest-environment node
// Every built-in locale says everything English says, no more and no less, in words of its own.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/ui/i18n/locales.js';
import { en } from '../../src/ui/strings.js';

/** The widget's keys: English's. */
const KEYS = Object.keys(en).sort();

const files = readdirSync(new URL('../../src/locales/', import.meta.url)).filter((f) => f.endsWith('.ts'));
const locales = await Promise.all(
  files.map(async (file) => {
    const module = (await import(/* @vite-ignore */ `../../src/locales/${file}`)) as { default: Record<string, unknown> };
    return [file.replace(/\.ts$/, ''), module.default] as const;
  }),
);

/** `{name}` placeholders a string fills in at run time. */
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('built-in locales', () => {
  it('ships one file per locale that the widget can choose, English aside', () => {
    expect(files.map((f) => f.replace(/\.ts$/, '')).sort()).toEqual(LOCALES.filter((l) => l !== 'en').sort());
  });

  it('ships at least the languages the issue asks for', () => {
    for (const required of ['de', 'fr', 'es', 'pt-BR', 'it', 'nl', 'ja', 'zh-CN', 'ko', 'ar', 'he', 'pl']) expect(LOCALES).toContain(required);
  });

  describe.each(locales)('%s', (_name, strings) => {
    it("has exactly the widget's keys", () => {
      expect(Object.keys(strings).sort()).toEqual(KEYS);
    });

    it('has a non-empty string for every key, without stray spaces, and the same placeholders', () => {
      for (const [key, value] of Object.entries(strings)) {
        expect(typeof value, key).toBe('string');
        const text = value as string;
        // The required mark begins with the space its language puts before it (none in Japanese or Chinese).
        expect(key === 'requiredMark' ? text.trimEnd() : text.trim(), key).toBe(text);
        expect(text, key).not.toBe('');
        expect(placeholders(text), key).toEqual(placeholders(en[key as keyof typeof en] ?? ''));
      }
    });

    it('is written in its own words: most strings differ from English', () => {
      const same = Object.entries(strings).filter(([key, value]) => value === en[key as keyof typeof en]);
      // Loanwords and shared words ("Feedback", "Name", "Email") may stay; whole sentences may not.
      for (const [key] of same) expect(en[key as keyof typeof en].split(' ').length, key).toBeLessThanOrEqual(2);
      expect(same.length).toBeLessThan(KEYS.length / 4);
    });
  });
});

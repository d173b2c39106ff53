/**
 * The widget's words and the language they are in, from the options and what the page asks
 * for (API.md §2): the `locale` option, else `<html lang>`, else the browser's languages, else
 * English. `strings` overrides any word in any language.
 */
import { type Strings, en } from '../strings.js';
import { direction } from './direction.js';
import { chooseLocale, matchLocale } from './locales.js';

/**
 * Translations by built-in locale (`{ de, ja }` from `earful/locales/de`, …), or a function that
 * returns or fetches one. A locale chosen but not offered is spoken in English.
 */
export type Locales =
  | Readonly<Record<string, Partial<Strings>>>
  | ((locale: string) => Partial<Strings> | undefined | Promise<Partial<Strings> | undefined>);

export interface LanguageOptions {
  /** The language to speak, whatever the page says. */
  locale?: string;
  /** Words that replace the chosen language's (all of them, with a `locale` not built in). */
  strings?: Partial<Strings>;
  /** Where translations come from; without it, only English and `strings`. */
  locales?: Locales;
}

export interface WidgetLanguage {
  /** For the widget's `lang` attribute: the language of most of `strings`. */
  lang: string;
  dir: 'ltr' | 'rtl';
  strings: Strings;
}

/**
 * How long the widget waits for a translation before it shows up in English: long enough for a
 * small file from a server it has just loaded the script from, short enough to go unnoticed.
 */
export const LOCALE_WAIT_MS = 1_000;

/**
 * The widget's language: at once when nothing needs to load, else a promise that settles within
 * `waitMs`, in English if the translation failed or has not come by then.
 */
export function widgetLanguage(
  options: LanguageOptions,
  requested: readonly (string | null | undefined)[],
  waitMs = LOCALE_WAIT_MS,
): WidgetLanguage | Promise<WidgetLanguage> {
  const { locale, strings, locales } = options;
  const speak = (lang: string, words?: Partial<Strings>): WidgetLanguage => ({
    lang,
    dir: direction(lang),
    strings: { ...en, ...words, ...strings },
  });
  // Words the page gives with a `locale` are in that language, English filling any gap.
  const english = speak(locale && strings ? locale : 'en');
  // Without translations there is nothing to choose: no likely-subtags lookup (locales.ts).
  if (!locales) return english;
  // A language not built in, whose words the page gives: speak it.
  if (locale && strings && !matchLocale(locale)) return english;
  const chosen = chooseLocale([locale, ...requested]);
  if (chosen === 'en') return english;
  const found = typeof locales === 'function' ? locales(chosen) : locales[chosen];
  if (!(found instanceof Promise)) return found ? speak(chosen, found) : english;
  return new Promise((resolve) => {
    setTimeout(() => resolve(english), waitMs);
    found.then(
      (words) => resolve(words ? speak(chosen, words) : english),
      () => resolve(english),
    );
  });
}

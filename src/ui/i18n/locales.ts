/**
 * Which built-in language the widget speaks: the first requested tag that a shipped locale
 * serves. A region falls back to its language (de-CH → de), the script decides between
 * variants (zh-HK, written in Traditional characters → zh-TW), and a language without a
 * region takes its most spoken variant (pt → pt-BR), as CLDR's likely subtags say.
 */

/**
 * The locales built in, by the name of their file under `locales/` (English is in the main
 * file). Where a language ships in several variants, the first is its default.
 */
export const LOCALES: readonly string[] =
  'en ar cs da de es fi fr he hi id it ja ko nb nl pl pt-BR pt-PT ru sv th tr uk vi zh-CN zh-TW'.split(' ');

/** Languages whose readers are served by another shipped code: Norwegian reads Bokmål. */
const READ_AS: Record<string, string> = { no: 'nb', nn: 'nb' };

/** `tag` with its likely script and region filled in (`zh-HK` → `zh-Hant-HK`); throws on a malformed tag. */
export const likely = (tag: string) => new Intl.Locale(tag).maximize();

/**
 * English, alone or with a region (`en`, `en-US`, `en-419`): the built-in language, written left
 * to right in every region, so it is known without `likely()`, whose first call in a page loads
 * the likely-subtags data (~4 ms of main thread; 15 ms on a phone's slower CPU). Read with string
 * checks, not a case-insensitive pattern, whose first use in a page costs ~0.2 ms more.
 */
export function isPlainEnglish(tag: string): boolean {
  const [language, region, ...more] = tag.toLowerCase().split('-');
  return language === 'en' && more.length === 0 && (region === undefined || isRegion(region));
}

/** A region subtag: two letters (`us`) or three digits (`419`), lowercased. */
function isRegion(subtag: string): boolean {
  const everyCharacter = (isWanted: (character: string) => boolean) => [...subtag].every(isWanted);
  const twoLetters = subtag.length === 2 && everyCharacter((character) => character >= 'a' && character <= 'z');
  const threeDigits = subtag.length === 3 && everyCharacter((character) => character >= '0' && character <= '9');
  return twoLetters || threeDigits;
}

/** The locale of `available` that serves `tag`, if any: same language and script, the same region preferred. */
export function matchLocale(tag: string, available: readonly string[] = LOCALES): string | undefined {
  try {
    const wanted = likely(tag);
    const language = READ_AS[wanted.language] ?? wanted.language;
    const sameScript = available.filter((name) => {
      const offered = likely(name);
      return offered.language === language && offered.script === wanted.script;
    });
    return sameScript.find((name) => likely(name).region === wanted.region) ?? sameScript[0];
  } catch {
    // Not a language tag (`x`, `*`, an empty lang attribute): it asks for nothing.
    return undefined;
  }
}

/** The first of `requested` (most wanted first) that `available` serves, else English. */
export function chooseLocale(requested: readonly (string | null | undefined)[], available: readonly string[] = LOCALES): string {
  for (const tag of requested) {
    const found = tag && (isPlainEnglish(tag) && available.includes('en') ? 'en' : matchLocale(tag, available));
    if (found) return found;
  }
  return 'en';
}

/** What the page asks for, most wanted first: its `<html lang>`, then the browser's languages. */
export function pageLocales(doc: Document = document, nav: Navigator = navigator): string[] {
  return [doc.documentElement.lang, ...(nav.languages ?? [nav.language])];
}

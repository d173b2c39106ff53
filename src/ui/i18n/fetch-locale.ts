/**
 * The script tag's translations: `locales/<locale>.json` beside `earful.js`, fetched (never
 * evaluated: a JSON file needs no `script-src` and no Trusted Types, only `connect-src` for
 * the origin of earful.js) when the page needs that one language.
 */
import type { Strings } from '../strings.js';

/**
 * The strings of `locale` from the file beside `scriptUrl`. Rejects when there is no such file
 * or it cannot be had (offline, blocked, not JSON); the caller falls back to English.
 */
export async function fetchLocale(locale: string, scriptUrl: string | undefined, fetchFn: typeof fetch = fetch): Promise<Partial<Strings>> {
  // `scriptUrl` is absent where the script was inlined or bundled into the page's own code.
  const response = await fetchFn(new URL(`locales/${locale}.json`, scriptUrl));
  if (!response.ok) throw new Error(`locales/${locale}.json: HTTP ${response.status}`);
  const words: unknown = await response.json();
  // Only strings are words; whatever else a broken or foreign file holds is left out.
  return Object.fromEntries(Object.entries(words as object).filter(([, value]) => typeof value === 'string'));
}

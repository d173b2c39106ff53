/**
 * The script tag's translations: `locales/<locale>.json` beside `earful.js`, fetched (never
 * evaluated: a JSON file needs no `script-src` and no Trusted Types, only `connect-src` for
 * the origin of earful.js) when the page needs that one language.
 */
import { besideScript } from '../beside-script.js';
import type { Strings } from '../strings.js';

/**
 * The strings of `locale` from the file beside `scriptUrl`, under the script's query
 * (beside-script.ts). Rejects when there is no such file or it cannot be had (offline, blocked,
 * not JSON); the caller falls back to English.
 */
export async function fetchLocale(locale: string, scriptUrl: string | undefined): Promise<Partial<Strings>> {
  // `scriptUrl` is absent where the script was inlined or bundled into the page's own code.
  if (!scriptUrl) throw new Error(`no script URL to fetch locales/${locale}.json beside`);
  const response = await fetch(besideScript(`locales/${locale}.json`, scriptUrl));
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
}

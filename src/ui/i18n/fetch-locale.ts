/**
 * The script tag's translations: `locales/<locale>.json` beside `earful.js`, fetched (never
 * evaluated: a JSON file needs no `script-src` and no Trusted Types, only `connect-src` for
 * the origin of earful.js) when the page needs that one language.
 */
import type { Strings } from '../strings.js';

/**
 * The strings of `locale` from the file beside `scriptUrl`, asked for under the script's own
 * query (a `?v=` that busts a cache for `earful.js` busts it for its words too, as for
 * `earful-ui.js`). Rejects when there is no such file or it cannot be had (offline, blocked,
 * not JSON); the caller falls back to English.
 */
export async function fetchLocale(locale: string, scriptUrl: string | undefined): Promise<Partial<Strings>> {
  // `scriptUrl` is absent where the script was inlined or bundled into the page's own code.
  const url = new URL(`locales/${locale}.json`, scriptUrl);
  url.search = new URL(scriptUrl ?? '').search;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
}

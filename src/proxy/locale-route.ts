/**
 * `GET /locales/<locale>.json`: the widget's translations. They are public words, fetched by
 * pages on any origin (the script tag loads the one it needs from beside `earful.js`, and the
 * proxy serves `earful.js` to other sites), so they are served to all with
 * `Access-Control-Allow-Origin: *` and no credentials.
 */

/** Reads a translation file by name (`de.json`); `undefined` when there is none. */
export type LocaleFiles = (name: string) => Promise<string | undefined>;

/** A locale file's name: a language tag and `.json`, so no path ever reaches the reader. */
const LOCALE_FILE_NAME = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*\.json$/;

const PUBLIC = { 'access-control-allow-origin': '*', 'x-content-type-options': 'nosniff' };

/** The answer to `GET /locales/<name>`: the file, or a 404 the page can read too. */
export async function localeResponse(name: string, files: LocaleFiles | undefined): Promise<Response> {
  const body = LOCALE_FILE_NAME.test(name) ? await files?.(name) : undefined;
  if (body === undefined)
    return Response.json({ error: `no locale file ${name}` }, { status: 404, headers: { ...PUBLIC, 'cache-control': 'no-store' } });
  return new Response(body, {
    headers: {
      ...PUBLIC,
      'content-type': 'application/json; charset=utf-8',
      // As long as the script tag itself: the two change together, with each build.
      'cache-control': 'public, max-age=300',
      'cross-origin-resource-policy': 'cross-origin',
    },
  });
}

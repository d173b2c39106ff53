/**
 * Where the script tag's other files are: beside `earful.js`, under its own query, so a `?v=`
 * that busts a cache for the script busts it for what the script fetches too (`earful-ui.js`,
 * `locales/<x>.json`).
 */
export function besideScript(file: string, scriptUrl: string): URL {
  const url = new URL(file, scriptUrl);
  url.search = new URL(scriptUrl).search;
  return url;
}

/**
 * Whether a string is an absolute `http:` or `https:` URL, as `new URL` decides: the check of
 * `url` fields, in the proxy's schema and the browser's twin. For the proxy, the usual form (a
 * plain host name, a short port, printable ASCII after it) is recognised by a pattern first:
 * `new URL` took about a quarter of the time zod spent checking an item.
 */

/**
 * Only strings `new URL` always accepts as http(s): lowercase scheme; host labels of letters
 * and digits with single inner hyphens (no `xn--`, whose punycode may be invalid), the last
 * starting with a letter (a last label of digits or `0x…` makes the host an IPv4 address);
 * a port of at most 4 digits; then anything printable, which the parser escapes but never
 * refuses. Everything else goes to `new URL`.
 */
const PLAIN_HTTP_URL = /^https?:\/\/(?:[a-z\d]+(?:-[a-z\d]+)*\.)*[a-z][a-z\d]*(?:-[a-z\d]+)*(?::\d{1,4})?(?:[/?#][!-~]*)?$/;

/**
 * The rule itself: `new URL` takes it and names http or https. The browser's check calls this
 * alone (it checks one item at a time and counts its bytes).
 *
 * Not `URL.canParse`: on Node 20 and 22 it starts answering false for a host with Latin-1
 * letters (https://bücher.de/) once V8 has optimised it, so a warm proxy would reject what the
 * browser's check and a cold proxy accept (test/schema/check-submission.test.ts holds this).
 */
export function parsesAsHttpUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** The proxy's check: the pattern first, the rule for everything else. */
export const isHttpUrl = (value: string): boolean => PLAIN_HTTP_URL.test(value) || parsesAsHttpUrl(value);

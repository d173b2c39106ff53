// @vitest-environment node
// The proxy's URL check: a pattern for the usual form, `new URL` for the rest. The pattern may
// only ever accept what `new URL` accepts as http(s), or the proxy would take URLs it refused.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isHttpUrl } from '../../src/schema/http-url.js';

/** The rule itself, with no shortcut. */
const byUrlParser = (value: string): boolean => {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};

/** URL-like strings near the pattern's edges: IDNA labels, numeric hosts, long ports, odd bytes. */
const label = fc.oneof(
  fc.stringMatching(/^[a-z\d]{1,8}$/),
  fc.constantFrom('xn--a', 'xn--abc', 'xn--bcher-kva', 'a-b', '-a', 'a-', 'ab--cd', '0x1f', '0x1g', '0x', '123', '999', '1a', 'A', 'bücher', 'é', ''),
);
const host = fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.'));
const port = fc.oneof(
  fc.constant(''),
  fc.integer({ min: 0, max: 99_999 }).map((n) => `:${n}`),
  fc.constantFrom(':', ':00080', ':-1', ':8a'),
);
const rest = fc.oneof(
  fc.constant(''),
  fc.tuple(fc.constantFrom('/', '?', '#', '\\', ' ', '@', ':'), fc.string({ unit: 'binary-ascii', maxLength: 12 })).map(([a, b]) => a + b),
  fc.string({ maxLength: 12 }),
);
const scheme = fc.constantFrom('http://', 'https://', 'HTTP://', 'http:', 'http:/', 'ftp://', 'javascript://', 'https://user:pw@', '');
const urlLike = fc.tuple(scheme, host, port, rest).map((parts) => parts.join(''));

describe('isHttpUrl', () => {
  it('answers as new URL does for URL-like strings near every edge of its shortcut', () => {
    fc.assert(
      fc.property(urlLike, (value) => {
        expect(isHttpUrl(value)).toBe(byUrlParser(value));
      }),
      { numRuns: 20_000 },
    );
  });

  it('answers as new URL does for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 40 }), (value) => {
        expect(isHttpUrl(value)).toBe(byUrlParser(value));
      }),
      { numRuns: 5_000 },
    );
  });

  it.each([
    ['https://app.example.com/reports/7?tab=export#top', true],
    ['http://localhost:5173/', true],
    ['http://127.0.0.1:8787/v1', true],
    ['HTTPS://Example.com/a', true],
    ['https://bücher.de/', true],
    ['http://a.0x1g/', true],
    // Refused by the URL parser though they look plain: the shortcut must not take them.
    ['https://xn--a.com/', false],
    ['http://a.123/', false],
    ['http://a.0x1f/', false],
    ['http://1.2.3.999/', false],
    ['https://example.com:99999/', false],
    ['mailto:jane@example.com', false],
    ['https://', false],
  ])('%s → %s', (value, expected) => {
    expect(isHttpUrl(value)).toBe(expected);
    expect(byUrlParser(value)).toBe(expected);
  });
});

// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSubmission, findSubmissionIssue } from '../../src/schema/check-submission.js';
import { issuePath, issueText } from '../../src/schema/messages.js';
import { SubmissionSchema } from '../../src/schema/submission.js';
import { mutatedSubmission, validSubmission } from './arbitraries.js';

/** The proxy's first problem with `input`, as `{ path, message }`. */
const zodIssue = (input: unknown) => {
  const parsed = SubmissionSchema.safeParse(input);
  return parsed.success ? undefined : { path: issuePath(parsed.error.issues[0]!.path), message: parsed.error.issues[0]!.message };
};
const zodFirst = (input: unknown): string | undefined => {
  const issue = zodIssue(input);
  return issue && issueText(issue);
};

describe('checkSubmission, the browser twin of the proxy schema', () => {
  it('accepts every valid submission the proxy accepts', () => {
    fc.assert(
      fc.property(validSubmission, (s) => {
        expect(zodFirst(s)).toBeUndefined();
        expect(checkSubmission(s)).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same first problem as the proxy, path and message, for a submission with one bad field', () => {
    fc.assert(
      fc.property(mutatedSubmission, (s) => {
        expect(findSubmissionIssue(s)).toEqual(zodIssue(s));
        expect(checkSubmission(s)).toBe(zodFirst(s));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with the proxy on arbitrary values', () => {
    fc.assert(
      fc.property(fc.anything(), (s) => {
        expect(checkSubmission(s)).toBe(zodFirst(s));
      }),
      { numRuns: 1000 },
    );
  });

  it.each<[unknown, string | undefined]>([
    [{ id: 'a', kind: 'nps', score: 0 }, undefined],
    [{ id: 'a', kind: 'nps' }, 'score: required for nps'],
    [{ id: 'a', kind: 'csat', score: 0 }, 'score: must be between 1 and 5 for csat'],
    [{ id: 'a', kind: 'feedback', body: '   ' }, 'body: required for feedback unless parts are given'],
    [{ id: 'a', kind: 'feedback', body: 'x', score: 3 }, 'score: not allowed for feedback'],
    [{ id: 'a', kind: 'feedback', body: 'x', user: { email: 'jane@' } }, 'user.email: invalid email'],
    [{ id: 'a', kind: 'feedback', body: 'x'.repeat(20_001) }, 'body: too long (max 20000 characters)'],
    [{ id: 'a', kind: 'feedback', parts: [{ id: 'p', body: '' }] }, 'parts.0.body: must not be empty'],
    [{ id: 'a', kind: 'feedback', body: 'x', url: 'javascript:alert(1)' }, 'url: invalid URL (http or https)'],
    // Found by the property above on one seed: zod takes no Infinity or NaN for a number.
    [{ id: 'a', kind: 'csat', score: 1, metadata: { plan: Number.POSITIVE_INFINITY } }, 'metadata.plan: must be a string, number or boolean'],
    [{ id: 'a', kind: 'csat', score: 1, metadata: { plan: Number.NaN } }, 'metadata.plan: must be a string, number or boolean'],
    [{ id: 'a', kind: 'csat', score: 1, metadata: { seats: -2.5 } }, undefined],
    [{ id: 'a', kind: 'csat', score: 1, metadata: JSON.parse('{"__proto__": null, "plan": "pro"}') }, undefined],
    // Odd but valid URLs, and a toISOString timestamp (which the proxy takes without parsing it).
    ...['HTTPS://Example.com/a', 'http:example.com', ' http://example.com', 'ht\ttp://example.com', 'https://x.io/\u00e9?q#f', 'https://bücher.de/'].map(
      (url): [unknown, undefined] => [{ id: 'a', kind: 'feedback', body: 'x', url }, undefined],
    ),
    ...['https://', 'http://exa mple.com', 'http://[::1', 'mailto:jane@example.com'].map(
      (url): [unknown, string] => [{ id: 'a', kind: 'feedback', body: 'x', url }, 'url: invalid URL (http or https)'],
    ),
    [{ id: 'a', kind: 'feedback', body: 'x', createdAt: '2024-02-29T23:59:59.999Z' }, undefined],
    // Amplitude refuses what Date.parse would roll over: so does the wire format.
    ...['2025-02-29T10:00:00.000Z', '2026-02-30T10:00:00Z', '2026-04-31T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01T10:60:00Z', '2026-01-01T10:00:00+24:00'].map(
      (createdAt): [unknown, string] => [{ id: 'a', kind: 'feedback', body: 'x', createdAt }, 'createdAt: invalid ISO 8601 datetime'],
    ),
    ...['2026-03-15T10:30Z', '2026-03-15T10:30:00+0100', '2026-03-15T10:30:00.123456789-05:30', '0000-01-01T00:00:00Z'].map(
      (createdAt): [unknown, undefined] => [{ id: 'a', kind: 'feedback', body: 'x', createdAt }, undefined],
    ),
    // Amplitude's email rule (zod's), stricter than a bare pattern: no leading dot, no two dots, a TLD of letters.
    ...['a..b@x.co', '.a@x.co', 'a.@x.co', 'a@1.2', 'a!b@x.co', 'a@x.c'].map(
      (email): [unknown, string] => [{ id: 'a', kind: 'feedback', body: 'x', user: { email } }, 'user.email: invalid email'],
    ),
    [{ id: 'a', kind: 'feedback', body: 'x', parts: [{ id: 'p', body: 'y', email: 'a..b@x.co' }] }, 'parts.0.email: invalid email'],
    ...["o'brien+tag@mail.example.co.uk", 'A_B-C@X-Y.IO'].map((email): [unknown, undefined] => [{ id: 'a', kind: 'feedback', body: 'x', user: { email } }, undefined]),
    [{ id: 'a', kind: 'feedback', body: 'x', createdAt: '2025-13-01T10:00:00.000Z' }, 'createdAt: invalid ISO 8601 datetime'],
  ])('reads example %# as the proxy does', (input, expected) => {
    expect(checkSubmission(input)).toBe(expected);
    expect(zodFirst(input)).toBe(expected);
  });

  // "u\uD800" and "u\uFFFD" are the same bytes once UTF-8 encoded: a signature of one would
  // verify the other. Every string the schema takes must be well-formed UTF-16.
  it.each([
    ['id', { id: 'u\uD800' }],
    ['body', { body: 'ok \uDC00 ok' }],
    ['user.id', { user: { id: 'u\uD800' } }],
    ['user.name', { user: { name: '\uDBFFJane' } }],
    ['user.hash', { user: { hash: '\uD800' } }],
    ['url', { url: 'https://example.com/\uD800' }],
    ['metadata.plan', { metadata: { plan: 'pro\uDFFF' } }],
    ['metadata.\uD800', { metadata: { '\uD800': 'x' } }],
    ['parts.0.body', { parts: [{ id: 'p', body: '\uD800' }] }],
    ['parts.0.author', { parts: [{ id: 'p', body: 'b', author: 'A\uDC00' }] }],
    ['parts.0.userId', { parts: [{ id: 'p', body: 'b', userId: '\uDC00\uD800' }] }],
  ])('refuses a lone surrogate in %s, as the proxy does', (path, fields) => {
    const input = { id: 'a', kind: 'feedback', body: 'x', ...fields };
    expect(checkSubmission(input)).toBe(`${path}: must be well-formed text (no lone surrogate)`);
    expect(zodFirst(input)).toBe(checkSubmission(input));
  });

  /** Any UTF-16 code unit, surrogates (paired by chance or lone) one time in two. */
  const codeUnit = fc
    .oneof(fc.integer({ min: 0xd800, max: 0xdfff }), fc.integer({ min: 0, max: 0xffff }))
    .map((code) => String.fromCharCode(code));

  it('takes every well-formed string, surrogate pairs included, and refuses exactly the ill-formed', () => {
    fc.assert(
      fc.property(fc.string({ unit: codeUnit, maxLength: 30 }), (body) => {
        // ignoreBOM: else a leading U+FEFF, well-formed, would be stripped and look changed.
        const wellFormed = new TextDecoder('utf-8', { ignoreBOM: true }).decode(new TextEncoder().encode(body)) === body;
        const input = { id: 'a', kind: 'feedback', body: `x${body}` };
        expect(checkSubmission(input) === undefined).toBe(wellFormed);
        expect(zodFirst(input)).toBe(checkSubmission(input));
      }),
      { numRuns: 2000 },
    );
  });

  // Node's URL.canParse (20 and 22) turns to false for a Latin-1 host once optimised: a schema
  // that used it took https://bücher.de/ from a cold proxy and refused it from a warm one.
  it('takes a URL with a Latin-1 host as well after the proxy has checked thousands of URLs', () => {
    // Half of them past isHttpUrl's pattern (a capital letter), so that `new URL` gets warm too.
    for (let i = 0; i < 20_000; i++)
      SubmissionSchema.safeParse({ id: 'a', kind: 'feedback', body: 'x', url: `https://${i % 2 ? 'E' : 'e'}xample.com/${i}` });
    const item = { id: 'a', kind: 'feedback', body: 'x', url: 'https://bücher.de/', parts: [{ id: 'p', body: 'y', url: 'http://café.fr/' }] };
    expect(zodFirst(item)).toBeUndefined();
    expect(checkSubmission(item)).toBeUndefined();
  });
});

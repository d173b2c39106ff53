/** fast-check generators for Submissions: valid ones, and ones with a single field gone wrong. */
import fc from 'fast-check';
import { EMAIL_PATTERN } from '../../src/schema/limits.js';

const text = (max: number) => fc.string({ maxLength: max, unit: 'grapheme' });
const date = fc
  .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString());
const httpUrl = fc.webUrl({ validSchemes: ['http', 'https'] }).filter((u) => u.length <= 2048);
/** Addresses the wire format takes (Amplitude's rule is narrower than RFC 5322's). */
const email = fc.emailAddress().filter((e) => e.length <= 512 && EMAIL_PATTERN.test(e));

const part = fc.record(
  {
    id: fc.string({ minLength: 1, maxLength: 40 }),
    body: fc.string({ minLength: 1, maxLength: 200 }),
    author: text(40),
    email,
    userId: text(40),
    url: httpUrl,
    createdAt: date,
  },
  { requiredKeys: ['id', 'body'] },
);

const user = fc.record({ id: text(40), email, name: text(40), hash: text(64) }, { requiredKeys: [] });
const metadata = fc.dictionary(
  fc.string({ maxLength: 20 }),
  fc.oneof(fc.string({ maxLength: 50 }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean()),
  { maxKeys: 20 },
);

const common = {
  id: fc.string({ minLength: 1, maxLength: 60 }),
  user,
  url: httpUrl,
  createdAt: date,
  metadata,
  parts: fc.array(part, { maxLength: 3 }),
};

export const validSubmission = fc.oneof(
  fc.record(
    { ...common, kind: fc.constant('feedback'), body: fc.string({ minLength: 1, maxLength: 300 }).filter((s) => s.trim() !== '') },
    { requiredKeys: ['id', 'kind', 'body'] },
  ),
  fc.record({ ...common, kind: fc.constant('nps'), score: fc.integer({ min: 0, max: 10 }), body: text(200) }, { requiredKeys: ['id', 'kind', 'score'] }),
  fc.record({ ...common, kind: fc.constant('csat'), score: fc.integer({ min: 1, max: 5 }), body: text(200) }, { requiredKeys: ['id', 'kind', 'score'] }),
);

/** Values that break a field: wrong types, limits just past the edge, bad formats. */
const junk = fc.oneof(
  fc.anything({ maxDepth: 1 }),
  fc.constantFrom('', ' ', 'x'.repeat(1025), 'x'.repeat(20_001), 'not-an-email', 'ftp://x.example', '2026-13-45T00:00:00Z', '\ud800', 'x\udc00y', -1, 11, 7.5, '7', null, []),
);

const FIELDS = ['id', 'kind', 'body', 'score', 'user', 'user.id', 'user.email', 'user.name', 'url', 'createdAt', 'metadata', 'parts'] as const;

/** A valid submission with exactly one field replaced by junk (or removed). */
export const mutatedSubmission = fc
  .tuple(validSubmission, fc.constantFrom(...FIELDS), fc.option(junk, { nil: undefined }))
  .map(([s, field, value]) => {
    const copy: Record<string, unknown> = structuredClone(s);
    const [head, leaf] = field.split('.') as [string, string | undefined];
    if (leaf) copy[head] = { ...(copy[head] as object), [leaf]: value };
    else copy[head] = value;
    return copy;
  });

// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_FIELD_BYTES,
  snakeCase,
  splitName,
  toRecords,
  withoutPerson,
} from '../../src/proxy/buildbetter-map.js';
import { splitByBytes } from '../../src/proxy/split-by-bytes.js';
import type { Submission } from '../../src/schema/submission.js';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
const field = (category: string, type: string, name: string, value: unknown) => ({ category, type, name, value });

const item = (extra: Partial<Submission> = {}): Submission => ({
  id: 'sub-1',
  kind: 'feedback',
  body: 'Search is broken',
  createdAt: '2026-03-15T10:30:00.000Z',
  ...extra,
});

describe('toRecords', () => {
  it('maps every field of a full item by name, category and type', () => {
    const [plan, ...rest] = toRecords(
      item({
        kind: 'nps',
        score: 9,
        body: 'Love it',
        user: { id: 'u-1', email: 'jane@example.com', name: 'Jane Doe' },
        url: 'https://app.example.com/search',
        metadata: {
          pageSection: 'header',
          'Plan Tier': 'pro',
          seats: 12,
          ratio: 0.5,
          beta: true,
        },
      }),
    );
    expect(rest).toEqual([]);
    expect(plan).toEqual({
      externalId: 'sub-1',
      email: 'jane@example.com',
      name: 'Jane Doe',
      body: {
        external_id: 'sub-1',
        display_ts: '2026-03-15T10:30:00.000Z',
        fields: [
          field('content', 'string', 'feedback', 'Love it'),
          field('content', 'integer', 'nps_score', 9),
          field('identity', 'string', 'user_id', 'u-1'),
          field('metadata', 'string', 'kind', 'nps'),
          field('metadata', 'string', 'page_url', 'https://app.example.com/search'),
          field('metadata', 'string', 'page_section', 'header'),
          field('metadata', 'string', 'plan_tier', 'pro'),
          field('metadata', 'integer', 'seats', 12),
          field('metadata', 'float', 'ratio', 0.5),
          field('metadata', 'boolean', 'beta', true),
        ],
      },
    });
  });

  it('sends an NPS score of 0', () => {
    const [plan] = toRecords(item({ kind: 'nps', score: 0, body: undefined }));
    expect(plan!.body.fields).toContainEqual(field('content', 'integer', 'nps_score', 0));
  });

  it('names a CSAT score csat_score', () => {
    const [plan] = toRecords(item({ kind: 'csat', score: 4 }));
    expect(plan!.body.fields).toContainEqual(field('content', 'integer', 'csat_score', 4));
  });

  it('omits the fields and person of what the item does not have', () => {
    const [plan] = toRecords({ id: 'bare', kind: 'nps', score: 7 });
    expect(plan).toEqual({
      externalId: 'bare',
      body: {
        external_id: 'bare',
        fields: [field('content', 'integer', 'nps_score', 7), field('metadata', 'string', 'kind', 'nps')],
      },
    });
  });

  it('keeps a name that no person will carry as user_name', () => {
    const [plan] = toRecords(item({ user: { name: 'Jane Doe' } }));
    expect(plan!.body.fields).toContainEqual(field('identity', 'string', 'user_name', 'Jane Doe'));
    expect(plan!.email).toBeUndefined();
    const [withEmail] = toRecords(item({ user: { name: 'Jane', email: 'j@example.com' } }));
    expect(withEmail!.body.fields.map((f) => f.name)).not.toContain('user_name');
  });

  it('renames a metadata key that collides, and drops none', () => {
    const [plan] = toRecords(
      item({
        url: 'https://a.example/',
        metadata: {
          kind: 'a',
          Kind: 'b',
          KIND: 'c',
          page_url: 'd',
          pageUrl: 'e',
        },
      }),
    );
    const meta = plan!.body.fields.slice(3).map((f) => [f.name, f.value]);
    expect(meta).toEqual([
      ['meta_kind', 'a'],
      ['meta_kind_2', 'b'],
      ['meta_kind_3', 'c'],
      ['meta_page_url', 'd'],
      ['meta_page_url_2', 'e'],
    ]);
  });

  it('types only safe integers as integer', () => {
    const [plan] = toRecords(item({ metadata: { big: 2 ** 60, neg: -3, zero: 0 } }));
    expect(plan!.body.fields.slice(2)).toEqual([
      field('metadata', 'float', 'big', 2 ** 60),
      field('metadata', 'integer', 'neg', -3),
      field('metadata', 'integer', 'zero', 0),
    ]);
  });

  it('splits a long body across feedback, feedback_2, … and loses nothing', () => {
    const body = 'é'.repeat(6_000) + '😀'.repeat(2_000);
    const [plan] = toRecords(item({ body }));
    const parts = plan!.body.fields.filter((f) => f.name.startsWith('feedback'));
    expect(parts.map((f) => f.name)).toEqual(['feedback', 'feedback_2']);
    expect(parts.every((f) => bytes(f.value as string) <= MAX_FIELD_BYTES)).toBe(true);
    expect(parts.map((f) => f.value).join('')).toBe(body);
  });

  it('makes each part a record of its own, threaded to the item', () => {
    const plans = toRecords(
      item({
        kind: 'csat',
        score: 2,
        parts: [
          {
            id: 'p-1',
            body: 'Still broken',
            author: 'Sam Support',
            email: 'sam@example.com',
            userId: 'u-9',
            url: 'https://app.example.com/x',
            createdAt: '2026-03-16T08:00:00Z',
          },
          { id: 'p-2', body: 'Fixed now', author: 'Jane' },
        ],
      }),
    );
    expect(plans.map((p) => p.externalId)).toEqual(['sub-1', 'p-1', 'p-2']);
    expect(plans[1]).toEqual({
      externalId: 'p-1',
      email: 'sam@example.com',
      name: 'Sam Support',
      body: {
        external_id: 'p-1',
        display_ts: '2026-03-16T08:00:00Z',
        fields: [
          field('content', 'string', 'feedback', 'Still broken'),
          field('identity', 'string', 'user_id', 'u-9'),
          field('metadata', 'string', 'kind', 'csat'),
          field('metadata', 'string', 'page_url', 'https://app.example.com/x'),
          field('metadata', 'string', 'thread_id', 'sub-1'),
        ],
      },
    });
    expect(plans[2]!.body.display_ts).toBe('2026-03-15T10:30:00.000Z');
    expect(plans[2]!.body.fields).toContainEqual(field('identity', 'string', 'user_name', 'Jane'));
  });
});

describe('withoutPerson', () => {
  it('carries the email and name as identity fields when no person can be linked', () => {
    const [plan] = toRecords(item({ user: { email: 'x@example.com', name: 'X Y' } }));
    expect(withoutPerson(plan!).fields.slice(-2)).toEqual([
      field('identity', 'string', 'email', 'x@example.com'),
      field('identity', 'string', 'user_name', 'X Y'),
    ]);
  });
});

describe('splitName', () => {
  it.each([
    ['Jane Doe', 'Jane', 'Doe'],
    ['  Ada  King   Lovelace ', 'Ada', 'King Lovelace'],
    ['Cher', 'Cher', ''],
    ['', '', ''],
  ])('splits %j into first and last name', (name, first_name, last_name) => {
    expect(splitName(name)).toEqual({ first_name, last_name });
  });
});

describe('snakeCase', () => {
  it.each([
    ['pageSection', 'page_section'],
    ['Plan Tier', 'plan_tier'],
    ['HTTPStatus', 'http_status'],
    ['plan-tier.v2', 'plan_tier_v2'],
    ['already_snake', 'already_snake'],
    ['__x__', 'x'],
  ])('turns %j into %j', (input, output) => {
    expect(snakeCase(input)).toBe(output);
  });
});

describe('splitByBytes', () => {
  it('returns short text whole, and nothing for empty text', () => {
    expect(splitByBytes('hello', 10)).toEqual(['hello']);
    expect(splitByBytes('', 10)).toEqual([]);
  });

  it('never splits a surrogate pair', () => {
    expect(splitByBytes('😀😀😀', 5)).toEqual(['😀', '😀', '😀']);
    expect(splitByBytes('a😀', 4)).toEqual(['a', '😀']);
  });

  it('breaks after whitespace near the end of a chunk', () => {
    const text = 'x'.repeat(90) + ' ' + 'y'.repeat(30);
    expect(splitByBytes(text, 100)).toEqual(['x'.repeat(90) + ' ', 'y'.repeat(30)]);
  });

  it('cuts hard when there is no whitespace in the last 200 characters', () => {
    const text = 'a ' + 'b'.repeat(500);
    expect(splitByBytes(text, 300)[0]).toBe(text.slice(0, 300));
  });

  it('keeps every chunk within the limit and joins back to the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.integer({ min: 4, max: 60 }), (text, max) => {
        const chunks = splitByBytes(text, max);
        let at = 0;
        const cutsAPair = chunks.some((c) => {
          at += c.length;
          return /[\uD800-\uDBFF]/.test(text[at - 1]!) && /[\uDC00-\uDFFF]/.test(text[at] ?? '');
        });
        return chunks.join('') === text && !cutsAPair && chunks.every((c) => c.length > 0 && bytes(c) <= max);
      }),
    );
  });
});

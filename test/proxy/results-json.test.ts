// @vitest-environment node
// The feedback answer's body is written out by hand (feedback-route.ts): it must be byte for
// byte what JSON.stringify writes, for any id and error a client or an upstream can produce.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resultsJson } from '../../src/proxy/feedback-route.js';
import type { ItemResult } from '../../src/schema/submission.js';

const text = fc.string({ unit: 'binary', maxLength: 40 }); // any UTF-16, lone surrogates included
const result: fc.Arbitrary<ItemResult> = fc.oneof(
  text.map((id) => ({ id, status: 'delivered' as const, error: undefined }) as ItemResult),
  fc.record({ id: text, status: fc.constant('rejected' as const), error: text }),
  fc.record({ id: text, status: fc.constant('retry' as const), error: fc.option(text, { nil: undefined }) }),
);

describe('resultsJson', () => {
  it('writes exactly what JSON.stringify({ results }) writes', () => {
    fc.assert(
      fc.property(fc.array(result, { maxLength: 12 }), (results) => {
        expect(resultsJson(results)).toBe(JSON.stringify({ results }));
      }),
      { numRuns: 2000 },
    );
  });

  it('hands an outcome it was not written for (a custom destination\'s) to JSON.stringify whole', () => {
    const odd = [
      { id: 'a', status: 'delivered' },
      { id: 'b', status: 'weird"\n', error: 'x' },
      { id: 'c', status: 'retry', error: () => 1 },
      { id: 'd', status: 'rejected', error: 42 },
      { id: 'e', status: 'retry', error: Symbol('s') },
      { id: 7, status: 'delivered' },
      { id: 'f', status: 'toString' },
    ] as unknown as ItemResult[];
    for (const r of odd) expect(resultsJson([odd[0]!, r])).toBe(JSON.stringify({ results: [odd[0], r] }));
  });

  it('leaves out an undefined error and escapes what JSON must', () => {
    expect(resultsJson([{ id: 'a"\n\u2028', status: 'retry', error: undefined }, { id: '', status: 'rejected', error: 'x\\y' }])).toBe(
      '{"results":[{"id":"a\\"\\n\u2028","status":"retry"},{"id":"","status":"rejected","error":"x\\\\y"}]}',
    );
  });
});

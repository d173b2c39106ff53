// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8Length } from '../../src/proxy/utf8-length.js';

const encoded = (s: string) => new TextEncoder().encode(s).length;

describe('utf8Length', () => {
  it('counts what TextEncoder writes: ASCII, 2- and 3-byte characters, pairs and lone surrogates', () => {
    for (const s of ['', 'plain', 'é', '€', '😀', 'a😀b', '\ud800', '\udc00x', '\ud800\ud800\udc00', 'x'.repeat(1000) + 'ü'])
      expect([s, utf8Length(s)]).toEqual([s, encoded(s)]);
  });

  it('agrees with TextEncoder on any string', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => utf8Length(s) === encoded(s)));
  });
});

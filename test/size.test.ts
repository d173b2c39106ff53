// @vitest-environment node
// What ships to browsers, measured as it travels: gzip level 9 of the built files (test/global-setup.ts
// builds dist/ first). Issue 4 asks ≤ 12 KB for dist/earful.js and aims at 10; that is not met
// yet (README, "Measured"). These budgets hold the line where the files are, so that nothing
// grows them unnoticed: lower them as the files shrink, never raise them without saying why.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

/** Bytes of gzip -9. */
const BUDGET = {
  /** The script tag: Preact, launcher, dialog, NPS and CSAT, client, outbox, flusher. */
  'dist/earful.js': 15_400,
  /** The npm entry, unminified (apps minify it with their own bundle); Preact and idb-keyval are imports. */
  'dist/index.js': 21_100,
};

const gzipped = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

describe('size', () => {
  it.each(Object.entries(BUDGET))('keeps %s within %i bytes of gzip', (file, budget) => {
    expect(gzipped(file)).toBeLessThanOrEqual(budget);
  });

  // (Preact has an innerHTML path for dangerouslySetInnerHTML, which the widget never takes: the
  // strict-CSP test with Trusted Types in test/browser/widget.test.ts holds that.)
  it('ships the script tag as one file with no import, eval or new Function', () => {
    const code = readFileSync('dist/earful.js', 'utf8');
    expect(code.match(/\bimport\s*\(|^import |\beval\(|new Function\(/m)).toBeNull();
  });
});

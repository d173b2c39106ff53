// @vitest-environment node
// What ships to browsers, measured as it travels: gzip level 9 of the built files (test/global-setup.ts
// builds dist/ first). The script tag's budget is 20 KB; the other budgets hold the line where the
// files are, so that nothing grows them unnoticed: lower them as the files shrink. What each
// change did to the sizes, and why, is in bench/README.md ("Size").
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { minify } from 'terser';
import { describe, expect, it } from 'vitest';

const gzipped = (code: string) => gzipSync(code, { level: 9 }).length;

describe('size', () => {
  // What runs at once on every page with the script tag: the outbox and its delivery, the
  // launcher and its CSS, the prompts' timing and the command API. Its budget is 20 KB; the test
  // holds it where it is, with a little room.
  it('keeps the script tag, earful.js, within 16,700 B of gzip (its budget: 20 KB)', () => {
    expect(gzipped(readFileSync('dist/earful.js', 'utf8'))).toBeLessThanOrEqual(16_700);
  });

  // What earful.js fetches from beside itself once the page has loaded (Preact, the dialog, the
  // form, the prompts and their CSS). Where it is, with a little room.
  it('keeps what the script tag fetches after the page loaded, earful-ui.js, within 10,800 B of gzip', () => {
    expect(gzipped(readFileSync('dist/earful-ui.js', 'utf8'))).toBeLessThanOrEqual(10_800);
  });

  // The npm entry ships unminified (an app's bundler minifies it with the app); Preact and
  // idb-keyval are imports, not in it. Measured as an app would ship it: minified, then gzip.
  // Where it is, with a little room.
  it('keeps the npm entry within 20,300 B of gzip once minified', async () => {
    const { code } = await minify(readFileSync('dist/index.js', 'utf8'), { module: true, compress: { passes: 2 } });
    expect(gzipped(code!)).toBeLessThanOrEqual(20_300);
  });

  // (Preact has an innerHTML path for dangerouslySetInnerHTML, which the widget never takes: the
  // strict-CSP test with Trusted Types in test/browser/widget.test.ts holds that.)
  it('ships no eval or new Function; earful.js imports only earful-ui.js, which imports nothing', () => {
    const script = readFileSync('dist/earful.js', 'utf8');
    const ui = readFileSync('dist/earful-ui.js', 'utf8');
    for (const code of [script, ui]) expect(code.match(/\beval\(|new Function\(/)).toBeNull();
    expect(script.match(/^import |\bimport\s*\(/gm)).toHaveLength(1);
    expect(script).toContain('"earful-ui.js"');
    expect(ui.match(/^import |\bimport\s*\(|\bimport\s*["'{*]/m)).toBeNull();
  });
});

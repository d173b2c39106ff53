// @vitest-environment node
// What ships to browsers, measured as it travels: gzip level 9 of the built files (test/global-setup.ts
// builds dist/ first). The script tag's target is 20 KB (issue 10; Sentry's feedback widget alone
// is 22.4 KB), won by design, never by golfing the source. It is not met yet (README, "Measured"):
// this budget holds the line where the file is, so that nothing grows it unnoticed. Lower it as
// the file shrinks; what each change did to the sizes is in bench/README.md ("Size"), not here.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { minify } from 'terser';
import { describe, expect, it } from 'vitest';

const gzipped = (code: string) => gzipSync(code, { level: 9 }).length;

describe('size', () => {
  // The budget issue 10 set: 20 KB (20,480 B), won by design, never by golfing the source.
  // bench/README.md ("size") keeps the history and where the bytes go.
  it('keeps the script tag (Preact, launcher, dialog, NPS and CSAT, client, outbox, flusher) within 20 KB of gzip', () => {
    expect(gzipped(readFileSync('dist/earful.js', 'utf8'))).toBeLessThanOrEqual(20_480);
  });

  // The npm entry ships unminified (an app's bundler minifies it with the app); Preact and
  // idb-keyval are imports, not in it. Measured as an app would ship it: minified, then gzip.
  it('keeps the npm entry within 17,000 B of gzip once minified', async () => {
    const { code } = await minify(readFileSync('dist/index.js', 'utf8'), { module: true, compress: { passes: 2 } });
    expect(gzipped(code!)).toBeLessThanOrEqual(17_000);
  });

  // (Preact has an innerHTML path for dangerouslySetInnerHTML, which the widget never takes: the
  // strict-CSP test with Trusted Types in test/browser/widget.test.ts holds that.)
  it('ships the script tag as one file with no import, eval or new Function', () => {
    const code = readFileSync('dist/earful.js', 'utf8');
    expect(code.match(/\bimport\s*\(|^import |\beval\(|new Function\(/m)).toBeNull();
  });
});

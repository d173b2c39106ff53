// @vitest-environment node
// What ships to browsers, measured as it travels: gzip level 9 of the built files (test/global-setup.ts
// builds dist/ first). Issue 4 asks ≤ 12 KB for dist/earful.js and aims at 10; that is not met
// yet (README, "Measured"). These budgets hold the line where the files are, so that nothing
// grows them unnoticed: lower them as the files shrink, never raise them without saying why.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { minify } from 'terser';
import { describe, expect, it } from 'vitest';

const gzipped = (code: string) => gzipSync(code, { level: 9 }).length;

describe('size', () => {
  // History of this budget: 15,400 B; then 15,850 when the review of the outbox redesign (one
  // batch per hold of the lock, unreadable leases dropped, beacon and claim kept apart,
  // remember() falling through) and starting after the host page had parsed added ~450 B; then
  // 16,000 for the cache of this tab's records that spares a claim its reads (~180 B), which
  // brought the 1,000-item delivery from 1.56x to 1.33x the hand posts (target ≤ 1.5x); then
  // 15,900 when terser dropped its Safari 10 workarounds and a few shapes got simpler (15,894);
  // then 15,950, when a review undid two of those (14 B): an async submit() lost the 'error'
  // event of a submission that cannot be stamped, and the dark scheme stopped following the OS
  // for an unknown colorScheme (15,902); then 17,050 for issue 11 (17,025): the choice of a
  // language among 26 built in, fetching its file and its direction (~530 B, the issue's ~0.5 KB;
  // the translations themselves stay out), and prompts that follow survey practice (sessions
  // and page views, time in view, route checks on SPA navigation, state per user, reset: ~590 B).
  it('keeps the script tag (Preact, launcher, dialog, NPS and CSAT, client, outbox, flusher) within 17,050 B of gzip', () => {
    expect(gzipped(readFileSync('dist/earful.js', 'utf8'))).toBeLessThanOrEqual(17_050);
  });

  // The npm entry ships unminified (an app's bundler minifies it with the app); Preact and
  // idb-keyval are imports, not in it. Measured as an app would ship it: minified, then gzip.
  // 12,650 since issue 11 (12,577): the language choice and the prompt timing, as in the script tag.
  it('keeps the npm entry within 12,650 B of gzip once minified', async () => {
    const { code } = await minify(readFileSync('dist/index.js', 'utf8'), { module: true, compress: { passes: 2 } });
    expect(gzipped(code!)).toBeLessThanOrEqual(12_650);
  });

  // (Preact has an innerHTML path for dangerouslySetInnerHTML, which the widget never takes: the
  // strict-CSP test with Trusted Types in test/browser/widget.test.ts holds that.)
  it('ships the script tag as one file with no import, eval or new Function', () => {
    const code = readFileSync('dist/earful.js', 'utf8');
    expect(code.match(/\bimport\s*\(|^import |\beval\(|new Function\(/m)).toBeNull();
  });
});

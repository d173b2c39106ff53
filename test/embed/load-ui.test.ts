// @vitest-environment node
// Where the script tag asks for its second file, and what it says when it cannot: the import
// itself, and the browser's answers to it, are tested in Chromium (test/browser/widget.test.ts).
import { describe, expect, it } from 'vitest';
import { uiLoader } from '../../src/embed/load-ui.js';

describe('uiLoader', () => {
  it('asks beside the script, with its query and the build, and under a new URL after each failure', async () => {
    // Port 9 (discard) refuses: each import fails, and its error names the URL asked.
    const load = uiLoader('http://127.0.0.1:9/static/earful.js?v=3#top');
    await expect(load()).rejects.toThrow('could not load http://127.0.0.1:9/static/earful-ui.js?v=3&build=test-build,');
    await expect(load()).rejects.toThrow('http://127.0.0.1:9/static/earful-ui.js?v=3&build=test-build&attempt=2,');
  });

  it('without its own URL (bundled or inlined) asks nothing, and says what to do', async () => {
    await expect(uiLoader(undefined)()).rejects.toThrow(/does not know its own URL .* load it with <script src>, or use the npm entry "earful"/);
  });
});

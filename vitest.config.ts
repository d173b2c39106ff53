import { defineConfig } from 'vitest/config';

// .ci/run asks for a JSON report to print its one-line summary.
const jsonReport = process.env.EARFUL_VITEST_JSON;

export default defineConfig({
  // What vite.config.ts defines for the script-tag build: a digest of earful-ui.js's build.
  define: { __EARFUL_UI_BUILD__: JSON.stringify('test-build') },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    globalSetup: ['test/global-setup.ts'],
    // The widget's stylesheets are CSS files imported as text (`?inline`): tests read the real text.
    css: true,
    testTimeout: 20_000,
    hookTimeout: 30_000,
    reporters: jsonReport ? ['default', 'json'] : ['default'],
    outputFile: jsonReport ? { json: jsonReport } : undefined,
  },
});

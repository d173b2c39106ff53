import { defineConfig } from 'vitest/config';

// .ci/run asks for a JSON report to print its one-line summary.
const jsonReport = process.env.EARFUL_VITEST_JSON;

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    reporters: jsonReport ? ['default', 'json'] : ['default'],
    outputFile: jsonReport ? { json: jsonReport } : undefined,
  },
});

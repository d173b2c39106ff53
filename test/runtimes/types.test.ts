// @vitest-environment node
/**
 * The deployment forms (the README's and the natural ones in forms/) type-check against the
 * shipped `.d.ts` (`dist/types`, through the package's `exports`), under the project's
 * TypeScript 7 and under TypeScript 5, which most users run; Deno's with `deno check`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Platform, layApp } from './apps.js';
import { BIN, run } from './run.js';

const COMPILERS = { 'TypeScript 7': BIN.tsc7, 'TypeScript 5': BIN.tsc5 };
const CHECKED_BY_TSC: Platform[] = ['node', 'next', 'worker', 'bun'];

const apps = new Map<Platform, string>();
beforeAll(() => {
  for (const platform of [...CHECKED_BY_TSC, 'deno'] as const) apps.set(platform, layApp(platform, 'types'));
});

describe.each(CHECKED_BY_TSC)('the %s forms', (platform) => {
  it.each(Object.entries(COMPILERS))('type-check under %s', { timeout: 120_000 }, async (_, tsc) => {
    const checked = await run(BIN.node, [tsc, '-p', 'tsconfig.json'], { cwd: apps.get(platform)!, timeoutMs: 60_000 });
    expect(checked.output).toBe('');
    expect(checked.code).toBe(0);
  });
});

it("the deno forms pass deno check", { timeout: 120_000 }, async () => {
  const checked = await run(BIN.deno, ['check', 'main.ts', 'forms/deno.ts'], { cwd: apps.get('deno')!, timeoutMs: 60_000 });
  expect(checked.code, checked.output).toBe(0);
});

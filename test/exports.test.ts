// @vitest-environment node
// The public surface: the exports map resolves to built files with types, and the entry
// points export exactly what the README documents.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

describe('package', () => {
  it('is an ES module package whose one module with side effects is the script tag, with the earful-proxy bin', () => {
    expect(pkg.type).toBe('module');
    // `import 'earful/embed'` installs window.Earful, so a bundler must keep it; every ES module is pure.
    expect(pkg.sideEffects).toEqual(['./dist/earful.js']);
    expect(pkg.bin['earful-proxy']).toBe('dist/bin/earful-proxy.js');
    expect(readFileSync(pkg.bin['earful-proxy'], 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
  });

  it('points every export at a built file and its .d.ts', () => {
    for (const [entry, target] of Object.entries<Record<string, string> | string>(pkg.exports)) {
      if (typeof target === 'string') continue;
      // earful/jsx/* are types only (the custom elements' JSX): nothing to run. A pattern
      // (`./locales/*`) is checked with one of the names it serves.
      const [file, types] = [target.default, target.types].map((path) => path?.replace('*', 'de'));
      if (!entry.startsWith('./jsx/')) expect(existsSync(file!), `${entry} → ${file}`).toBe(true);
      expect(existsSync(types!), `${entry} → ${types}`).toBe(true);
    }
  });

  it('exports the proxy API by name from earful/proxy', async () => {
    const proxy = await import('earful/proxy');
    expect(Object.keys(proxy).sort()).toEqual(
      [
        'ConfigError',
        'HttpError',
        'SharedStateError',
        'amplitude',
        'buildbetter',
        'configFromEnv',
        'createLogger',
        'createProxy',
        'defaultFormatBody',
        'local',
        'memorySink',
        'signIdentity',
        'signUserId',
        'toAmplitudeItem',
      ].sort(),
    );
  });

  it('exports the browser API by name from earful, and touches no window doing so', async () => {
    const earful = await import('earful');
    expect(Object.keys(earful).sort()).toEqual(
      ['CsatPrompt', 'FeedbackForm', 'NpsPrompt', 'checkSubmission', 'createClient', 'defineElements', 'mount', 'resetPrompts'].sort(),
    );
  });

  it('exports serve, serveFromEnv and workFromEnv from earful/proxy/node', async () => {
    const node = await import('earful/proxy/node');
    expect(Object.keys(node).sort()).toEqual(['serve', 'serveFromEnv', 'workFromEnv']);
  });

  it('loads Redis and BullMQ only when asked for: nothing an entry imports does, only what EARFUL_REDIS_URL loads', () => {
    /** Every module `file` imports statically, itself included. */
    const staticImports = (file: string, seen = new Set<string>()): Set<string> => {
      if (seen.has(file) || !file.startsWith('dist/')) return seen;
      seen.add(file);
      for (const [, spec] of readFileSync(file, 'utf8').matchAll(/^(?:import|export)[^;'"]*?from\s*["']([^"']+)["']/gm))
        if (spec!.startsWith('.')) staticImports(join(dirname(file), spec!), seen);
      return seen;
    };
    for (const entry of ['dist/proxy/index.js', 'dist/proxy/node.js', 'dist/bin/earful-proxy.js'])
      for (const file of staticImports(entry)) expect(readFileSync(file, 'utf8'), file).not.toMatch(/from\s*["'](ioredis|bullmq)["']/);
    const node = readFileSync('dist/proxy/node.js', 'utf8') + [...staticImports('dist/proxy/node.js')].map((f) => readFileSync(f, 'utf8')).join('');
    expect(node).toMatch(/import\(["'][^"']*redis-fleet[^"']*["']\)/);
  });

  it('keeps zod out of earful/schema and everything it imports, as browser code may use it', () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = readFileSync(file, 'utf8');
      expect(code, file).not.toMatch(/from ["']zod["']/);
      expect(code, file).not.toMatch(/\beval\(|new Function\(/);
      for (const [, rel] of code.matchAll(/from ["'](\.[^"']+)["']/g)) visit(join(dirname(file), rel!));
    };
    visit(pkg.exports['./schema'].default);
    expect(seen.size).toBeGreaterThan(1);
  });
});

/**
 * Apps as a user of each platform would have them: a folder with a `package.json`, the package
 * in `node_modules/earful` as npm installs it (its `package.json` and `dist/`, what `files`
 * ships, so `earful/proxy` resolves through its `exports` to the built code and `.d.ts`, never
 * to `src/`), the platform's usual `tsconfig.json`, the README's form for it and the natural
 * forms of `test/runtimes/forms/`.
 *
 * The apps live in `test/runtimes/.apps/` (not committed) so that the tools, the type packages
 * and `next` resolve from this checkout's `node_modules`, as they would from the app's own.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deployForm } from './readme.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const APPS = join(ROOT, 'test/runtimes/.apps');
const FORMS = join(ROOT, 'test/runtimes/forms');

export type Platform = 'node' | 'next' | 'worker' | 'deno' | 'bun';

// Our .d.ts files are checked too (skipLibCheck: false) where the platform's own types allow it;
// Next.js's and Bun's do not check clean beside @types/node, so their templates skip them.
const strict = { strict: true, noEmit: true, skipLibCheck: false, isolatedModules: true, target: 'ES2022' };

/** Each platform's files: the README's form (by the name it gives), the natural forms, its tsconfig. */
const LAYOUT: Record<Platform, { readme: string[]; forms: string[]; tsconfig?: object; files?: Record<string, string> }> = {
  node: {
    readme: ['proxy.ts', 'server.ts'],
    forms: [],
    tsconfig: { compilerOptions: { ...strict, module: 'nodenext', moduleResolution: 'nodenext', lib: ['ES2023'], types: ['node'] } },
  },
  next: {
    readme: ['lib/earful.ts', 'app/v1/feedback/route.ts', 'app/healthz/route.ts'],
    forms: ['next.ts'],
    // What `create-next-app` writes (Next adds the rest when it builds).
    tsconfig: {
      compilerOptions: {
        ...strict,
        skipLibCheck: true,
        lib: ['dom', 'dom.iterable', 'esnext'],
        module: 'esnext',
        moduleResolution: 'bundler',
        jsx: 'react-jsx',
        plugins: [{ name: 'next' }],
      },
      include: ['next-env.d.ts', '**/*.ts', '.next/types/**/*.ts'],
      exclude: ['node_modules'],
    },
  },
  worker: {
    readme: ['src/index.ts'],
    forms: ['worker.ts'],
    tsconfig: { compilerOptions: { ...strict, module: 'esnext', moduleResolution: 'bundler', lib: ['ES2023'], types: ['@cloudflare/workers-types'] } },
    files: {
      // What `wrangler types` writes for the variables the proxy reads.
      'worker-configuration.d.ts': [
        'declare namespace Cloudflare {',
        '  interface Env {',
        '    EARFUL_DESTINATION: string;',
        '    AMPLITUDE_API_KEY: string;',
        '    AMPLITUDE_SECRET_KEY: string;',
        '    AMPLITUDE_SOURCE_ID: string;',
        '  }',
        '}',
        'interface Env extends Cloudflare.Env {}',
        '',
      ].join('\n'),
    },
  },
  deno: { readme: ['main.ts'], forms: ['deno.ts'], files: { 'deno.json': '{ "nodeModulesDir": "manual" }\n' } },
  bun: {
    readme: ['index.ts'],
    forms: ['bun.ts'],
    tsconfig: { compilerOptions: { ...strict, skipLibCheck: true, module: 'preserve', moduleResolution: 'bundler', lib: ['ESNext'], types: ['bun'] } },
  },
};

/**
 * Lays out (afresh) the app of one platform, in a folder of its own for each test file that
 * asks (`purpose`): test files run at once, and one must not remove another's app.
 */
export function layApp(platform: Platform, purpose: string): string {
  const dir = join(APPS, `${purpose}-${platform}`);
  rmSync(dir, { recursive: true, force: true });
  const layout = LAYOUT[platform];
  const files: Record<string, string> = {
    'package.json': `${JSON.stringify({ name: `earful-on-${platform}`, private: true, type: 'module', dependencies: { earful: '*' } }, null, 2)}\n`,
    ...layout.files,
  };
  if (layout.tsconfig) files['tsconfig.json'] = `${JSON.stringify(layout.tsconfig, null, 2)}\n`;
  for (const name of layout.readme) files[name] = deployForm(name);
  for (const name of layout.forms) files[`forms/${name}`] = readFileSync(join(FORMS, name), 'utf8');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  // A copy, not a link: Deno reads a package's .d.ts as such only inside node_modules.
  const installed = join(dir, 'node_modules/earful');
  mkdirSync(installed, { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(installed, 'package.json'));
  cpSync(join(ROOT, 'dist'), join(installed, 'dist'), { recursive: true });
  // Next.js runs the TypeScript installed beside the app through its compiler API, which
  // TypeScript 7 (this checkout's) does not have: give it TypeScript 5, as most apps have.
  if (platform === 'next') symlinkSync(join(ROOT, 'test/runtimes/typescript5/node_modules/typescript'), join(dir, 'node_modules/typescript'));
  return dir;
}

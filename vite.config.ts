/**
 * Builds `dist/`, one mode per output:
 * - default: the server side (`earful/proxy`, `earful/proxy/node`, `earful/schema`, the
 *   `earful-proxy` bin) as ES modules for Node, dependencies left as imports;
 * - `--mode embed-ui`, then `--mode embed`: the script tag, `dist/earful.js`, a minified IIFE, and
 *   what it loads from beside itself once the page has loaded, `dist/earful-ui.js` (Preact and
 *   what it draws), a self-contained minified ES module, asked for by a digest of its build;
 * - `--mode browser`: the npm entry `earful`, ESM with preact and idb-keyval left as imports
 *   (an app that already has Preact does not get it twice);
 * - `--mode locales`: the translations, each as `dist/locales/<locale>.js` (an ES module per
 *   locale for `earful/locales/<locale>`, so an app bundles only those it imports) and as
 *   `dist/locales/<locale>.json`, which the script tag fetches from beside itself;
 * - `--mode demo` (and `vite` dev): the demo pages in `demo/`.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
// vite's own CSS minifier, installed with it.
import { Features } from 'lightningcss';
import { type Plugin, defineConfig, type UserConfig } from 'vite';
import { eagerStartup } from './scripts/eager-startup.js';

const serverEntries = {
  'proxy/index': 'src/proxy/index.ts',
  'proxy/node': 'src/proxy/node/index.ts',
  'schema/index': 'src/schema/index.ts',
  'bin/earful-proxy': 'src/bin/earful-proxy.ts',
};

const isServerDependency = (id: string) =>
  id.startsWith('node:') ||
  builtinModules.includes(id) ||
  ['zod', 'hono', '@hono/node-server', 'bullmq', 'ioredis'].some((dep) => id === dep || id.startsWith(`${dep}/`));

const isBrowserDependency = (id: string) =>
  ['preact', 'idb-keyval'].some((dep) => id === dep || id.startsWith(`${dep}/`));

/** `locales/de` → `src/locales/de.ts`, one entry per locale file. */
const localeEntries = Object.fromEntries(
  readdirSync('src/locales')
    .filter((file) => file.endsWith('.ts'))
    .map((file) => [`locales/${file.slice(0, -'.ts'.length)}`, `src/locales/${file}`]),
);

/**
 * Writes each built locale module's default export beside it as JSON: the module is plain data
 * with no imports, so it is evaluated from its own code, here, at build time.
 */
const localeJson = (): Plugin => ({
  name: 'earful-locale-json',
  async generateBundle(_options, bundle) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== 'chunk' || !chunk.isEntry) continue;
      const module = await import(`data:text/javascript,${encodeURIComponent(chunk.code)}`);
      this.emitFile({ type: 'asset', fileName: chunk.fileName.replace(/\.js$/, '.json'), source: JSON.stringify(module.default) });
    }
  },
});

/**
 * A digest of the built `dist/earful-ui.js`, which `earful.js` asks for by it (`?build=`): a
 * cache never pairs one build's script tag with another's module. `--mode embed-ui` runs first.
 */
function uiBuild(): string {
  if (!existsSync('dist/earful-ui.js')) throw new Error('dist/earful-ui.js is missing: run vite build --mode embed-ui before --mode embed (npm run build does)');
  return createHash('sha256').update(readFileSync('dist/earful-ui.js')).digest('hex').slice(0, 12);
}

const browser: UserConfig['build'] = { outDir: 'dist', emptyOutDir: false, target: 'es2022', sourcemap: false };

/**
 * The widget's CSS as lightningcss minifies it, without the `--lightningcss-light`/`-dark`
 * variables it adds beside every `color-scheme` to emulate `light-dark()`, which the widget
 * never uses (its themes are classes): 30 B of gzip in the script tag.
 */
const widgetCss: UserConfig['css'] = { lightningcss: { exclude: Features.LightDark } };

/**
 * The modules of the script tag whose code runs as the page loads (the command API, the client's
 * shell, the launcher, the language): V8 compiles them with the script, off the page's main
 * thread (scripts/eager-startup.ts). Taken from V8's log of what it compiled at start
 * (`--js-flags=--log-function-events`); bench/README.md, page-load.
 */
const STARTUP_MODULES = [
  'src/embed/index.ts',
  'src/embed/commands.ts',
  'src/embed/load-ui.ts',
  'src/client/client.ts',
  'src/client/events.ts',
  'src/client/lifecycle.ts',
  'src/client/remember.ts',
  'src/client/storage.ts',
  'src/client/tab-records.ts',
  'src/ui/widget.ts',
  'src/ui/launcher.ts',
  'src/ui/styles.ts',
  'src/ui/user.ts',
  'src/ui/i18n/direction.ts',
  'src/ui/i18n/locales.ts',
  'src/ui/i18n/widget-language.ts',
];

/** The demo pages (`demo/`): `npm run dev` serves them with vite, `npm start` from `dist/demo`. */
const demo = (): UserConfig => ({
  root: 'demo',
  base: '/demo/',
  resolve: { alias: { earful: fileURLToPath(new URL('src/index.ts', import.meta.url)) } },
  build: {
    outDir: '../dist/demo',
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: { input: { index: 'index.html', spa: 'spa.html', nps: 'nps.html' } },
  },
  // Under `npm run dev` the proxy (started alongside on 8787) answers the API and the script tag.
  server: {
    port: 5173,
    proxy: Object.fromEntries(['/v1', '/earful.js', '/earful-ui.js', '/locales', '/inbox', '/healthz'].map((p) => [p, 'http://127.0.0.1:8787'])),
  },
});

export default defineConfig(({ mode, command }): UserConfig => {
  if (mode === 'demo' || command === 'serve') return demo();
  if (mode === 'embed' || mode === 'embed-ui')
    return {
      css: widgetCss,
      define: mode === 'embed' ? { __EARFUL_UI_BUILD__: JSON.stringify(uiBuild()) } : {},
      plugins: mode === 'embed' ? [eagerStartup('earful.js', STARTUP_MODULES)] : [],
      build: {
        ...browser,
        // earful.js's source map serves eagerStartup, which takes it out of the bundle.
        sourcemap: mode === 'embed' ? 'hidden' : false,
        // terser, 5 passes: what each setting buys is in bench/README.md ("Size"). No inlining of
        // functions called once into their caller (`reduce_funcs`): it made the start-up's first
        // calls (installEarful, createClient) 16-22 KB functions holding the whole outbox, which
        // V8 compiled on the page's main thread at start (bench/README.md, page-load).
        minify: 'terser',
        terserOptions: { compress: { passes: 5, reduce_funcs: false } },
        lib:
          mode === 'embed'
            ? { entry: 'src/embed/index.ts', formats: ['iife'], name: 'Earful', fileName: () => 'earful.js' }
            : { entry: 'src/embed/ui.ts', formats: ['es'], fileName: () => 'earful-ui.js' },
      },
    };
  if (mode === 'locales')
    return {
      plugins: [localeJson()],
      build: { ...browser, minify: false, lib: { entry: localeEntries, formats: ['es'], fileName: (_format, name) => `${name}.js` } },
    };
  if (mode === 'browser')
    return {
      css: widgetCss,
      build: {
        ...browser,
        minify: false,
        // The widget's CSS, imported as text, ships minified all the same.
        cssMinify: true,
        lib: { entry: { index: 'src/index.ts' }, formats: ['es'], fileName: (_format, name) => `${name}.js` },
        rolldownOptions: { external: isBrowserDependency },
      },
    };
  return {
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      target: 'node20',
      ssr: true,
      minify: false,
      lib: { entry: serverEntries, formats: ['es'] },
      rolldownOptions: {
        external: isServerDependency,
        output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
  };
});

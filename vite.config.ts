/**
 * Builds `dist/`. The default build is the server side: `earful/proxy`, `earful/proxy/node`,
 * `earful/schema` and the `earful-proxy` bin, as ES modules for Node with their dependencies
 * left as imports. The browser builds (`earful` ESM and the script-tag IIFE `dist/earful.js`)
 * get their own modes here as they arrive (`vite build --mode embed`).
 */
import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

const serverEntries = {
  'proxy/index': 'src/proxy/index.ts',
  'proxy/node': 'src/proxy/node/index.ts',
  'schema/index': 'src/schema/index.ts',
  'bin/earful-proxy': 'src/bin/earful-proxy.ts',
};

const isDependency = (id: string) =>
  id.startsWith('node:') ||
  builtinModules.includes(id) ||
  ['zod', 'hono', '@hono/node-server'].some((dep) => id === dep || id.startsWith(`${dep}/`));

export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'node20',
    ssr: true,
    minify: false,
    lib: { entry: serverEntries, formats: ['es'] },
    rolldownOptions: {
      external: isDependency,
      output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});

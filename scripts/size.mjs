// `npm run size`: the gzip (level 9) and brotli sizes of what ships, from dist/ (run `npm run build` first).
import { readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';

const files = ['dist/earful.js', 'dist/earful-ui.js', 'dist/index.js'];

const row = (name, code) =>
  `| ${name} | ${(code.length / 1024).toFixed(2)} KB | ${(gzipSync(code, { level: 9 }).length / 1024).toFixed(2)} KB | ${(brotliCompressSync(code).length / 1024).toFixed(2)} KB |`;

console.log('| file | minified | gzip | brotli |\n| --- | --- | --- | --- |');
for (const f of files) console.log(row(f, readFileSync(f)));

// `npm start`: build what is missing or stale, then run the earful-proxy bin (local mode by default).
import { spawn } from 'node:child_process';
import { buildIfStale } from './build-if-stale.mjs';

const bin = 'dist/bin/earful-proxy.js';
buildIfStale([bin, 'dist/earful.js', 'dist/earful-ui.js', 'dist/demo/index.html'], 'earful');

const child = spawn(process.execPath, [bin], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

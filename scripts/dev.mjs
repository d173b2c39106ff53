// `npm run dev`: the proxy on the local default (port 8787) and vite serving demo/ with live
// reload (http://127.0.0.1:5173/demo/), which forwards the API and /earful.js to the proxy.
import { spawn, spawnSync } from 'node:child_process';

const built = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const children = [
  spawn(process.execPath, ['dist/bin/earful-proxy.js'], {
    stdio: 'inherit',
    env: { ...process.env, EARFUL_ALLOWED_ORIGINS: process.env.EARFUL_ALLOWED_ORIGINS ?? 'http://127.0.0.1:5173,http://localhost:5173' },
  }),
  spawn('npx', ['vite', '--host', '127.0.0.1'], { stdio: 'inherit' }),
];
const stop = () => children.forEach((c) => c.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const c of children) c.on('exit', (code) => (stop(), process.exitCode ||= code ?? 0));

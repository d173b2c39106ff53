// Stalled uploads: what 60 uploads of 4.99 MB that stop short of their declared length do to
// the `earful-proxy` bin's memory (issue 9, item 12). The bin runs in its own process on the
// local destination with its default rate limit (60 at once per address); from one address,
// 60 connections each declare 4,990,000 bytes, send 4,900,000 and then stall. Reported: the
// bin's resident memory (VmRSS, Linux) before, at its peak, and after; how each upload was
// answered and how long that took; then whether 16 ordinary requests in flight at once from
// the same address are all delivered. Needs dist/ (`npm run build`). About 30 s. Exits 1 when
// the growth reaches 150 MB or an ordinary request is not delivered.
//
// Env: STALL_UPLOADS (60), STALL_HOLD_S (how long to watch the stalled uploads, 25).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const UPLOADS = Number(process.env.STALL_UPLOADS ?? 60);
const HOLD_S = Number(process.env.STALL_HOLD_S ?? 25);
const DECLARED = 4_990_000;
const SENT = 4_900_000;

const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

const bin = spawn(process.execPath, ['dist/bin/earful-proxy.js'], {
  env: { PATH: process.env.PATH, PORT: '0', EARFUL_LOCAL_DIR: mkdtempSync(join(tmpdir(), 'earful-stall-')) },
  stdio: ['ignore', 'pipe', 'inherit'],
});
// Whatever ends this script (a throw included), the bin does not outlive it.
process.on('exit', () => bin.kill('SIGKILL'));
const url = await new Promise((resolve, reject) => {
  let out = '';
  bin.stdout.on('data', (d) => {
    out += d;
    const match = /listening on (http:\/\/\S+)/.exec(out);
    if (match) resolve(match[1]);
  });
  bin.on('exit', () => reject(new Error(`the bin exited:\n${out}`)));
});
const { hostname, port } = new URL(url);

// Warm the bin up with one request, then take its resting memory.
await post(JSON.stringify({ items: [item(0)] }));
await new Promise((resolve) => setTimeout(resolve, 500));
const before = rssMb(bin.pid);

const chunk = Buffer.alloc(64 * 1024, 32);
const started = performance.now();
const answers = [];
const sockets = [];
for (let i = 0; i < UPLOADS; i++) {
  answers.push(
    new Promise((resolve) => {
      const req = request(
        { hostname, port, path: '/v1/feedback', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': DECLARED } },
        (res) => {
          res.resume();
          resolve({ status: res.statusCode, afterS: (performance.now() - started) / 1000 });
        },
      );
      req.on('error', (err) => resolve({ status: err.code ?? 'error', afterS: (performance.now() - started) / 1000 }));
      sockets.push(req);
      let sent = 0;
      const pump = () => {
        while (sent < SENT) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        // And then nothing more: the upload stalls.
      };
      pump();
    }),
  );
}

let peak = before;
const deadline = performance.now() + HOLD_S * 1000;
while (performance.now() < deadline) {
  peak = Math.max(peak, rssMb(bin.pid));
  await new Promise((resolve) => setTimeout(resolve, 250));
}
const settled = await Promise.race([Promise.all(answers), new Promise((resolve) => setTimeout(() => resolve(undefined), 1000))]);
for (const req of sockets) req.destroy();
await new Promise((resolve) => setTimeout(resolve, 500));
const after = rssMb(bin.pid);

const byStatus = new Map();
for (const answer of settled ?? (await Promise.all(answers.map((a) => Promise.race([a, { status: 'none yet' }]))))) {
  const entry = byStatus.get(answer.status) ?? { count: 0, slowestS: 0 };
  entry.count++;
  entry.slowestS = Math.max(entry.slowestS, answer.afterS ?? HOLD_S);
  byStatus.set(answer.status, entry);
}

// Ordinary traffic from the same address: 16 requests in flight at once.
const ordinary = await Promise.all(Array.from({ length: 16 }, (_, i) => post(JSON.stringify({ items: [item(i + 1)] }))));
const delivered = ordinary.filter((o) => o.status === 200 && JSON.parse(o.body).results[0].status === 'delivered').length;

console.log(`stalled uploads: ${UPLOADS} × ${SENT.toLocaleString()} of ${DECLARED.toLocaleString()} bytes, one address, watched ${HOLD_S} s`);
console.log(`bin RSS: ${before.toFixed(0)} MB before, ${peak.toFixed(0)} MB at peak (+${(peak - before).toFixed(0)} MB), ${after.toFixed(0)} MB after`);
for (const [status, { count, slowestS }] of byStatus)
  console.log(`  answered ${status}: ${count} (the last after ${slowestS.toFixed(1)} s)`);
console.log(`16 ordinary requests at once from the same address: ${delivered} of 16 delivered`);
bin.kill('SIGTERM');
const MAX_GROWTH_MB = 150;
if (peak - before >= MAX_GROWTH_MB || delivered < 16) {
  console.error(`over the target: growth under ${MAX_GROWTH_MB} MB and every ordinary request delivered`);
  process.exitCode = 1;
}

function item(n) {
  return { id: `stall-${n}-${Date.now()}`, kind: 'feedback', body: `ordinary feedback ${n}` };
}

function post(body) {
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: '/v1/feedback', method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

// Proxy throughput: 10-item batches through the earful proxy to the fake Amplitude, against a
// bare Node passthrough (bench/servers/passthrough.mjs) in the same run. The fake, the proxy
// and the passthrough each run in their own child process; autocannon drives the load from
// this one. Rounds alternate (passthrough, proxy, …); about 45 s in all. Needs dist/
// (scripts/bench.mjs builds it). Besides req/s and latency it reports each server's CPU time
// per request, and how much of the machine other processes took meanwhile (a busy machine
// makes every figure noisy).
//
// Env: BENCH_ROUNDS (3 of each), BENCH_SECONDS (5 per round, after BENCH_WARMUP 1),
// BENCH_CONNECTIONS (10), BENCH_PROXY_EXEC_ARGV (node flags for the proxy's process, e.g.
// "--cpu-prof --cpu-prof-dir=/tmp/earful-prof" to profile it), BENCH_PASSTHROUGH_EXEC_ARGV (the
// same for the passthrough's), BENCH_IO_ONLY=1 (a third server, a diagnostic: earful's own I/O
// path with no checks, bench/servers/io-only.mts). Exits 1 if any measured request failed, the fake's count of stored
// items did not match, or the proxy logged a warning or an error.
import { fork } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import autocannon from 'autocannon';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const BATCH = 10;
// The bar since issue 12: at least half a bare passthrough (the 0.8x chase is withdrawn).
const TARGET = 0.5;

const children = new Set();
let stopping = false;
const stopChildren = () => {
  stopping = true;
  children.forEach((c) => c.connected && c.disconnect());
};
const bail = (message, code = 1) => {
  if (stopping && process.exitCode) return;
  console.error(`\n${message}`);
  stopChildren();
  setTimeout(() => {
    children.forEach((c) => c.exitCode === null && c.kill('SIGKILL'));
    process.exit(code);
  }, 500).unref();
  process.exitCode = code;
};
process.on('SIGINT', () => bail('proxy-throughput: interrupted', 130));
process.on('SIGTERM', () => bail('proxy-throughput: terminated', 143));
const watchdog = setTimeout(
  () => bail('proxy-throughput: ran too long, stopped'),
  ((process.env.BENCH_IO_ONLY === '1' ? 3 : 2) * (ROUNDS * (SECONDS + WARMUP + 0.5) + 2 * WARMUP) + 40) * 1000,
);
watchdog.unref();

/** Forks a server child; resolves once it reports its URL. `ask(cmd)` talks to it over IPC. */
function start(file, env, execArgv = []) {
  const child = fork(new URL(file, import.meta.url), [], {
    env: { ...process.env, ...env },
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.add(child);
  let nextId = 0;
  const waiting = new Map();
  const ask = (cmd) =>
    new Promise((resolve) => {
      waiting.set(++nextId, resolve);
      child.send({ id: nextId, cmd });
    });
  return new Promise((resolve, reject) => {
    child.on('message', (msg) => {
      if (msg.url) resolve({ url: msg.url, ask });
      waiting.get(msg.id)?.(msg);
      waiting.delete(msg.id);
    });
    child.on('exit', (code, signal) => {
      children.delete(child);
      reject(new Error(`${file} exited (${code ?? signal}) before it was ready`));
      if (!stopping) bail(`!!! ${file} exited (${code ?? signal}) during the benchmark !!!`);
    });
  });
}

/** A valid 10-item batch (docs/api.md §4). Ids repeat across requests: the fake upserts. */
const items = Array.from({ length: BATCH }, (_, i) => ({
  id: `bench-item-${i}`,
  kind: 'feedback',
  body: `Benchmark feedback ${i}: the export button does nothing when the report has more than 500 rows, and I lose the filters I set.`,
  user: { id: `user-${i}`, email: `user${i}@example.com`, name: `Bench User ${i}` },
  url: `https://app.example.com/reports/${i}?tab=export`,
  createdAt: '2025-01-15T10:30:00.000Z',
}));
const body = JSON.stringify({ items });

async function post(url) {
  const res = await fetch(`${url}/v1/feedback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return { status: res.status, text: await res.text() };
}

/** One autocannon run; every answer must be 200 with exactly `expectBody`. */
function load(url, expectBody, seconds) {
  const times = [];
  return new Promise((resolve, reject) => {
    const opts = {
      url: `${url}/v1/feedback`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      connections: CONNECTIONS,
      duration: seconds,
      expectBody,
    };
    const run = autocannon(opts, (err, r) => {
      if (err) return reject(err);
      times.sort((a, b) => a - b);
      const at = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? NaN;
      // A wrong answer is a wrong body (autocannon's mismatches, which include every non-200),
      // a non-200 (in case its body matched), a connection error or a timeout.
      const wrong = Math.max(r.mismatches, r.requests.total - (r.statusCodeStats['200']?.count ?? 0));
      const ok = r.requests.total - wrong;
      resolve({
        ok,
        rps: ok / r.duration,
        p50: at(0.5),
        p99: at(0.99),
        failed: wrong + r.errors + r.timeouts,
        detail: `non-2xx ${r.non2xx}, wrong bodies ${r.mismatches}, errors ${r.errors}, timeouts ${r.timeouts}`,
      });
    });
    run.on('response', (_client, _status, _bytes, ms) => times.push(ms));
  });
}

const cpuMs = ({ user, system }) => (user + system) / 1000;
/** CPU time so far (ms) of the machine, this process, the fake and the server under test. */
async function mark(fake, server) {
  const machine = cpus().reduce((n, { times: t }) => n + t.user + t.nice + t.sys + t.irq, 0);
  const [f, s] = await Promise.all([fake.ask('stats'), server.ask('stats')]);
  const self = cpuMs(process.cpuUsage());
  return { at: performance.now(), machine, self, fake: cpuMs(f.cpu), server: cpuMs(s.cpu) };
}

/** Lets requests cut off by the end of a run finish upstream before the fake is read. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x) => x.toFixed(2);
const int = (x) => Math.round(x).toLocaleString('en-US');
const pct = (x) => `${Math.max(0, Math.round(x * 100))}%`;

async function main() {
  const fake = await start('./servers/fake-amplitude.ts', {}, ['--import', 'tsx']);
  const proxyArgv = (process.env.BENCH_PROXY_EXEC_ARGV ?? '').split(' ').filter(Boolean);
  const proxy = await start('./servers/proxy.mjs', { BENCH_UPSTREAM: fake.url }, proxyArgv);

  // One checked request through the proxy: 200, ten `delivered`. Its exact answer is then
  // what every benchmark answer must be, and what it sent upstream is the passthrough's body.
  const first = await post(proxy.url);
  const results = first.status === 200 ? JSON.parse(first.text).results : [];
  if (results.length !== BATCH || results.some((r) => r.status !== 'delivered'))
    throw new Error(`the proxy did not deliver the batch: ${first.status} ${first.text}`);
  const { last } = await fake.ask('reset');
  const passthroughArgv = (process.env.BENCH_PASSTHROUGH_EXEC_ARGV ?? '').split(' ').filter(Boolean);
  const passthrough = await start(
    './servers/passthrough.mjs',
    { BENCH_UPSTREAM: `${fake.url}/api/1/ai-feedback/ingest`, BENCH_AUTHORIZATION: last.authorization, BENCH_BODY: last.rawBody },
    passthroughArgv,
  );
  const direct = await post(passthrough.url);
  if (direct.status !== 200 || JSON.parse(direct.text).ingested !== BATCH)
    throw new Error(`the passthrough did not deliver the batch: ${direct.status} ${direct.text}`);

  const targets = [
    { name: 'bare Node passthrough', server: passthrough, expect: direct.text, rounds: [] },
    { name: 'earful proxy', server: proxy, expect: first.text, rounds: [] },
  ];
  if (process.env.BENCH_IO_ONLY === '1') {
    const env = { BENCH_UPSTREAM: `${fake.url}/api/1/ai-feedback/ingest`, BENCH_AUTHORIZATION: last.authorization };
    const io = await start('./servers/io-only.mts', { ...env, BENCH_BODY: last.rawBody, BENCH_ANSWER: first.text }, ['--import', 'tsx']);
    targets.push({ name: "earful's I/O only", server: io, expect: first.text, rounds: [] });
  }
  console.log(
    `proxy throughput: ${BATCH}-item batches (${body.length} B in, ${last.rawBody.length} B upstream), ` +
      `${CONNECTIONS} connections, ${ROUNDS}× ${SECONDS} s each after ${WARMUP} s warm-up`,
  );
  const load1 = () => loadavg()[0].toFixed(2);
  console.log(
    `machine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), node ${process.version}, ` +
      `load average ${load1()} at start\n`,
  );
  // Both warmed once before the rounds (JIT, keep-alive pools), then each again before each round.
  for (const t of targets) await load(t.server.url, t.expect, 2 * WARMUP);
  for (let round = 1; round <= ROUNDS; round++) {
    for (const t of targets) {
      const warm = await load(t.server.url, t.expect, WARMUP);
      if (warm.failed) console.log(`(warm-up of ${t.name}: ${warm.detail}; not counted)`);
      await settle();
      await fake.ask('reset');
      const before = await mark(fake, t.server);
      const r = await load(t.server.url, t.expect, SECONDS);
      const after = await mark(fake, t.server);
      // CPU time of the server's process (all its threads) per answered request: steadier than
      // req/s on a small shared machine, where the three processes compete for two cores.
      r.cpu = (after.server - before.server) / Math.max(1, r.ok);
      // The share of the machine that processes other than this benchmark's used meanwhile.
      const ours = ['self', 'fake', 'server'].reduce((n, k) => n + after[k] - before[k], 0);
      r.others = (after.machine - before.machine - ours) / ((after.at - before.at) * cpus().length);
      await settle();
      const { writes } = await fake.ask('reset');
      // In-flight requests cut off at the end may still have reached the fake.
      r.upstreamOff = writes < BATCH * r.ok || writes > BATCH * (r.ok + CONNECTIONS) ? 1 : 0;
      t.rounds.push(r);
      console.log(
        `round ${round} ${t.name.padEnd(21)} ${int(r.rps).padStart(6)} req/s  ` +
          `p50 ${ms(r.p50)} ms  p99 ${ms(r.p99)} ms  CPU ${ms(r.cpu)} ms/req  ` +
          `other load ${pct(r.others)}  ` +
          `${r.failed ? `FAILED: ${r.detail}` : 'all 200'}, ` +
          `fake stored ${writes} items${r.upstreamOff ? ` (OFF: expected ${BATCH * r.ok})` : ''}`,
      );
    }
  }

  const { logged } = await proxy.ask('stats');
  const [base, ours, io] = targets.map((t) => {
    const of = (key) => median(t.rounds.map((r) => r[key]));
    const sum = (key) => t.rounds.reduce((n, r) => n + r[key], 0);
    const stats = { rps: of('rps'), p50: of('p50'), p99: of('p99'), cpu: of('cpu'), others: of('others') };
    return { name: t.name, ...stats, failed: sum('failed'), upstreamOff: sum('upstreamOff') };
  });
  const ratio = ours.rps / base.rps;
  console.log('\n| | req/s (median) | p50 ms | p99 ms | server CPU ms/req |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const t of [base, ours, io].filter(Boolean))
    console.log(`| ${t.name} | ${int(t.rps)} | ${ms(t.p50)} | ${ms(t.p99)} | ${ms(t.cpu)} |`);
  console.log(
    `\nratio: ${ratio.toFixed(2)}x (target ≥ ${TARGET}x) ${ratio >= TARGET ? 'met' : '— BELOW TARGET'}; ` +
      `CPU per request ${(ours.cpu / base.cpu).toFixed(1)}x the passthrough's`,
  );
  console.log(
    `(medians over ${ROUNDS} rounds; latency is each round's percentile; ` +
      `${BATCH} items per request, ${CONNECTIONS} connections; load average ${load1()} at the end)`,
  );

  if (io)
    console.log(
      `diagnostic: earful's I/O alone (no checks, no mapping) reaches ${(io.rps / base.rps).toFixed(2)}x the passthrough, ` +
        `CPU ${(io.cpu / base.cpu).toFixed(1)}x`,
    );
  const problems = [
    base.failed + ours.failed + (io?.failed ?? 0) && `${base.failed + ours.failed + (io?.failed ?? 0)} failed requests`,
    base.upstreamOff + ours.upstreamOff + (io?.upstreamOff ?? 0) &&
      `${base.upstreamOff + ours.upstreamOff + (io?.upstreamOff ?? 0)} rounds with the fake's count off`,
    logged.warn + logged.error && `${logged.warn} warnings and ${logged.error} errors logged by the proxy`,
  ].filter(Boolean);
  const others = Math.max(base.others, ours.others);
  if (others > 0.1)
    console.log(`\nnote: other processes took ${pct(others)} of the machine during the rounds: figures are noisy`);
  if (logged.first) console.log(`\nthe proxy's first log line: ${logged.first}`);
  if (problems.length) bail(`!!! ${problems.join(', ')}: the figures above are not valid !!!`);
  else stopChildren();
}

main().catch((err) => bail(`proxy-throughput failed: ${err?.stack ?? err}`));

// Benchmark child process, a diagnostic (BENCH_IO_ONLY=1): the earful proxy's own I/O with none
// of its checks. It reads each request through the Node server's direct path, parses the JSON
// (as any proxy that validates must), posts the exact upstream body the proxy would send
// (BENCH_BODY) through the proxy's upstream transport, parses the answer and writes the
// proxy's exact answer (BENCH_ANSWER). The gap between it and the passthrough is the cost of
// the plumbing; the gap between it and the proxy, of validating, mapping and answering.
// Run with `node --import tsx` (it imports the sources).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fromIncoming, writeAnswer } from '../../src/proxy/node/direct.js';
import { createUpstreamFetch } from '../../src/proxy/node/upstream.js';

const endpoint = process.env.BENCH_UPSTREAM!;
const body = process.env.BENCH_BODY!;
const headers = { authorization: process.env.BENCH_AUTHORIZATION!, 'content-type': 'application/json' };
const answer = { status: 200, headers: { 'cache-control': 'no-store', 'content-type': 'application/json' }, body: process.env.BENCH_ANSWER! };
const upstream = createUpstreamFetch();
const utf8 = new TextDecoder('utf-8', { fatal: true });

const server = createServer((req, res) => {
  const request = fromIncoming(req);
  request
    .bytes(5_000_000, 10_000)
    .then((bytes) => {
      JSON.parse(utf8.decode(bytes));
      return upstream(endpoint, { method: 'POST', headers, body, timeoutMs: 10_000 });
    })
    .then((up) => up.json())
    .then(
      () => writeAnswer(res, answer),
      () => writeAnswer(res, { status: 502, headers: {}, body: null }),
    );
});

server.listen(0, '127.0.0.1', () => {
  process.on('message', (msg: { id: number }) => process.send?.({ id: msg.id, logged: { warn: 0, error: 0 }, cpu: process.cpuUsage() }));
  process.on('disconnect', () => {
    upstream.close();
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
  process.send?.({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
});

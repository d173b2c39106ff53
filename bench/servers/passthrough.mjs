// Benchmark child process: the baseline. A bare node:http server that reads the request body
// whole, then forwards a fixed, precomputed Amplitude body (BENCH_BODY: the exact bytes the
// earful proxy sends upstream for the benchmark's batch) with the same Basic auth, over a
// keep-alive agent, and pipes the upstream's status and body back. It parses, validates and
// maps nothing: the same network work as the proxy, none of the checks.
import { Agent, createServer, request } from 'node:http';

const upstream = new URL(process.env.BENCH_UPSTREAM);
const payload = Buffer.from(process.env.BENCH_BODY);
const headers = {
  authorization: process.env.BENCH_AUTHORIZATION,
  'content-type': 'application/json',
  'content-length': payload.length,
};
const agent = new Agent({ keepAlive: true });

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    Buffer.concat(chunks); // held whole, as a forwarder would; never looked at
    const options = { agent, method: 'POST', headers, hostname: upstream.hostname };
    const up = request({ ...options, port: upstream.port, path: upstream.pathname }, (upRes) => {
      res.writeHead(upRes.statusCode, { 'content-type': 'application/json' });
      upRes.pipe(res);
    });
    up.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    up.end(payload);
  });
});

server.listen(0, '127.0.0.1', () => {
  process.on('message', (msg) => process.send?.({ id: msg.id, cpu: process.cpuUsage() }));
  process.on('disconnect', () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
  process.send?.({ url: `http://127.0.0.1:${server.address().port}` });
});

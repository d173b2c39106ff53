// @vitest-environment node
/**
 * The handler as the platforms call it, in process: what it takes as its second argument, a
 * configuration read on first use, the warning when no client address can be known, and a
 * body drained before an early answer. The same over HTTP on each runtime: contract.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { amplitude } from '../../src/proxy/amplitude.js';
import { type ProxyConfig, createProxy } from '../../src/proxy/create-proxy.js';
import { configFromEnv } from '../../src/proxy/env.js';
import { ConfigError } from '../../src/proxy/errors.js';
import { ORIGIN, captureLogs, fakeAmplitudeForFile, feedback, postRequest } from '../proxy/helpers.js';

const fake = await fakeAmplitudeForFile();

const config = (logs = captureLogs()): ProxyConfig => ({
  destinations: [amplitude({ apiKey: 'amp-key', secretKey: 'amp-secret', sourceId: 'src-1', baseUrl: fake.url })],
  allowedOrigins: [ORIGIN],
  rateLimit: { requestsPerMinute: 1, burst: 1 },
  logger: logs,
});

const NO_ADDRESS = /rate limit is off: no client address is known.*clientAddress/;

describe('the second argument', () => {
  it('takes what each platform passes, and reads a client address only from { clientAddress }', async () => {
    const logs = captureLogs();
    const handle = createProxy(config(logs));
    // A Worker's env, Deno's info, Bun's server, Next's { params }: no client address among them.
    const workerEnv = { AMPLITUDE_API_KEY: 'amp-key' };
    const denoInfo = { remoteAddr: { transport: 'tcp', hostname: '203.0.113.9', port: 4000 }, completed: Promise.resolve() };
    const bunServer = { requestIP: () => ({ address: '203.0.113.9', family: 'IPv4', port: 4000 }) };
    const nextContext = { params: Promise.resolve({}) };
    for (const platformArgument of [workerEnv, denoInfo, bunServer, nextContext, undefined, null, 'text', { clientAddress: 7 }])
      expect((await handle(postRequest([feedback()]), platformArgument)).status).toBe(200);
    expect(fake.writes).toBe(8);
    // With the address passed, the limit of one a minute holds.
    expect((await handle(postRequest([feedback()]), { clientAddress: '203.0.113.1' })).status).toBe(200);
    expect((await handle(postRequest([feedback()]), { clientAddress: '203.0.113.1' })).status).toBe(429);
  });

  it('says once, at the first request with no address, that the rate limit is off', async () => {
    const logs = captureLogs();
    const handle = createProxy(config(logs));
    await handle(postRequest([feedback()]), { clientAddress: '203.0.113.1' });
    expect(logs.lines.filter((line) => NO_ADDRESS.test(line))).toEqual([]);
    for (let i = 0; i < 3; i++) await handle(postRequest([feedback()]));
    expect(logs.lines.filter((line) => NO_ADDRESS.test(line))).toHaveLength(1);
    expect(logs.lines.find((line) => NO_ADDRESS.test(line))).toMatch(/^warn \[earful\]/);
  });

  it('says nothing when the rate limit is off by choice', async () => {
    const logs = captureLogs();
    const handle = createProxy({ ...config(logs), rateLimit: false });
    await handle(postRequest([feedback()]));
    expect(logs.lines.filter((line) => NO_ADDRESS.test(line))).toEqual([]);
  });
});

describe('a configuration read on first use', () => {
  it('is not read when the handler is made, only at the first request, and once', async () => {
    let reads = 0;
    const handle = createProxy(() => {
      reads++;
      return config();
    });
    expect(reads).toBe(0);
    expect((await handle(postRequest([feedback()]))).status).toBe(200);
    expect((await handle(postRequest([feedback()]))).status).toBe(200);
    expect(reads).toBe(1);
  });

  it('throws its ConfigError, naming what to set, on the first request and each one after', async () => {
    const env: Record<string, string> = { EARFUL_DESTINATION: 'amplitude' };
    const handle = createProxy(() => configFromEnv(env)); // what the README's Next.js route does
    for (let i = 0; i < 2; i++) {
      const failed = handle(postRequest([feedback()]));
      await expect(failed).rejects.toThrow(ConfigError);
      await expect(failed).rejects.toThrow(/AMPLITUDE_API_KEY, AMPLITUDE_SECRET_KEY, AMPLITUDE_SOURCE_ID/);
    }
    Object.assign(env, { AMPLITUDE_API_KEY: 'amp-key', AMPLITUDE_SECRET_KEY: 'amp-secret', AMPLITUDE_SOURCE_ID: 'src-1', AMPLITUDE_BASE_URL: fake.url, EARFUL_RATE_LIMIT: '0' });
    expect((await handle(postRequest([feedback()], { origin: null }))).status).toBe(200);
    expect(fake.writes).toBe(1);
  });
});

describe('a body answered before it was read', () => {
  /** A body of `chunks` MiB that counts what was pulled of it. */
  function countedBody(chunks: number) {
    const counted = { pulled: 0 };
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        counted.pulled++;
        controller.enqueue(new Uint8Array(1024 * 1024).fill(32));
        if (counted.pulled >= chunks) controller.close();
      },
    });
    return { stream, counted };
  }
  const postStream = (stream: ReadableStream, headers: Record<string, string>) =>
    new Request('https://proxy.example.com/v1/feedback', { method: 'POST', headers, body: stream, duplex: 'half' } as RequestInit);

  it('is read to its end before a 403, 413 or 415 is answered', async () => {
    const handle = createProxy(config());
    for (const [status, headers] of [
      [403, { origin: 'https://elsewhere.example', 'content-type': 'application/json' }],
      [413, { origin: ORIGIN, 'content-type': 'application/json', 'content-length': '6000000' }],
      [415, { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' }],
    ] as const) {
      const { stream, counted } = countedBody(6);
      const res = await handle(postStream(stream, headers), { clientAddress: `203.0.113.${status % 256}` });
      expect([status, res.status, counted.pulled]).toEqual([status, status, 6]);
    }
  });

  it('is let go of unread when it declares more than four times the limit', async () => {
    const { stream, counted } = countedBody(30);
    const res = await createProxy(config())(postStream(stream, { origin: ORIGIN, 'content-type': 'application/json', 'content-length': '30000000' }));
    expect(res.status).toBe(413);
    expect(counted.pulled).toBeLessThanOrEqual(2); // what the stream buffered ahead, no more
  });
});

// @vitest-environment node
// Whatever a client sends, the proxy answers with a 2xx or a 4xx: never a 5xx.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createProxy } from '../../src/proxy/create-proxy.js';
import { local } from '../../src/proxy/local.js';
import { silentLogger } from '../../src/proxy/log.js';
import { mutatedSubmission, validSubmission } from '../schema/arbitraries.js';

const handle = createProxy({ destinations: [local()], allowedOrigins: '*', rateLimit: false, logger: silentLogger });

const send = (body: string | Uint8Array<ArrayBuffer>, contentType = 'application/json') =>
  handle(
    new Request('http://127.0.0.1/v1/feedback', { method: 'POST', headers: { 'content-type': contentType }, body }),
  );

async function notServerError(res: Promise<Response>): Promise<void> {
  const r = await res;
  expect(r.status).toBeLessThan(500);
  await r.text();
}

describe('random input never yields a 5xx', () => {
  it('for arbitrary JSON values as the body', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), (v) => notServerError(send(JSON.stringify(v)))),
      { numRuns: 300 },
    );
  });

  it('for arbitrary bytes and content types', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 512 }).map((a) => new Uint8Array(a)),
        fc.constantFrom('application/json', 'text/plain', 'text/html', ''),
        (bytes, type) => notServerError(send(bytes, type)),
      ),
      { numRuns: 300 },
    );
  });

  it('for envelopes of valid and broken items, answering one result per item', async () => {
    const items = fc.array(fc.oneof(validSubmission, mutatedSubmission, fc.anything()), {
      minLength: 1,
      maxLength: 20,
    });
    await fc.assert(
      fc.asyncProperty(items, async (list) => {
        const res = await send(JSON.stringify({ items: list }));
        expect(res.status).toBe(200);
        expect(((await res.json()) as { results: unknown[] }).results).toHaveLength(list.length);
      }),
      { numRuns: 200 },
    );
  });

  it('answers each item of a mixed envelope in order, valid ones delivered', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(validSubmission, mutatedSubmission), { minLength: 1, maxLength: 10 }),
        async (list) => {
          const unique = list.map((s, i) => ({ ...s, id: typeof s.id === 'string' && s.id ? `${i}-${s.id}` : s.id }));
          const res = await send(JSON.stringify({ items: unique }));
          const { results } = (await res.json()) as { results: { id: string; status: string }[] };
          expect(results).toHaveLength(unique.length);
          results.forEach((r, i) => {
            expect(['delivered', 'rejected']).toContain(r.status);
            if (r.status === 'delivered') expect(r.id).toBe(unique[i]!.id);
            else expect([unique[i]!.id, '']).toContain(r.id);
          });
        },
      ),
      { numRuns: 100 },
    );
  });
});

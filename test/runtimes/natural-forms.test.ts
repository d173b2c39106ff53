// @vitest-environment node
/**
 * The forms a user may write instead of the README's: `Deno.serve(handle)` and
 * `Bun.serve({ fetch: handle })` run (the handler learns no client address there, so the rate
 * limit is off and the log says so, once), and the README's `proxy.ts`, configured in code.
 */
import { describe, expect, it, vi } from 'vitest';
import { ORIGIN, fakeAmplitudeForFile, feedback, postRequest } from '../proxy/helpers.js';
import { layApp } from './apps.js';
import { formVariables, startProcess } from './servers.js';

const fake = await fakeAmplitudeForFile();

const NO_ADDRESS = /rate limit is off: no client address is known/g;

describe.each([
  ['Deno.serve(handle)', 'deno', 'forms/deno.ts'],
  ['Bun.serve({ fetch: handle })', 'bun', 'forms/bun.ts'],
] as const)('%s', (_, runtime, entry) => {
  it('delivers, with the rate limit off for want of an address, and says so once in its log', async () => {
    // One request a minute per client: the second would be refused if the address were known.
    const app = await startProcess(runtime, layApp(runtime, 'natural'), entry, formVariables(fake.url, 2));
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) {
        const request = postRequest([feedback()], { url: `${app.url}/v1/feedback` });
        statuses.push((await fetch(request)).status);
      }
      expect(statuses).toEqual([200, 200, 200]);
      expect(fake.writes).toBe(3);
      expect(app.output().match(NO_ADDRESS)).toHaveLength(1);
    } finally {
      await app.stop();
    }
  });
});

describe("the README's proxy.ts, configured in code", () => {
  it('serves with the keys from process.env: the health of both destinations, the origin check', async () => {
    vi.stubEnv('AMPLITUDE_API_KEY', 'amp-key');
    vi.stubEnv('AMPLITUDE_SECRET_KEY', 'amp-secret');
    vi.stubEnv('AMPLITUDE_SOURCE_ID', 'src-1');
    vi.stubEnv('BUILDBETTER_API_KEY', 'bb-key');
    vi.stubEnv('BUILDBETTER_SOURCE_ID', '42');
    try {
      const dir = layApp('node', 'natural');
      const { handle } = await import(/* @vite-ignore */ `${dir}/proxy.ts`);
      const health = await handle(new Request('https://proxy.example.com/healthz'));
      expect(await health.json()).toMatchObject({ status: 'ok', destinations: [{ name: 'amplitude' }, { name: 'buildbetter' }] });
      const preflight = await handle(
        new Request('https://proxy.example.com/v1/feedback', { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'POST' } }),
      );
      expect(preflight.status).toBe(204);
      expect((await handle(postRequest([feedback()], { origin: 'https://elsewhere.example' }))).status).toBe(403);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

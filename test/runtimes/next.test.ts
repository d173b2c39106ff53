// @vitest-environment node
/**
 * The README's Next.js route in a real app: `next build` with no keys in the environment
 * (Next type-checks the route's exports against its own types on the way), then `next start`:
 * with its keys it delivers; without them every request fails, and the log names what to set.
 * The slowest of the runtime tests (a build takes ~15-40 s here).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeAmplitude, startFakeAmplitude } from '../fakes/amplitude.js';
import { feedback, postRequest } from '../proxy/helpers.js';
import { layApp } from './apps.js';
import { BIN, run } from './run.js';
import { formVariables, startProcess } from './servers.js';

let fake: FakeAmplitude;
let dir: string;
beforeAll(async () => {
  fake = await startFakeAmplitude();
  dir = layApp('next', 'build');
});
afterAll(() => fake.close());

/** Posts one item as a browser on the allowed origin would, behind Vercel (`x-real-ip`). */
const postTo = (url: string) =>
  fetch(postRequest([feedback()], { url: `${url}/v1/feedback`, headers: { 'x-real-ip': '203.0.113.7' } }));

describe.sequential('next build, then next start', () => {
  it('builds with a destination named but none of its keys set', async () => {
    const built = await run(BIN.node, [BIN.next, 'build'], { cwd: dir, env: { EARFUL_DESTINATION: 'amplitude' }, timeoutMs: 240_000 });
    expect(built.code, built.output).toBe(0);
    expect(built.output).toMatch(/ƒ \/v1\/feedback/);
  }, 300_000);

  it('delivers, once started with its keys', async () => {
    const app = await startProcess('next', dir, '', formVariables(fake.url, 120));
    try {
      const answer = await postTo(app.url);
      expect(answer.status).toBe(200);
      expect((await answer.json()).results[0].status).toBe('delivered');
      expect(fake.writes).toBe(1);
    } finally {
      await app.stop();
    }
  }, 60_000);

  it('fails on every request when started without them, and its log names them', async () => {
    const app = await startProcess('next', dir, '', { EARFUL_DESTINATION: 'amplitude' });
    try {
      // (Its /healthz, asked while it started, failed the same way: what follows is the posts' own.)
      const before = app.output().length;
      expect([(await postTo(app.url)).status, (await postTo(app.url)).status]).toEqual([500, 500]);
      const named = app.output().slice(before).match(/ConfigError.*needs AMPLITUDE_API_KEY, AMPLITUDE_SECRET_KEY, AMPLITUDE_SOURCE_ID/g);
      expect(named).toHaveLength(2);
    } finally {
      await app.stop();
    }
  }, 60_000);
});

// @vitest-environment node
import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toAmplitudeItem } from '../../src/proxy/amplitude-map.js';
import { createProxy } from '../../src/proxy/create-proxy.js';
import { local } from '../../src/proxy/local.js';
import { silentLogger } from '../../src/proxy/log.js';
import { fileSink } from '../../src/proxy/node/file-sink.js';
import type { Submission } from '../../src/schema/submission.js';
import { feedback, post as postTo } from './helpers.js';

/** Local mode answers localhost and IP addresses only: post as a page on this machine would. */
const post = (handle: Parameters<typeof postTo>[0], items: unknown) => postTo(handle, items, { url: 'http://127.0.0.1/v1/feedback' });

const setup = (sink = fileSink(mkdtempSync(join(tmpdir(), 'earful-local-')))) => {
  const destination = local({ sink });
  const handle = createProxy({ destinations: [destination], allowedOrigins: '*', logger: silentLogger });
  return { handle, sink, page: async (path: string) => (await handle(new Request(`http://127.0.0.1${path}`))).text() };
};

describe('the local destination', () => {
  it('captures one Amplitude request per batch with the body the real mapping makes', async () => {
    const { handle, sink } = setup();
    const items = [feedback(), feedback({ kind: 'csat', score: 4, body: 'Quick answer' })];
    const { body } = await post(handle, items);
    expect(body.results.map((r: { status: string }) => r.status)).toEqual(['delivered', 'delivered']);
    const entries = await sink.recent(100);
    const amp = entries.filter((e) => e.destination === 'amplitude');
    expect(amp).toHaveLength(1);
    expect(amp[0]!.body).toEqual({
      source_id: 'YOUR_SOURCE_ID',
      items: items.map((i) => toAmplitudeItem(i as Submission)),
    });
    expect(amp[0]!.headers.authorization).not.toMatch(/bG9jYWw|local/); // no credential, not even the placeholder one
    const records = entries.filter((e) => e.destination === 'buildbetter' && e.url.endsWith('/records'));
    expect(records.map((r) => (r.body as { external_id: string }).external_id).sort()).toEqual(items.map((i) => i.id).sort());
    expect(new Set(entries.map((e) => e.batch)).size).toBe(1);
  });

  it('shows captured text inert in /inbox, newest batch first', async () => {
    const { handle, page } = setup();
    await post(handle, [feedback({ body: 'first batch' })]);
    await post(handle, [feedback({ body: '<script>alert(1)</script><img src=x onerror=alert(2)>' })]);
    const html = await page('/inbox');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html.indexOf('onerror')).toBeLessThan(html.indexOf('first batch'));
  });

  it('starts on a fresh line after a crash left half a line, and reads the file back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'earful-local-'));
    const sink = fileSink(dir);
    await post(setup(sink).handle, [feedback()]);
    appendFileSync(sink.file, '{"at":"2026-'); // the process died mid-write
    const restarted = fileSink(dir);
    await post(setup(restarted).handle, [feedback()]);
    const amp = (await restarted.recent(100)).filter((e) => e.destination === 'amplitude');
    expect(amp).toHaveLength(2);
  });
});

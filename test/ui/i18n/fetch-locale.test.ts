// @vitest-environment node
// The script tag's translation file, fetched from beside earful.js on a real local server.
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchLocale } from '../../../src/ui/i18n/fetch-locale.js';

const files: Record<string, { status?: number; type?: string; body: string }> = {
  '/static/locales/de.json': { body: JSON.stringify({ send: 'Senden', close: 'Schließen' }) },
  '/static/locales/html.json': { type: 'text/html', body: '<!doctype html><p>Not found, but 200</p>' },
};
let server: Server;
let origin: string;
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.url ?? '');
    const file = files[new URL(req.url ?? '', 'http://test.invalid').pathname];
    if (!file) return void res.writeHead(404).end('missing');
    res.writeHead(file.status ?? 200, { 'content-type': file.type ?? 'application/json' }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('fetchLocale', () => {
  it("fetches locales/<locale>.json from beside the script, under the script's query", async () => {
    expect(await fetchLocale('de', `${origin}/static/earful.js?v=3`)).toEqual({ send: 'Senden', close: 'Schließen' });
    expect(seen.at(-1)).toBe('/static/locales/de.json?v=3');
    await fetchLocale('de', `${origin}/static/earful.js`);
    expect(seen.at(-1)).toBe('/static/locales/de.json');
  });

  it('rejects a missing file, a file that is not JSON, and an unreachable server', async () => {
    await expect(fetchLocale('fr', `${origin}/static/earful.js`)).rejects.toThrow('HTTP 404');
    await expect(fetchLocale('html', `${origin}/static/earful.js`)).rejects.toThrow();
    await expect(fetchLocale('de', 'http://127.0.0.1:9/earful.js')).rejects.toThrow();
  });

  it('rejects when there is no script address to look beside', async () => {
    await expect(fetchLocale('de', undefined)).rejects.toThrow();
  });
});

// @vitest-environment node
// `GET /locales/<locale>.json`: public translation files for pages on any origin, nothing else.
import { afterEach, describe, expect, it } from 'vitest';
import { createProxy } from '../../src/proxy/create-proxy.js';
import { local, memorySink } from '../../src/proxy/local.js';
import { silentLogger } from '../../src/proxy/log.js';
import { builtFiles } from '../../src/proxy/node/built-files.js';
import ja from '../../src/locales/ja.js';

/** test/global-setup.ts built them. */
const DIST_LOCALES = new URL('../../dist/locales/', import.meta.url);
const OTHER_SITE = 'https://shop.example.org';

const asked: string[] = [];
const proxy = () =>
  createProxy({
    destinations: [local({ sink: memorySink() })],
    allowedOrigins: ['https://app.example.com'],
    logger: silentLogger,
    localeFile: (name) => {
      asked.push(name);
      return builtFiles(DIST_LOCALES)(name);
    },
  });
const get = (path: string, origin = OTHER_SITE) => proxy()(new Request(`http://127.0.0.1:8787${path}`, { headers: { origin } }));

afterEach(() => {
  asked.length = 0;
});

describe('GET /locales/<locale>.json', () => {
  it('serves the built translation to a page of any origin, as public JSON', async () => {
    const response = await get('/locales/ja.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(await response.json()).toEqual(ja);
  });

  it('answers 404, readable by the page, for a locale that is not built', async () => {
    const response = await get('/locales/sw.json');
    expect(response.status).toBe(404);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(await response.json()).toEqual({ error: 'no locale file sw.json' });
  });

  it('never hands the reader a name that is not a language tag and .json', async () => {
    for (const path of ['/locales/..%2Fearful.js', '/locales/de.js', '/locales/.json', '/locales/..%2F..%2Fpackage.json', '/locales/de.json.map'])
      expect((await get(path)).status, path).toBe(404);
    expect(asked).toEqual([]);
  });
});

describe('the Node server', () => {
  const running: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((server) => server.close()));
  });

  it('serves the locale files of its own build beside /earful.js', async () => {
    // The built package, as `npx earful-proxy` runs it: dist/proxy/node.js next to dist/locales.
    const { serve } = await import('earful/proxy/node');
    const server = await serve({ destinations: [local({ sink: memorySink() })], port: 0, logger: silentLogger });
    running.push(server);
    const response = await fetch(`${server.url}/locales/pt-BR.json`, { headers: { origin: OTHER_SITE } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect((await response.json()).send).toBe('Enviar');
    expect((await fetch(`${server.url}/earful.js`)).status).toBe(200);
  });
});

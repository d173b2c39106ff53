// @vitest-environment node
// Importing the package does nothing: no window, document or storage is touched (SSR-safe).
import { afterEach, describe, expect, it, vi } from 'vitest';

const browserGlobals = ['window', 'document', 'navigator', 'location', 'localStorage', 'indexedDB', 'customElements', 'HTMLElement', 'CSSStyleSheet', 'matchMedia'];

afterEach(() => vi.resetModules());

describe('importing earful', () => {
  it('reads no browser global', async () => {
    const touched: string[] = [];
    const saved = new Map(browserGlobals.map((name) => [name, Object.getOwnPropertyDescriptor(globalThis, name)]));
    for (const name of browserGlobals)
      Object.defineProperty(globalThis, name, {
        configurable: true,
        get() {
          touched.push(name);
          return undefined;
        },
      });
    try {
      const earful = await import('../../src/index.js');
      expect(earful.mount).toBeTypeOf('function');
      expect(earful.defineElements).toBeTypeOf('function');
      expect(earful.FeedbackForm).toBeTypeOf('function');
      expect(earful.NpsPrompt).toBeTypeOf('function');
    } finally {
      for (const [name, descriptor] of saved)
        if (descriptor) Object.defineProperty(globalThis, name, descriptor);
        else delete (globalThis as Record<string, unknown>)[name];
    }
    expect(touched).toEqual([]);
  });
});

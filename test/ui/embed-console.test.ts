// @vitest-environment happy-dom
// The script tag says what is wrong with its setup in the console.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Client } from '../../src/client/client.js';
import { type EarfulCommand, type EmbedUi, installEarful } from '../../src/embed/commands.js';
import { IDBFactory } from '../fake-idb.js';

type Win = Window & { Earful?: EarfulCommand };

let warnings: string[];
beforeEach(() => {
  warnings = [];
  vi.spyOn(console, 'warn').mockImplementation((line: string) => void warnings.push(line));
  vi.spyOn(console, 'error').mockImplementation((line: string) => void warnings.push(line));
});
afterEach(() => vi.restoreAllMocks());

/** A script tag with these `data-*` attributes. */
function scriptTag(data: Record<string, string>): HTMLScriptElement {
  const script = document.createElement('script');
  Object.assign(script.dataset, data);
  return script;
}

const seams = { indexedDB: new IDBFactory(), autoFlush: false, locks: null };
const noUi = (): EmbedUi => ({ open() {}, close() {}, nps() {}, csat() {}, identify() {}, destroy() {} });

/** Installs Earful with the client's seams, and records the clients it made. */
function install(script: HTMLScriptElement | null, queued: unknown[][] = []) {
  const win = { Earful: Object.assign(() => {}, { q: queued }) } as unknown as Win;
  const clients: Client[] = [];
  const uis: EmbedUi[] = [];
  const Earful = installEarful(win, script, (client) => {
    clients.push(client);
    const ui = { ...noUi(), csat: vi.fn(), nps: vi.fn(), identify: vi.fn() };
    uis.push(ui);
    return ui;
  });
  return { Earful, clients, uis };
}

describe('a misconfigured script tag', () => {
  it('says so when it has no data-endpoint and no init is queued', () => {
    install(scriptTag({ userId: 'u1' }));
    expect(warnings).toEqual([expect.stringMatching(/no endpoint: add data-endpoint="\/v1\/feedback" to its script tag, or call Earful\('init'/)]);
  });

  it('stays quiet when an init is queued instead', () => {
    install(scriptTag({}), [['init', { endpoint: '/v1/feedback', ...seams }]]);
    expect(warnings).toEqual([]);
  });

  it('names a data-* attribute it does not know', () => {
    install(scriptTag({ endpoint: '/v1/feedback', postion: 'bottom-left' }));
    expect(warnings).toEqual([expect.stringContaining('data-postion is not an option')]);
  });

  it('names an unknown init option and leaves it out, and an init without endpoint says what to write', () => {
    const passed: object[] = [];
    const win = { Earful: Object.assign(() => {}, { q: [] }) } as unknown as Win;
    const Earful = installEarful(win, null, (_client, options) => {
      passed.push(options);
      return { ...noUi(), csat: vi.fn(), nps: vi.fn(), identify: vi.fn() };
    });
    Earful('init', { endpoint: '/v1/feedback', postion: 'bottom-left', inlineForm: true, ...seams });
    expect(warnings).toEqual([
      expect.stringContaining('init: unknown option "postion" (ignored)'),
      expect.stringContaining('init: unknown option "inlineForm" (ignored)'),
    ]);
    // "Ignored" is what happens: the UI never sees them.
    expect(passed).toHaveLength(1);
    expect(Object.keys(passed[0]!)).not.toContain('postion');
    expect(Object.keys(passed[0]!)).not.toContain('inlineForm');
    Earful('init', { position: 'bottom-left' });
    expect(warnings[2]).toMatch(/init needs an endpoint, e\.g\. Earful\('init', \{ endpoint: '\/v1\/feedback' \}\)/);
  });

  it('names an unknown event, and lists the events there are', () => {
    const { Earful } = install(null);
    Earful('on', 'deliverd', () => {});
    expect(warnings).toEqual([expect.stringContaining('on: unknown event "deliverd"; events: queued, delivered, accepted, rejected, retrying, error, submitted')]);
    Earful('on', 'retrying', () => {});
    expect(warnings).toHaveLength(1);
  });

  it('does not prefill or identify with an email that is not one, and says why', () => {
    const { Earful, clients, uis } = install(scriptTag({ endpoint: '/v1/feedback', userId: 'u1', userEmail: 'jane@' }));
    expect(clients[0]!.user).toEqual({ id: 'u1', name: undefined, hash: undefined });
    expect(warnings).toEqual([expect.stringContaining('"jane@" is not an email address')]);
    Earful('identify', { id: 'u2', email: 'not an email' });
    expect(clients[0]!.user).toEqual({ id: 'u2' });
    expect(uis[0]!.identify).toHaveBeenCalledWith({ id: 'u2' });
  });
});

describe('commands and events', () => {
  it("Earful('csat') shows the CSAT prompt, as docs/api.md lists", () => {
    const { Earful, uis } = install(null);
    Earful('init', { endpoint: '/v1/feedback', ...seams });
    Earful('csat', { question: 'Happy?' });
    expect(uis[0]!.csat).toHaveBeenCalledWith({ question: 'Happy?' });
  });
});

// @vitest-environment happy-dom
// Every client event reaches `Earful('on', …)` handlers as the client emitted it, `retrying`
// (an attempt left items queued, with the reason) included. The client here is a double whose
// events the test fires; the script tag's own code runs as it is.
import { describe, expect, it, vi } from 'vitest';
import type { ClientEvents } from '../../src/client/client.js';
import { type EarfulCommand, installEarful } from '../../src/embed/commands.js';

/** The handlers the script tag registered on the client, by event. */
const registered = new Map<string, (detail: unknown) => void>();

vi.mock('../../src/client/client.js', () => ({
  createClient: () => ({
    on(event: string, handler: (detail: unknown) => void) {
      registered.set(event, handler);
      return () => registered.delete(event);
    },
    destroy() {},
  }),
}));

describe('client events through the script tag', () => {
  it('forwards queued, delivered, accepted, rejected, retrying and error with their payloads', () => {
    const win = {} as Window & { Earful?: EarfulCommand };
    const Earful = installEarful(win, null);
    Earful('init', { endpoint: '/v1/feedback' });
    expect([...registered.keys()]).toEqual(['queued', 'delivered', 'accepted', 'rejected', 'retrying', 'error']);

    const heard: [string, unknown][] = [];
    for (const event of registered.keys()) Earful('on', event, (detail: unknown) => heard.push([event, detail]));
    const retrying: ClientEvents['retrying'] = { ids: ['a', 'b'], problem: 'refused', error: 'origin not allowed', retryInMs: 300_000 };
    const error: ClientEvents['error'] = { error: "the proxy refuses this page's origin", code: 'origin_not_allowed' };
    registered.get('accepted')!({ id: 'c' });
    registered.get('retrying')!(retrying);
    registered.get('error')!(error);
    expect(heard).toEqual([
      ['accepted', { id: 'c' }],
      ['retrying', retrying],
      ['error', error],
    ]);

    Earful('destroy');
    expect(registered.size).toBe(0);
  });
});

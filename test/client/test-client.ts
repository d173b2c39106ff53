/**
 * Clients as the client tests make them: in process (no Web Locks, no BroadcastChannel), flushed
 * when the test says so rather than on their own, without jitter, and waiting 300 ms for
 * "delivered". Every client made through `testClients()` is destroyed after its test, so none
 * keeps a timer or a database open into the next one; then the globals the test stubbed
 * (`navigator`, `location`) are restored, once no client is left to read them.
 */
import { afterEach, vi } from 'vitest';
import { type Client, type ClientOptions, createClient } from '../../src/client/client.js';

/** What the client tests share; each file adds its storage, fetch and clock. */
export const TEST_CLIENT_OPTIONS = {
  endpoint: 'http://127.0.0.1/v1/feedback',
  locks: null,
  channel: undefined,
  autoFlush: false,
  random: () => 0,
  deliveredWaitMs: 300,
} satisfies Partial<ClientOptions>;

export interface TestClients {
  /** A client on `TEST_CLIENT_OPTIONS` with `options` over them. */
  create(options: Partial<ClientOptions>): Client;
  /** Destroys a client made elsewhere (by the embed's `init`) after the test too. */
  destroyAfterTest(client: Client): void;
}

/** Registers the afterEach that destroys the test's clients and restores stubbed globals; call it once, at the top of the file. */
export function testClients(): TestClients {
  const made: Client[] = [];
  afterEach(() => {
    for (const client of made.splice(0)) client.destroy();
    vi.unstubAllGlobals();
  });
  return {
    create(options) {
      const client = createClient({ ...TEST_CLIENT_OPTIONS, ...options });
      made.push(client);
      return client;
    },
    destroyAfterTest(client) {
      made.push(client);
    },
  };
}

/**
 * `defineElements()`: `<earful-feedback endpoint="…">` (launcher and dialog) and
 * `<earful-nps endpoint="…">` (an inline NPS prompt, or CSAT with `kind="csat"`), for React,
 * Vue, Svelte or plain HTML. Each element makes its own client from `endpoint`, unless a
 * `client` property was set first.
 */
import { type Client, createClient } from '../client/client.js';
import type { SubmissionUser } from '../schema/submission.js';
import { type MountHandle, type MountOptions, mountIn } from './mount.js';

const USER_ATTRIBUTES = ['user-id', 'user-email', 'user-name'];

/** Registers both elements once; later calls do nothing. */
export function defineElements(registry: CustomElementRegistry = customElements): void {
  if (registry.get('earful-feedback')) return;

  class EarfulElement extends HTMLElement {
    static observedAttributes = USER_ATTRIBUTES;
    // Declared, not initialised: a `client` set before the element upgraded must survive.
    /** Set before the element is connected to share an app's client. */
    declare client?: Client;
    declare ownClient?: Client;
    declare handle?: MountHandle;

    attr(name: string) {
      return this.getAttribute(name) ?? undefined;
    }

    user(): SubmissionUser | undefined {
      const [id, email, name] = USER_ATTRIBUTES.map((a) => this.attr(a));
      return id || email || name ? { id, email, name } : undefined;
    }

    options(client: Client): MountOptions {
      return {
        client,
        position: this.attr('position') as MountOptions['position'],
        colorScheme: this.attr('color-scheme') as MountOptions['colorScheme'],
        locale: this.attr('locale'),
        nonce: this.attr('nonce'),
        user: this.user(),
        onSubmitted: (detail) => this.dispatchEvent(new CustomEvent('earful-submitted', { detail, bubbles: true })),
      };
    }

    connectedCallback() {
      const endpoint = this.attr('endpoint');
      if (!this.client && !endpoint) return;
      const client = this.client ?? (this.ownClient = createClient({ endpoint: endpoint!, user: this.user() }));
      this.handle = mountIn(this, this.options(client), false);
    }

    disconnectedCallback() {
      this.handle?.();
      this.ownClient?.destroy();
      this.handle = this.ownClient = undefined;
    }

    attributeChangedCallback() {
      this.handle?.identify(this.user() ?? null);
    }

    open() {
      this.handle?.open();
    }

    close() {
      this.handle?.close();
    }

    /** Shows the prompt now, whatever the targeting rules say. */
    show() {
      this.handle?.[this.attr('kind') === 'csat' ? 'csat' : 'nps']();
    }
  }

  registry.define('earful-feedback', class extends EarfulElement {});
  registry.define(
    'earful-nps',
    class extends EarfulElement {
      override options(client: Client): MountOptions {
        const kind = this.attr('kind') === 'csat' ? 'csat' : 'nps';
        return { ...super.options(client), position: 'none', inline: true, [kind]: 'auto' };
      }
    },
  );
}

/**
 * `defineElements()`: custom elements for React, Vue, Svelte or plain HTML.
 * - `<earful-feedback endpoint="…">`: the launcher and its dialog, like `mount()`; with the
 *   `inline` attribute, the feedback form itself, in place (a feedback page, a settings panel).
 * - `<earful-nps endpoint="…">`: an NPS prompt in place when its targeting rules allow (CSAT
 *   with `kind="csat"`); nothing at all once answered or dismissed.
 * Each element makes its own client from `endpoint`, unless a `client` property was set first.
 */
import { type Client, createClient } from '../client/client.js';
import type { SubmissionUser } from '../schema/submission.js';
import type { Locales } from './i18n/widget-language.js';
import { type MountHandle, type MountOptions, mountIn } from './mount.js';
import { usableUser } from './user.js';

const USER_ATTRIBUTES = ['user-id', 'user-email', 'user-name', 'user-hash'];

/** Registers both elements once; later calls do nothing. */
export function defineElements(registry: CustomElementRegistry = customElements): void {
  if (registry.get('earful-feedback')) return;

  class EarfulElement extends HTMLElement {
    static observedAttributes = USER_ATTRIBUTES;
    // Declared, not initialised: a `client` set before the element upgraded must survive.
    /** Set before the element is connected to share an app's client. */
    declare client?: Client;
    /**
     * The translations it may speak (`{ de, ja }` from `earful/locales/…`, or a function that
     * loads one), set before the element is connected; without them it speaks English.
     */
    declare locales?: Locales;
    declare ownClient?: Client;
    declare handle?: MountHandle;

    attribute(name: string): string | undefined {
      return this.getAttribute(name) ?? undefined;
    }

    /** The user of the `user-*` attributes (`user-hash`: the HMAC of the id, see EARFUL_IDENTITY_SECRET). */
    user(): SubmissionUser | undefined {
      const [id, email, name, hash] = USER_ATTRIBUTES.map((attribute) => this.attribute(attribute));
      if (!id && !email && !name) return undefined;
      return usableUser({ id, email, name, hash }, `<${this.localName} user-email>`);
    }

    /** What the element mounts with: `user` read once from its attributes, for the client and the widget alike. */
    mountOptions(client: Client, user: SubmissionUser | undefined): MountOptions {
      return {
        client,
        position: this.attribute('position') as MountOptions['position'],
        colorScheme: this.attribute('color-scheme') as MountOptions['colorScheme'],
        locale: this.attribute('locale'),
        locales: this.locales,
        nonce: this.attribute('nonce'),
        user,
        onSubmitted: (detail) => this.dispatchEvent(new CustomEvent('earful-submitted', { detail, bubbles: true })),
      };
    }

    connectedCallback() {
      const endpoint = this.attribute('endpoint');
      if (!this.client && !endpoint) {
        console.warn(`[earful] <${this.localName}> shows nothing: give it an endpoint attribute, or set its client property before adding it.`);
        return;
      }
      // Read once: a user-email that is not an email is left out, and the console says so once.
      const user = this.user();
      if (!this.client) this.ownClient = createClient({ endpoint: endpoint!, user });
      this.handle = mountIn(this, this.mountOptions(this.client ?? this.ownClient!, user), false);
    }

    disconnectedCallback() {
      this.handle?.();
      this.ownClient?.destroy();
      this.handle = undefined;
      this.ownClient = undefined;
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
      if (this.attribute('kind') === 'csat') this.handle?.csat();
      else this.handle?.nps();
    }
  }

  registry.define(
    'earful-feedback',
    class extends EarfulElement {
      override mountOptions(client: Client, user: SubmissionUser | undefined): MountOptions {
        const options = super.mountOptions(client, user);
        return this.hasAttribute('inline') ? { ...options, position: 'none', inlineForm: true } : options;
      }
    },
  );
  registry.define(
    'earful-nps',
    class extends EarfulElement {
      override mountOptions(client: Client, user: SubmissionUser | undefined): MountOptions {
        const kind = this.attribute('kind') === 'csat' ? 'csat' : 'nps';
        return { ...super.mountOptions(client, user), position: 'none', inline: true, [kind]: 'auto' };
      }
    },
  );
}

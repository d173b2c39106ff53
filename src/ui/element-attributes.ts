/**
 * What the custom elements of `defineElements()` take, for the JSX and template types of each
 * framework (./jsx/): attributes as written in markup, and the `client` property.
 */
import type { Client } from '../client/client.js';
import type { MountOptions } from './mount.js';

/** Attributes both elements read. */
export interface EarfulElementAttributes {
  /** The proxy's feedback URL; without it, set the `client` property before adding the element. */
  endpoint?: string;
  'color-scheme'?: MountOptions['colorScheme'];
  /** The language to speak, among the `locales` property's; else the page's, else English. */
  locale?: string;
  /** The CSP nonce for the `<style>` used where constructed stylesheets are missing. */
  nonce?: string;
  'user-id'?: string;
  'user-email'?: string;
  'user-name'?: string;
  /** The HMAC of `user-id`, where the proxy verifies identity (`EARFUL_IDENTITY_SECRET`). */
  'user-hash'?: string;
}

/** `<earful-feedback>`: a launcher and its dialog, or with `inline` the form itself, in place. */
export interface EarfulFeedbackAttributes extends EarfulElementAttributes {
  position?: MountOptions['position'];
  /** Present: the form in place (a feedback page, a settings panel) instead of a launcher. */
  inline?: boolean | '';
}

/** `<earful-nps>`: an NPS prompt in place when its targeting rules allow (`kind="csat"`: CSAT). */
export interface EarfulNpsAttributes extends EarfulElementAttributes {
  kind?: 'nps' | 'csat';
}

/** Properties set from script (React 19 and Preact set them from props): an app's own client, its translations. */
export interface EarfulElementProperties {
  client?: Client;
  /** `{ de, ja }` from `earful/locales/…`, or a function that loads one: without it, English. */
  locales?: MountOptions['locales'];
}

/**
 * `mount(target, options)`: the widget in an open shadow root, styles adopted into it.
 * Nothing happens at import; everything touches the DOM only when called.
 */
import { render } from 'preact';
import type { Client, SubmitResult } from '../client/client.js';
import type { SubmissionUser } from '../schema/submission.js';
import { autoPrompt } from './auto-prompt.js';
import type { Draft, FieldMode } from './feedback-form.js';
import { createStateStore } from './state-store.js';
import { css, adoptStyles } from './styles.js';
import { type Strings, en } from './strings.js';
import { type PromptState, type TargetingRules, answered, dismissed } from './targeting.js';
import { type PromptKind, type PromptOptions, Widget } from './widget.js';

/** The NPS prompt: when to show it by itself, and what it asks. */
export type NpsOptions = PromptOptions & TargetingRules;

export interface MountOptions {
  client: Client;
  /** Where the launcher sits (mirrored in right-to-left pages); `none` shows no launcher. @default 'bottom-right' */
  position?: 'bottom-right' | 'bottom-left' | 'none';
  /** `system` follows the OS setting, live. @default 'system' */
  colorScheme?: 'light' | 'dark' | 'system';
  /** The language of `strings`; English is built in. */
  locale?: string;
  strings?: Partial<Strings>;
  /** For the `<style>` element used where constructed stylesheets are missing (CSP `style-src 'nonce-…'`). */
  nonce?: string;
  /** @default { name: 'hidden', email: 'optional' } */
  fields?: { name?: FieldMode; email?: FieldMode };
  /** Prefills name and email. */
  user?: SubmissionUser;
  /** `auto` (or rules): show the NPS prompt by itself when the targeting rules allow. @default false */
  nps?: 'auto' | NpsOptions | false;
  /** The same for the CSAT prompt. @default false */
  csat?: 'auto' | NpsOptions | false;
  /** NPS/CSAT prompts render in place rather than in a corner. @default false */
  inline?: boolean;
  /** @default 2147483000 */
  zIndex?: number;
  /** After every submission made from the UI. */
  onSubmitted?(result: SubmitResult): void;
}

/** Calling it unmounts, like `destroy()`. */
export interface MountHandle {
  (): void;
  open(prefill?: Omit<Draft, 'id'>): void;
  close(): void;
  nps(options?: NpsOptions): void;
  csat(options?: NpsOptions): void;
  /** Identifies the user to the client and prefills the form. */
  identify(user: SubmissionUser | null): void;
  destroy(): void;
}

/** Mounts into `host`'s shadow root (made if missing); `own` removes the host on destroy. */
export function mountIn(host: Element, options: MountOptions, own: boolean): MountHandle {
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  adoptStyles(root, `${css}.r{--z:${options.zIndex ?? 2147483000}}`, options.nonce);
  const store = createStateStore();
  let widget: Widget | null = null;
  const show = (kind: PromptKind) => (o?: NpsOptions) => widget?.prompt(kind, o);
  render(
    <Widget
      expose={(w) => (widget = w)}
      options={options}
      strings={{ ...en, ...options.strings }}
      onPrompt={(kind, yes) => void store.update<PromptState>(kind, (s = {}) => (yes ? answered : dismissed)(s, Date.now()))}
    />,
    root,
  );
  const cancels = (['nps', 'csat'] as const).map((kind) => {
    const auto = options[kind];
    const rules = auto === 'auto' ? {} : auto;
    return rules ? autoPrompt(kind, rules, () => show(kind)(rules), store) : undefined;
  });
  const destroy = () => {
    for (const cancel of cancels) cancel?.();
    render(null, root);
    root.replaceChildren();
    if (own) host.remove();
  };
  return Object.assign(destroy, {
    open: (prefill?: Omit<Draft, 'id'>) => widget?.open(prefill),
    close: () => widget?.close(),
    nps: show('nps'),
    csat: show('csat'),
    identify(user: SubmissionUser | null) {
      options.client.identify(user);
      widget?.identify(user);
    },
    destroy,
  });
}

/**
 * @example
 * const unmount = mount(document.body, { client, position: 'bottom-right' });
 */
export function mount(target: Element, options: MountOptions): MountHandle {
  const host = target.ownerDocument.createElement('earful-widget');
  target.append(host);
  return mountIn(host, options, true);
}

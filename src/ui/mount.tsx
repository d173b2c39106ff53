/**
 * `mount(target, options)`: the widget (launcher, feedback dialog, NPS/CSAT prompt) in an open
 * shadow root, styles adopted into it. Nothing happens at import; everything touches the DOM
 * only when called. What the user sees lives in the `Widget` component; this file wires it to
 * the page: styles, automatic prompts, and the handle's methods.
 */
import { render } from 'preact';
import type { Client, SubmitResult } from '../client/client.js';
import type { SubmissionUser } from '../schema/submission.js';
import { autoPrompt } from './auto-prompt.js';
import type { FieldMode } from './check-fields.js';
import type { Draft } from './feedback-form.js';
import type { ScaleKind } from './scale-choice.js';
import type { Strings } from './strings.js';
import { adoptStyles, stylesheet } from './styles.js';
import { type PromptState, type TargetingRules, answered, dismissed } from './targeting.js';
import { usableUser } from './user.js';
import { Widget } from './widget.js';

/** Shows an NPS or CSAT prompt now. */
export interface PromptOptions {
  /** Replaces the question. */
  question?: string;
  /** How long a score waits for its comment. @default 5 minutes */
  holdMs?: number;
}

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
  /** Prefills name and email (an invalid email is left out, with a warning). */
  user?: SubmissionUser;
  /** `auto` (or rules): show the NPS prompt by itself when the targeting rules allow. @default false */
  nps?: 'auto' | NpsOptions | false;
  /** The same for the CSAT prompt. @default false */
  csat?: 'auto' | NpsOptions | false;
  /** NPS/CSAT prompts render in place rather than in a corner. @default false */
  inline?: boolean;
  /** The feedback form renders in place (a feedback page, a settings panel), with no launcher or dialog. @default false */
  inlineForm?: boolean;
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

const PROMPT_KINDS: ScaleKind[] = ['nps', 'csat'];

/** Mounts into `host`'s shadow root (made if missing); `own` removes the host on destroy. */
export function mountIn(host: Element, options: MountOptions, own: boolean): MountHandle {
  const { client } = options;
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  adoptStyles(root, stylesheet(options.zIndex), options.nonce);
  /** The rendered widget, whose methods the handle calls. */
  let widget: Widget | undefined;
  let mounted = true;

  /** Remembers that a prompt was answered or dismissed, for its targeting rules. */
  const rememberPrompt = (kind: ScaleKind, what: 'answered' | 'dismissed') => {
    const change = what === 'answered' ? answered : dismissed;
    void client.remember<PromptState>(kind, (state = {}) => change(state, Date.now()));
  };

  render(
    <Widget
      onMount={(rendered) => (widget = rendered)}
      client={client}
      position={options.position ?? 'bottom-right'}
      colorScheme={options.colorScheme ?? 'system'}
      locale={options.locale}
      strings={options.strings}
      fields={options.fields}
      inline={options.inline ?? false}
      inlineForm={options.inlineForm ?? false}
      user={usableUser(options.user, 'user')}
      onPrompt={rememberPrompt}
      onSubmitted={options.onSubmitted}
    />,
    root,
  );

  const showPrompt = (kind: ScaleKind) => (prompt: NpsOptions = {}) =>
    widget?.showPrompt({ kind, question: prompt.question, holdMs: prompt.holdMs });

  const cancels = PROMPT_KINDS.map((kind) => {
    const setting = options[kind];
    if (!setting) return undefined;
    const rules = setting === 'auto' ? {} : setting;
    return autoPrompt(kind, rules, () => mounted && showPrompt(kind)(rules), client.remember);
  });

  function destroy() {
    if (!mounted) return;
    mounted = false;
    for (const cancel of cancels) cancel?.();
    render(null, root);
    root.replaceChildren();
    if (own) host.remove();
  }

  return Object.assign(destroy, {
    open: (prefill?: Omit<Draft, 'id'>) => widget?.open(prefill),
    close: () => widget?.close(),
    nps: showPrompt('nps'),
    csat: showPrompt('csat'),
    identify(user: SubmissionUser | null) {
      const usable = usableUser(user, 'identify');
      client.identify(usable);
      widget?.identify(usable);
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

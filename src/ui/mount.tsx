/**
 * `mount(target, options)`: the widget (launcher, feedback dialog, NPS/CSAT prompt) in an open
 * shadow root, styles adopted into it. Nothing happens at import; everything touches the DOM
 * only when called. This file builds the widget's root and its launcher (a plain button), and
 * renders the `Widget` component, which shows the rest, the first time something needs it: a
 * visitor who never opens the widget costs the page no Preact rendering.
 */
import { render } from 'preact';
import type { Client, SubmitResult } from '../client/client.js';
import type { SubmissionUser } from '../schema/submission.js';
import { autoPrompt } from './auto-prompt.js';
import type { FieldMode } from './check-fields.js';
import type { Draft } from './feedback-form.js';
import { createLauncher } from './launcher.js';
import type { ScaleKind } from './scale-choice.js';
import { type Strings, en, isRtl } from './strings.js';
import { adoptStyles, stylesheet } from './styles.js';
import { type PromptState, type TargetingRules, answered, dismissed } from './targeting.js';
import { usableUser } from './user.js';
import { Widget, type WidgetView } from './widget.js';

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
  const document = host.ownerDocument;
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  adoptStyles(root, stylesheet(options.zIndex), options.nonce);
  const strings = { ...en, ...options.strings };
  // Without strings of its own the widget speaks English, whatever the locale says.
  const lang = (options.strings && options.locale) || 'en';
  const position = options.position ?? 'bottom-right';
  const inlineForm = options.inlineForm ?? false;

  const section = document.createElement('section');
  section.className = ['root', `theme-${options.colorScheme ?? 'system'}`, position === 'bottom-left' ? 'at-left' : ''].join(' ').trim();
  section.setAttribute('aria-label', strings.feedback);
  section.lang = lang;
  if (isRtl(lang)) section.dir = 'rtl';
  const launcher = position === 'none' || inlineForm ? undefined : createLauncher(document, strings.feedback, () => widget().open());
  const surfaces = document.createElement('div');
  section.append(...(launcher ? [launcher] : []), surfaces);
  root.append(section);

  let user: SubmissionUser | null | undefined = usableUser(options.user, 'user');
  let mounted = true;
  let view: WidgetView = { dialogOpen: false, empty: !inlineForm };
  /** The launcher hides while its dialog is open; the whole widget while it shows nothing. */
  const showView = (next: WidgetView) => {
    view = next;
    if (launcher) launcher.hidden = view.dialogOpen;
    section.hidden = !launcher && view.empty;
  };
  showView(view);

  /** Remembers that a prompt was answered or dismissed, for its targeting rules. */
  const rememberPrompt = (kind: ScaleKind, what: 'answered' | 'dismissed') => {
    const change = what === 'answered' ? answered : dismissed;
    void client.remember<PromptState>(kind, (state = {}) => change(state, Date.now()));
  };

  let rendered: Widget | undefined;
  /** The Widget, rendered the first time it is needed (its first render is synchronous). */
  function widget(): Widget {
    if (!rendered)
      render(
        <Widget
          onMount={(mountedWidget) => (rendered = mountedWidget)}
          onView={showView}
          client={client}
          strings={options.strings}
          fields={options.fields}
          inline={options.inline ?? false}
          inlineForm={inlineForm}
          user={user}
          onPrompt={rememberPrompt}
          onSubmitted={options.onSubmitted}
        />,
        surfaces,
      );
    return rendered!;
  }
  if (inlineForm) widget();

  const showPrompt = (kind: ScaleKind) => (prompt: NpsOptions = {}) => widget().showPrompt({ kind, question: prompt.question, holdMs: prompt.holdMs });

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
    render(null, surfaces);
    root.replaceChildren();
    if (own) host.remove();
  }

  return Object.assign(destroy, {
    open: (prefill?: Omit<Draft, 'id'>) => widget().open(prefill),
    close: () => rendered?.close(),
    nps: showPrompt('nps'),
    csat: showPrompt('csat'),
    identify(next: SubmissionUser | null) {
      const usable = usableUser(next, 'identify');
      user = usable;
      client.identify(usable);
      rendered?.identify(usable);
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

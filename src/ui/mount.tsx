/** @jsxRuntime classic */
/** @jsx h */
/**
 * `mount(target, options)`: the widget (launcher, feedback dialog, NPS/CSAT prompt) in an open
 * shadow root, styles adopted into it. Nothing happens at import; everything touches the DOM
 * only when called. The widget's state lives here and every change renders the tree again.
 */
import { h, render } from 'preact';
import type { Client, SubmitResult } from '../client/client.js';
import type { SubmissionUser } from '../schema/submission.js';
import { autoPrompt } from './auto-prompt.js';
import { changePrompt } from './prompt-state.js';
import { type Draft, type FieldMode, Panel } from './panel.js';
import { adoptStyles, css } from './styles.js';
import { pageLocales } from './i18n/locales.js';
import { type Locales, type WidgetLanguage, widgetLanguage } from './i18n/widget-language.js';
import type { Strings } from './strings.js';
import { type TargetingRules, answered, dismissed } from './targeting.js';

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
  /** The language to speak. @default the page's `<html lang>`, else the browser's languages, else English */
  locale?: string;
  /** Replaces any of the chosen language's words. */
  strings?: Partial<Strings>;
  /** Translations by locale (`{ de, ja }` from `earful/locales/…`) or a function that loads one; the script tag fetches them from beside itself. */
  locales?: Locales;
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

type Kind = 'nps' | 'csat';

/** Mounts into `host`'s shadow root (made if missing); `own` removes the host on destroy. */
export function mountIn(host: Element, o: MountOptions, own: boolean): MountHandle {
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  adoptStyles(root, css(o.zIndex ?? 2147483000), o.nonce);
  let language = widgetLanguage(o, pageLocales(host.ownerDocument));
  // Nothing is drawn until a translation that loads is in (or failed, or took too long): no flash of English.
  if (language instanceof Promise)
    language.then((loaded) => {
      language = loaded;
      draw();
    });
  /** Survives closing the dialog; only a sent or saved submission clears its message. */
  const draft: Draft = {};
  let open = false;
  let prompt: (NpsOptions & { kind: Kind }) | undefined;
  let user = o.user as SubmissionUser | null | undefined;
  /** Remembers that a prompt was answered (a score chosen) or dismissed (closed without one). */
  const remember = (kind: Kind, yes?: boolean) =>
    void changePrompt(o.client, kind, (p) => (yes ? answered : dismissed)(p, Date.now()));

  /** Renders the widget again from the state above (a no-op once destroyed, or while its words load). */
  let draw = (): void => {
    if (language instanceof Promise) return;
    const { strings: s, lang, dir }: WidgetLanguage = language;
    const common = { ...o, strings: s, onResult: o.onSubmitted };
    render(
      <section
        class={`r ${o.colorScheme ?? 'system'}${o.position == 'bottom-left' ? ' s' : ''}`}
        aria-label={s.feedback}
        lang={lang}
        dir={dir}
      >
        {o.position != 'none' && (
          <button class="l" onClick={() => ((open = true), draw())}>
            {s.feedback}
          </button>
        )}
        {prompt && (
          <Panel
            key={prompt}
            {...common}
            {...prompt}
            corner={!o.inline}
            onAnswer={() => remember(prompt!.kind, true)}
            onClose={(yes) => {
              if (!yes) remember(prompt!.kind);
              prompt = undefined;
              draw();
            }}
          />
        )}
        {open && <Panel {...common} modal user={user} draft={draft} onClose={() => ((open = false), draw())} />}
      </section>,
      root,
    );
  };
  draw();

  const show = (kind: Kind) => (options?: NpsOptions) => ((prompt = { ...options, kind }), draw());
  const autos = (['nps', 'csat'] as const).map((kind) => {
    const rules = o[kind] == 'auto' ? {} : o[kind];
    const hide = () => {
      if (prompt?.kind != kind) return;
      prompt = undefined;
      draw();
    };
    return rules && autoPrompt(kind, rules, { show: () => show(kind)(rules), hide }, o.client);
  });
  const destroy = () => {
    autos.map((auto) => auto && auto.stop());
    render(null, root);
    draw = () => {};
    root.replaceChildren();
    if (own) host.remove();
  };
  return Object.assign(destroy, {
    open(prefill?: Omit<Draft, 'id'>) {
      Object.assign(draft, prefill);
      open = true;
      draw();
    },
    close: () => ((open = false), draw()),
    nps: show('nps'),
    csat: show('csat'),
    identify(u: SubmissionUser | null) {
      user = u;
      o.client.identify(u);
      // A prompt's state is the user's own: count this page view for them and check again.
      autos.map((auto) => auto && auto.check());
      draw();
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

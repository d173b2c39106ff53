/**
 * `mountWidget(host, options, how)`: the widget (launcher, feedback dialog, NPS/CSAT prompt) in an
 * open shadow root, styles adopted into it. Nothing happens at import; everything touches the DOM
 * only when called. This file builds the widget's root and its launcher (a plain button), and
 * keeps what the widget shows besides (`View`); Preact draws that (surfaces.tsx) from the first
 * time something needs it, so a visitor who never opens the widget costs the page no Preact
 * rendering (and the script tag fetches that module only once the page has loaded:
 * embed/load-ui.ts).
 * `mount()` (mount.ts) is this with the surfaces at hand, as an app has them; its options and
 * handle are in mount-options.ts.
 */
import type { SubmissionUser } from '../schema/submission.js';
import { autoPrompt } from './auto-prompt.js';
import type { Draft } from './feedback-form.js';
import { focusedElement } from './focused-element.js';
import { pageLocales } from './i18n/locales.js';
import { type WidgetLanguage, widgetLanguage } from './i18n/widget-language.js';
import { createLauncher } from './launcher.js';
import type { MountHandle, MountOptions, NpsOptions } from './mount-options.js';
import { PROMPT_KINDS, changePrompt } from './prompt-state.js';
import type { ScaleKind } from './scale-choice.js';
import type { Strings } from './strings.js';
import { adoptStyles, dropStyles, stylesheet } from './styles.js';
import type { ShownPrompt, Surfaces } from './surfaces.js';
import { answered, dismissed } from './targeting.js';
import { usableUser } from './user.js';

/** What the widget shows besides its launcher. */
interface View {
  dialogOpen: boolean;
  prompt?: ShownPrompt;
  user?: SubmissionUser | null;
  /** What the user typed: survives closing the dialog; only a sent or saved submission clears its message. */
  draft: Draft;
  /** What had focus when the dialog was asked for, before the launcher hid: focus goes back there. */
  opener: HTMLElement | null;
}

/**
 * How the widget is put on the page: `own`, the host element is the widget's (destroy removes
 * it); and the module that draws the dialog, the form in place and the prompt, at hand
 * (`surfaces`, in an app) or fetched when first needed (`loadSurfaces`, the script tag).
 */
export type MountHow = { own: boolean } & ({ surfaces: Surfaces } | { loadSurfaces(): Promise<Surfaces> });

/** Mounts into `host`'s shadow root (made if missing). */
export function mountWidget(host: Element, options: MountOptions, how: MountHow): MountHandle {
  const { client, onSubmitted } = options;
  const document = host.ownerDocument;
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  /** The styles this widget added to the shadow root: destroy takes away these, and only these. */
  const styles = [adoptStyles(root, stylesheet(options.zIndex), options.nonce)];
  const position = options.position ?? 'bottom-right';
  const inlineForm = options.inlineForm ?? false;

  const section = document.createElement('section');
  section.className = ['root', `theme-${options.colorScheme ?? 'system'}`, position === 'bottom-left' ? 'at-left' : ''].join(' ').trim();
  /** Where the dialog, the form in place and the prompt are drawn. */
  const surfacesArea = document.createElement('div');
  surfacesArea.className = 'surfaces';
  let launcher: HTMLButtonElement | undefined;
  /** The widget's words; nothing is drawn before they are in. */
  let strings: Strings | undefined;
  let mounted = true;
  /** Whether anything was drawn yet: until a dialog, prompt or form in place is needed, there is nothing to draw. */
  let rendered = false;
  const view: View = { dialogOpen: false, user: usableUser(options.user, 'user'), draft: {}, opener: null };

  /** Remembers that a prompt was answered or dismissed, for its targeting rules (per user). */
  const rememberPrompt = (kind: ScaleKind, what: 'answered' | 'dismissed') => {
    const change = what === 'answered' ? answered : dismissed;
    void changePrompt(client, kind, (state) => change(state, Date.now()));
  };

  const closeDialog = () => update({ dialogOpen: false });

  /** Closed by the user, or by itself after its thank-you: a prompt closed without a score was dismissed. */
  const closePrompt = (withScore: boolean) => {
    if (!view.prompt) return;
    if (!withScore) rememberPrompt(view.prompt.kind, 'dismissed');
    update({ prompt: undefined });
  };

  /** The module that draws the dialog, the form in place and the prompt, once it is in. */
  let drawer: Surfaces | undefined = 'surfaces' in how ? how.surfaces : undefined;
  /** While it is being fetched: resolves to it, or to `undefined` when it cannot be had. */
  let loading: Promise<Surfaces | undefined> | undefined;
  /**
   * The last fetch failed: nothing asks again by itself (a form in place would ask in a loop)
   * until someone asks the widget to show something (the launcher, `open`, `nps`, `csat`).
   */
  let loadFailed = false;

  /** Fetches the drawing module, once at a time; says in the console when it cannot be had. */
  function loadDrawer(): Promise<Surfaces | undefined> {
    if (drawer) return Promise.resolve(drawer);
    if (loadFailed || !('loadSurfaces' in how)) return Promise.resolve(undefined);
    loading ??= how.loadSurfaces().then(
      (module) => {
        loading = undefined;
        drawer = module;
        return module;
      },
      (error: unknown) => {
        loading = undefined;
        loadFailed = true;
        console.error('earful:', error instanceof Error ? error.message : error);
        return undefined;
      },
    );
    return loading;
  }

  /** Draws once the module is in; what was asked for meanwhile and cannot be drawn is let go, the launcher stays. */
  const drawWhenLoaded = () =>
    void loadDrawer().then((module) => {
      if (module) update({});
      else update({ dialogOpen: false, prompt: undefined });
    });

  /** Something is asked for now (a click, a command): a failed fetch is tried again. */
  const askedByUser = () => {
    loadFailed = false;
  };

  /** Changes what the widget shows, and shows it once its words (and the module that draws it) are in. */
  function update(change: Partial<View>) {
    Object.assign(view, change);
    if (!strings || !mounted) return;
    const { dialogOpen, prompt, user, draft, opener } = view;
    const needsDrawing = rendered || dialogOpen || prompt !== undefined || inlineForm;
    if (needsDrawing && !drawer && !loading && !loadFailed) drawWhenLoaded();
    const waiting = needsDrawing && !drawer;
    if (launcher) {
      // The launcher hides while its dialog shows, and says it is busy while the dialog is fetched.
      launcher.hidden = dialogOpen && !waiting;
      if (dialogOpen && waiting) launcher.setAttribute('aria-busy', 'true');
      else launcher.removeAttribute('aria-busy');
    }
    // The whole widget hides while it shows nothing.
    section.hidden = !launcher && !dialogOpen && !prompt && !inlineForm;
    if (!needsDrawing || !drawer) return;
    // The cards' CSS comes with the module that draws them, adopted before their first drawing.
    if (!rendered) styles.push(adoptStyles(root, drawer.surfacesStylesheet, options.nonce));
    rendered = true;
    drawer.renderSurfaces(surfacesArea, {
      client,
      strings,
      fields: options.fields,
      user,
      draft,
      inlineForm,
      dialogOpen,
      opener,
      prompt,
      promptInCorner: !options.inline,
      closeDialog,
      onPromptAnswer: (kind) => rememberPrompt(kind, 'answered'),
      closePrompt,
      onResult: onSubmitted,
    });
  }

  function open(prefill?: Omit<Draft, 'id'>) {
    askedByUser();
    if (!view.dialogOpen) view.opener = focusedElement();
    Object.assign(view.draft, prefill);
    update({ dialogOpen: true });
  }

  /** Puts the widget on the page in its language: its launcher, and whatever was asked for meanwhile. */
  function start(language: WidgetLanguage) {
    if (!mounted) return;
    strings = language.strings;
    section.setAttribute('aria-label', strings.feedback);
    section.lang = language.lang;
    section.dir = language.dir;
    if (position !== 'none' && !inlineForm) launcher = createLauncher(document, strings.feedback, () => open());
    section.append(...(launcher ? [launcher] : []), surfacesArea);
    root.append(section);
    update({});
  }

  // Nothing is drawn until a translation that loads is in (or failed, or took too long): no flash of English.
  const language = widgetLanguage(options, pageLocales(document));
  if (language instanceof Promise) void language.then(start);
  else start(language);

  const showPrompt = (kind: ScaleKind, prompt: NpsOptions = {}) => update({ prompt: { kind, question: prompt.question, holdMs: prompt.holdMs } });
  /** `nps()` and `csat()`: the page asks for the prompt now. */
  const promptNow = (kind: ScaleKind) => (prompt?: NpsOptions) => {
    askedByUser();
    showPrompt(kind, prompt);
  };

  const autos = PROMPT_KINDS.map((kind) => {
    const setting = options[kind];
    if (!setting) return undefined;
    const rules = setting === 'auto' ? {} : setting;
    const shown = {
      // A prompt counts as shown only once it can be drawn: fetch the module first.
      prepare: async () => (await loadDrawer()) !== undefined,
      show: () => showPrompt(kind, rules),
      // The page moved to a route the rules exclude: the prompt goes, if it is this kind's.
      hide() {
        if (view.prompt?.kind === kind) update({ prompt: undefined });
      },
    };
    return autoPrompt(kind, rules, shown, client);
  });

  function destroy() {
    if (!mounted) return;
    mounted = false;
    for (const auto of autos) auto?.stop();
    if (rendered) drawer?.renderSurfaces(surfacesArea, null);
    dropStyles(root, styles);
    root.replaceChildren();
    if (how.own) host.remove();
  }

  return Object.assign(destroy, {
    open,
    close: closeDialog,
    nps: promptNow('nps'),
    csat: promptNow('csat'),
    identify(next: SubmissionUser | null) {
      const usable = usableUser(next, 'identify');
      client.identify(usable);
      update({ user: usable });
      // A prompt's state is the user's own: count this page view for them and check again.
      for (const auto of autos) auto?.check();
    },
    destroy,
  });
}

/** A new `<earful-widget>` element at the end of `target`, to host a widget that owns it. */
export function appendHost(target: Element): Element {
  const host = target.ownerDocument.createElement('earful-widget');
  target.append(host);
  return host;
}

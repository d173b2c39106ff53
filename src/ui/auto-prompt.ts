/**
 * Shows a prompt by itself when the targeting rules allow. Each page view (a load, or a
 * single-page-app navigation to another path) is counted in the remembered state; while the
 * rules allow, the prompt waits for its seconds of the page in view, then checks the latest
 * state once more (another tab may have asked meanwhile), shows and remembers the showing.
 * A navigation to a route the rules exclude cancels the wait, or takes away a prompt it showed.
 */
import type { Client } from '../client/client.js';
import { changePrompt, promptKey } from './prompt-state.js';
import type { ScaleKind } from './scale-choice.js';
import { type PromptState, type TargetingRules, mayAsk, shown, visited } from './targeting.js';
import { afterVisibleTime } from './visible-time.js';
import { watchNavigation } from './watch-navigation.js';

export interface AutoPromptView {
  /** Gets ready to show (the script tag fetches the prompt's code); `false`: it cannot be shown now. */
  prepare(): Promise<boolean>;
  show(): void;
  /** Takes the prompt it showed away (the page moved to a route the rules exclude). */
  hide(): void;
}

export interface AutoPrompt {
  /** Counts a page view and checks again, e.g. once the user is known (their state is their own). */
  check(): void;
  stop(): void;
}

/** `win`, `now` and `random` are seams for tests. */
export function autoPrompt(
  kind: ScaleKind,
  rules: TargetingRules,
  view: AutoPromptView,
  client: Pick<Client, 'remember' | 'user'>,
  win: Window = window,
  now = Date.now,
  random = Math.random,
): AutoPrompt {
  let state: PromptState | undefined;
  /** The page view last counted: the state's key and the path. */
  let counted = '';
  let cancelWait: (() => void) | undefined;
  let showing = false;
  let stopped = false;
  const url = () => win.location.href;
  const allowed = () => !!state && !showing && mayAsk(state, rules, now(), url());

  const consider = () => {
    if (showing && rules.route && !rules.route(url())) {
      showing = false;
      view.hide();
    }
    if (!allowed()) {
      cancelWait?.();
      cancelWait = undefined;
    } else cancelWait ??= afterVisibleTime(rules.delayMs ?? 10_000, show, win.document);
  };

  const show = async () => {
    cancelWait = undefined;
    // A showing is counted only for a prompt that can be drawn: one whose code cannot be had
    // costs the visitor none of their showings.
    if (stopped || !(await view.prepare()) || stopped) return;
    let ask = false;
    state = await changePrompt(client, kind, (latest) => {
      state = latest;
      ask = allowed();
      return ask ? shown(latest, now()) : latest;
    });
    if (ask && !stopped) {
      showing = true;
      view.show();
    }
  };

  const check = async () => {
    const here = `${promptKey(kind, client.user?.id)} ${win.location.pathname}`;
    if (here !== counted) {
      counted = here;
      state = await changePrompt(client, kind, (s) => visited(s, now(), random()));
    }
    if (!stopped) consider();
  };

  const stopWatching = watchNavigation(() => void check(), win);
  void check();
  return {
    check: () => void check(),
    stop() {
      stopped = true;
      stopWatching();
      cancelWait?.();
    },
  };
}

/**
 * Shows a prompt by itself when the targeting rules allow: reads the remembered state, waits
 * the delay, checks the rules again (the route may have changed meanwhile), then shows and
 * remembers the showing.
 */
import type { StateStore } from './state-store.js';
import { type PromptState, type TargetingRules, mayAsk, shown, visited } from './targeting.js';

/** Returns a function that cancels the pending showing. */
export function autoPrompt(
  key: string,
  rules: TargetingRules,
  show: () => void,
  store: StateStore,
  now = Date.now,
  random = Math.random,
  url = () => location.href,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let cancelled = false;
  void store.get(key).then((saved) => {
    const s = visited((saved ?? {}) as PromptState, now(), random());
    void store.set(key, s);
    if (mayAsk(s, rules, now(), url()))
      timer = setTimeout(() => {
        if (!cancelled && mayAsk(s, rules, now(), url())) {
          void store.set(key, shown(s, now()));
          show();
        }
      }, rules.delayMs);
  });
  return () => {
    cancelled = true;
    clearTimeout(timer);
  };
}

/**
 * Shows a prompt by itself when the targeting rules allow: reads the remembered state, waits
 * the delay, checks again (the route may have changed meanwhile), then shows and remembers.
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
  const allowed = (s: PromptState = {}) => !cancelled && mayAsk(s, rules, now(), url());
  void store
    .update<PromptState>(key, (s = {}) => visited(s, now(), random()))
    .then((s) => {
      if (allowed(s))
        timer = setTimeout(async () => {
          if (allowed((await store.get(key)) as PromptState)) {
            await store.update<PromptState>(key, (s = {}) => shown(s, now()));
            if (!cancelled) show();
          }
        }, rules.delayMs);
    });
  return () => {
    cancelled = true;
    clearTimeout(timer);
  };
}

/**
 * Shows a prompt by itself when the targeting rules allow: reads the remembered state, waits
 * the delay, checks the rules again (the route may have changed meanwhile), then shows and
 * remembers the showing.
 */
import type { Client } from '../client/client.js';
import { type PromptState, type TargetingRules, mayAsk, shown, visited } from './targeting.js';

/** Returns a function that cancels the pending showing. */
export function autoPrompt(
  key: string,
  rules: TargetingRules,
  show: () => void,
  remember: Client['remember'],
  now = Date.now,
  random = Math.random,
  url = () => location.href,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let cancelled = false;
  void remember<PromptState>(key, (saved) => visited(saved ?? {}, now(), random())).then((s) => {
    if (mayAsk(s, rules, now(), url()))
      timer = setTimeout(() => {
        if (!cancelled && mayAsk(s, rules, now(), url())) {
          void remember<PromptState>(key, (latest) => shown(latest ?? s, now()));
          show();
        }
      }, rules.delayMs);
  });
  return () => {
    cancelled = true;
    clearTimeout(timer);
  };
}

/**
 * Single-page-app navigation, for route rules that must be checked again when the URL changes
 * without a page load: the Navigation API's `currententrychange` where the browser has it (it
 * fires for `history.pushState` and `replaceState` too), else `pushState`/`replaceState`
 * (wrapped, once per window, and never unwrapped: another library may have wrapped them after
 * us) and `popstate`.
 */

type Listener = () => void;
const listeners = new WeakMap<Window, Set<Listener>>();

/** Wraps the window's History API once, telling every listener after each call. */
function historyListeners(win: Window): Set<Listener> {
  let set = listeners.get(win);
  if (set) return set;
  const all = (set = new Set<Listener>());
  listeners.set(win, all);
  for (const name of ['pushState', 'replaceState'] as const) {
    const original = win.history[name];
    win.history[name] = function (this: History, ...args: Parameters<History['pushState']>) {
      original.apply(this, args);
      all.forEach((listener) => listener());
    };
  }
  win.addEventListener('popstate', () => all.forEach((listener) => listener()));
  return all;
}

/** Calls `changed` after each navigation that stays in the page; returns a function that stops. */
export function watchNavigation(changed: Listener, win: Window = window): () => void {
  const navigation = (win as Window & { navigation?: EventTarget }).navigation;
  if (navigation) {
    navigation.addEventListener('currententrychange', changed);
    return () => navigation.removeEventListener('currententrychange', changed);
  }
  const set = historyListeners(win);
  set.add(changed);
  return () => set.delete(changed);
}

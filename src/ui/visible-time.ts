/**
 * A timer that counts only the time the page is in view: a prompt waits for some seconds of
 * the visitor being on the page, and a tab left in the background is not that.
 */

/** Calls `done` once the page has been visible for `ms` in all; returns a function that cancels it. */
export function afterVisibleTime(ms: number, done: () => void, doc: Document = document): () => void {
  let left = ms;
  let visibleSince: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = () => {
    clearTimeout(timer);
    doc.removeEventListener('visibilitychange', change);
  };
  function change() {
    clearTimeout(timer);
    if (visibleSince !== undefined) left -= Date.now() - visibleSince;
    visibleSince = undefined;
    if (doc.visibilityState !== 'visible') return;
    visibleSince = Date.now();
    timer = setTimeout(() => {
      stop();
      done();
    }, left);
  }
  doc.addEventListener('visibilitychange', change);
  change();
  return stop;
}

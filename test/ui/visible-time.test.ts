// @vitest-environment node
// The prompt's wait counts only the time the page is in view.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterVisibleTime } from '../../src/ui/visible-time.js';

/** A document whose visibility the test sets. */
function page(state: 'visible' | 'hidden' = 'visible') {
  const doc = Object.assign(new EventTarget(), { visibilityState: state });
  const set = (next: 'visible' | 'hidden') => {
    doc.visibilityState = next;
    doc.dispatchEvent(new Event('visibilitychange'));
  };
  return { doc: doc as unknown as Document, set };
}

describe('afterVisibleTime', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
  afterEach(() => vi.useRealTimers());

  it('fires once the page has been in view for the time asked', async () => {
    const done = vi.fn();
    afterVisibleTime(10_000, done, page().doc);
    await vi.advanceTimersByTimeAsync(9_999);
    expect(done).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toHaveBeenCalledTimes(1);
  });

  it('does not count the time the page is hidden', async () => {
    const done = vi.fn();
    const { doc, set } = page();
    afterVisibleTime(10_000, done, doc);
    await vi.advanceTimersByTimeAsync(4_000);
    set('hidden');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(done).not.toHaveBeenCalled();
    set('visible');
    await vi.advanceTimersByTimeAsync(5_999);
    expect(done).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toHaveBeenCalledTimes(1);
  });

  it('starts counting only when a page opened in the background comes into view', async () => {
    const done = vi.fn();
    const { doc, set } = page('hidden');
    afterVisibleTime(1_000, done, doc);
    await vi.advanceTimersByTimeAsync(5_000);
    set('visible');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(done).toHaveBeenCalledTimes(1);
  });

  it('can be cancelled, and stops listening once fired or cancelled', async () => {
    const done = vi.fn();
    const { doc, set } = page();
    const cancel = afterVisibleTime(1_000, done, doc);
    cancel();
    set('hidden');
    set('visible');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(done).not.toHaveBeenCalled();
    afterVisibleTime(0, done, doc);
    await vi.advanceTimersByTimeAsync(0);
    set('hidden');
    set('visible');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(done).toHaveBeenCalledTimes(1);
  });
});

// @vitest-environment happy-dom
// Single-page-app navigation without the Navigation API (happy-dom has none): the History API.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchNavigation } from '../../src/ui/watch-navigation.js';

const stops: (() => void)[] = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));

describe('watchNavigation (History API)', () => {
  it('tells after pushState and replaceState, once the URL has changed, and on popstate', async () => {
    const seen: string[] = [];
    stops.push(watchNavigation(() => seen.push(location.pathname)));
    history.pushState(null, '', '/a');
    history.replaceState(null, '', '/b');
    expect(seen).toEqual(['/a', '/b']);
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(seen).toEqual(['/a', '/b', '/b']);
  });

  it('wraps the History API once for any number of watchers, and a stopped one hears nothing more', () => {
    const first = vi.fn();
    const second = vi.fn();
    const stopFirst = watchNavigation(first);
    const wrapped = history.pushState;
    stops.push(watchNavigation(second));
    stops.push(watchNavigation(() => {}));
    expect(history.pushState).toBe(wrapped);
    stopFirst();
    history.pushState(null, '', '/c');
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('leaves pushState doing its work and returning what it returns', () => {
    stops.push(watchNavigation(() => {}));
    expect(history.pushState({ step: 2 }, '', '/d')).toBeUndefined();
    expect(history.state).toEqual({ step: 2 });
    expect(location.pathname).toBe('/d');
  });
});

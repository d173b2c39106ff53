/**
 * `mount(target, options)`: the widget on a page, for an app (`earful`): the launcher, the feedback
 * dialog and the NPS/CSAT prompts (widget.ts), with the module that draws them at hand, so they
 * show at once. (The script tag downloads that module when the page has loaded: embed/load-ui.ts.)
 */
import type { MountHandle, MountOptions } from './mount-options.js';
import * as surfaces from './surfaces.js';
import { appendHost, mountWidget } from './widget.js';

export type { MountHandle, MountOptions, NpsOptions, PromptOptions } from './mount-options.js';

/** Mounts into `host`'s shadow root (made if missing); `own` removes the host on destroy. */
export function mountIn(host: Element, options: MountOptions, own: boolean): MountHandle {
  return mountWidget(host, options, { own, surfaces });
}

/**
 * @example
 * const unmount = mount(document.body, { client, position: 'bottom-right' });
 */
export function mount(target: Element, options: MountOptions): MountHandle {
  return mountIn(appendHost(target), options, true);
}

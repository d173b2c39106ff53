/**
 * What a card says after Send: a status (see outcome.ts) with its icon, heading and one line on
 * what happens next, which takes focus when it appears, so that it is read out and focus stays
 * inside the card that showed it; or, when nothing could be saved, a banner over the form.
 */
import { Icon } from './icons.js';
import type { StatusWords } from './outcome.js';
import type { Strings } from './strings.js';

export interface StatusProps {
  words: StatusWords;
  strings: Strings;
  /** Replaces the heading of `words` (a prompt says "Thank you!"). */
  title?: string;
  /** Leaves out the line under the heading. */
  brief?: boolean;
}

/** A ref that focuses its element once, when it is put on the page. */
const focusWhenShown = (element: HTMLElement | null) => element?.focus();

export function StatusMessage({ words, strings, title, brief }: StatusProps) {
  return (
    <div class={`status tone-${words.tone}`} role="status" tabIndex={-1} ref={focusWhenShown}>
      <span class="status-icon">
        <Icon name={words.icon} />
      </span>
      <p class="status-title">{title ?? strings[words.title]}</p>
      {!brief && <p class="status-detail">{strings[words.detail]}</p>}
    </div>
  );
}

/** Over the form when a submission could not even be saved: what was typed is still there. */
export function FailedBanner({ strings }: { strings: Strings }) {
  return (
    <p class="banner" role="alert">
      <Icon name="alert" />
      {strings.failed}
    </p>
  );
}

/**
 * A status after Send (see outcome.ts): icon, heading, one line on what happens next, and the
 * buttons given as children. It takes focus when it appears, so that it is read out and focus
 * stays inside the card that showed it.
 */
import { Component, type ComponentChildren, createRef } from 'preact';
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
  children?: ComponentChildren;
}

export class StatusMessage extends Component<StatusProps> {
  #element = createRef<HTMLDivElement>();

  override componentDidMount() {
    this.#element.current?.focus();
  }

  override render({ words, strings, title, brief, children }: StatusProps) {
    return (
      <div class={`status tone-${words.tone}`} role="status" tabIndex={-1} ref={this.#element}>
        <span class="status-icon">
          <Icon name={words.icon} />
        </span>
        <p class="status-title">{title ?? strings[words.title]}</p>
        {!brief && <p class="status-detail">{strings[words.detail]}</p>}
        {children}
      </div>
    );
  }
}

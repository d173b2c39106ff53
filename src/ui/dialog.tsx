/**
 * A modal dialog: focus moves in on open, Tab stays inside, Escape and the backdrop close it,
 * and focus goes back to what opened it (research/user-asks.md §A2).
 */
import { Component, type ComponentChildren } from 'preact';
import { deepActiveElement, focusables } from './focus.js';

export interface DialogProps {
  label: string;
  closeLabel: string;
  onClose(): void;
  children?: ComponentChildren;
}

export class Dialog extends Component<DialogProps> {
  declare el: HTMLElement | null;
  declare opener: HTMLElement | null;

  override componentDidMount() {
    this.opener = deepActiveElement(document);
    // The first field, else the first control.
    (this.el!.querySelector<HTMLElement>('textarea,input') ?? focusables(this.el!)[0])?.focus();
  }

  override componentWillUnmount() {
    if (this.opener?.isConnected) this.opener.focus();
  }

  keydown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      this.props.onClose();
    } else if (e.key === 'Tab') {
      const all = focusables(this.el!);
      const active = (this.el!.getRootNode() as Document | ShadowRoot).activeElement;
      const edge = e.shiftKey ? all[0] : all[all.length - 1];
      if (active === edge || !this.el!.contains(active)) {
        e.preventDefault();
        (e.shiftKey ? all[all.length - 1] : all[0])?.focus();
      }
    }
  };

  render({ label, closeLabel, onClose, children }: DialogProps) {
    return (
      <div class="z" onClick={(e) => e.target === e.currentTarget && onClose()}>
        <div role="dialog" aria-modal="true" aria-label={label} ref={(el) => void (this.el = el)} onKeyDown={this.keydown}>
          <h2>{label}</h2>
          <button class="x" type="button" aria-label={closeLabel} onClick={onClose}>
            ×
          </button>
          {children}
        </div>
      </div>
    );
  }
}

/**
 * The modal dialog around the feedback form: a backdrop, a labelled `role="dialog"` card with a
 * heading and a × button. Focus moves to the first field on open, Tab and Shift+Tab stay
 * inside, Escape, the backdrop and × close it, and focus goes back to what opened it: what
 * people expect of a dialog, and what a screen reader needs. Also the × button every card shares.
 */
import { Component, type ComponentChildren, createRef } from 'preact';
import { focusedElement } from './focused-element.js';
import { Icon } from './icons.js';
import { uniqueId } from './ids.js';

export function CloseButton({ label, onClick }: { label: string; onClick(): void }) {
  return (
    <button type="button" class="close-button" aria-label={label} onClick={onClick}>
      <Icon name="close" />
    </button>
  );
}

const FOCUSABLE = 'input, textarea, button:not([disabled])';

export interface DialogShellProps {
  /** Where focus goes back when the dialog closes. @default what had focus when it opened */
  opener?: HTMLElement | null;
  title: string;
  closeLabel: string;
  onClose(): void;
  children: ComponentChildren;
}

export class DialogShell extends Component<DialogShellProps> {
  /** What had focus before the dialog opened, to give focus back when it closes. */
  #opener = this.props.opener ?? focusedElement();
  #titleId = uniqueId();
  #dialog = createRef<HTMLDivElement>();

  override componentDidMount() {
    this.#dialog.current?.querySelector<HTMLElement>('input, textarea')?.focus();
  }

  // After the render that removes the dialog has finished: Preact unmounts removed children
  // before it updates their siblings, so the launcher is still `hidden` at this point.
  override componentWillUnmount() {
    const opener = this.#opener;
    queueMicrotask(() => opener?.focus());
  }

  // Only keys pressed inside the dialog reach here: the page keeps its own.
  #onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      this.props.onClose();
    } else if (event.key === 'Tab') {
      this.#keepTabInside(event);
    }
  };

  /**
   * At the last control Tab goes to the first, at the first Shift+Tab to the last. From what is
   * not a control (the status message, focused after Send), Tab goes to the first and Shift+Tab
   * to the last: the browser would take focus out of the dialog.
   */
  #keepTabInside(event: KeyboardEvent) {
    const controls = [...this.#dialog.current!.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const at = controls.indexOf(event.target as HTMLElement);
    let next: HTMLElement | undefined;
    if (event.shiftKey) next = at <= 0 ? controls.at(-1) : undefined;
    else next = at === -1 || at === controls.length - 1 ? controls[0] : undefined;
    if (next) {
      event.preventDefault();
      next.focus();
    }
  }

  #onBackdropClick = (event: MouseEvent) => {
    if (event.target === event.currentTarget) this.props.onClose();
  };

  override render({ title, closeLabel, onClose, children }: DialogShellProps) {
    return (
      <div class="backdrop" onClick={this.#onBackdropClick}>
        <div class="card dialog" role="dialog" aria-modal="true" aria-labelledby={this.#titleId} onKeyDown={this.#onKeyDown} ref={this.#dialog}>
          <div class="card-header">
            <h2 class="card-title" id={this.#titleId}>
              {title}
            </h2>
            <CloseButton label={closeLabel} onClick={onClose} />
          </div>
          {children}
        </div>
      </div>
    );
  }
}

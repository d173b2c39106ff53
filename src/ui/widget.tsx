/**
 * What the widget shows besides its launcher: the feedback dialog (or the form in place) and an
 * NPS or CSAT prompt. `mount()` renders it the first time one of them is needed and drives it
 * through its methods (open, close, showPrompt, identify); it tells `mount()` what it shows, so
 * that the launcher hides while the dialog is open and an empty widget is hidden altogether.
 */
import { Component } from 'preact';
import type { Client, SubmitResult } from '../client/client.js';
import type { SubmissionUser } from '../schema/submission.js';
import type { FieldMode } from './check-fields.js';
import { focusedElement } from './dialog-shell.js';
import { type Draft, FeedbackForm } from './feedback-form.js';
import type { ScaleKind } from './scale-choice.js';
import { ScalePrompt } from './scale-prompt.js';
import type { Strings } from './strings.js';

/** A prompt being shown: its kind and what it asks. */
export interface ShownPrompt {
  kind: ScaleKind;
  question?: string;
  holdMs?: number;
}

/** What the widget shows, after each render. */
export interface WidgetView {
  dialogOpen: boolean;
  /** Nothing at all: no dialog, prompt or form in place. */
  empty: boolean;
}

export interface WidgetProps {
  client: Client;
  strings?: Partial<Strings>;
  fields?: { name?: FieldMode; email?: FieldMode };
  /** Prompts render where the widget is rather than in a corner. */
  inline: boolean;
  /** The feedback form renders where the widget is, instead of a launcher and dialog. */
  inlineForm: boolean;
  user?: SubmissionUser | null;
  /** A prompt was answered (a score chosen) or dismissed (closed without one), for its targeting. */
  onPrompt(kind: ScaleKind, what: 'answered' | 'dismissed'): void;
  onSubmitted?(result: SubmitResult): void;
  /** Receives the widget once it is on the page, for `mount()` to call its methods. */
  onMount(widget: Widget): void;
  onView(view: WidgetView): void;
}

interface WidgetState {
  dialogOpen: boolean;
  prompt?: ShownPrompt;
  /** The user as identified since mounting (`undefined`: as given in the props). */
  user?: SubmissionUser | null;
}

export class Widget extends Component<WidgetProps, WidgetState> {
  override state: WidgetState = { dialogOpen: false };
  /** Survives closing the dialog; only a sent or saved submission clears its message. */
  #draft: Draft = {};
  /** What had focus when the dialog was asked for, before the launcher hid: focus goes back there. */
  #opener: HTMLElement | null = null;

  override componentDidMount() {
    this.props.onMount(this);
    this.#tellView();
  }

  override componentDidUpdate() {
    this.#tellView();
  }

  #tellView() {
    const { dialogOpen, prompt } = this.state;
    this.props.onView({ dialogOpen, empty: !dialogOpen && !prompt && !this.props.inlineForm });
  }

  open(prefill?: Omit<Draft, 'id'>) {
    if (!this.state.dialogOpen) this.#opener = focusedElement();
    Object.assign(this.#draft, prefill);
    this.setState({ dialogOpen: true });
  }

  close = () => this.setState({ dialogOpen: false });

  showPrompt(prompt: ShownPrompt) {
    this.setState({ prompt });
  }

  /** Takes away the prompt of `kind` if it shows (the page moved to a route its rules exclude). */
  hidePrompt(kind: ScaleKind) {
    if (this.state.prompt?.kind === kind) this.setState({ prompt: undefined });
  }

  identify(user: SubmissionUser | null) {
    this.setState({ user });
  }

  #closePrompt = (answered: boolean) => {
    const { prompt } = this.state;
    if (!prompt) return;
    if (!answered) this.props.onPrompt(prompt.kind, 'dismissed');
    this.setState({ prompt: undefined });
  };

  override render(props: WidgetProps, { dialogOpen, prompt, user = props.user }: WidgetState) {
    const { client, fields, inline, inlineForm, onSubmitted } = props;
    return (
      <>
        {inlineForm && <FeedbackForm client={client} strings={props.strings} fields={fields} user={user} draft={this.#draft} onResult={onSubmitted} />}
        {prompt && (
          <ScalePrompt
            // Each prompt shown is a new object: a new one starts afresh.
            key={prompt}
            client={client}
            kind={prompt.kind}
            question={prompt.question}
            holdMs={prompt.holdMs}
            strings={props.strings}
            corner={!inline}
            onAnswer={() => props.onPrompt(prompt.kind, 'answered')}
            onClose={this.#closePrompt}
            onResult={onSubmitted}
          />
        )}
        {dialogOpen && (
          <FeedbackForm modal opener={this.#opener} client={client} strings={props.strings} fields={fields} user={user} draft={this.#draft} onClose={this.close} onResult={onSubmitted} />
        )}
      </>
    );
  }
}

/**
 * The whole widget as one component: the launcher, the feedback dialog (or the form in place),
 * and an NPS or CSAT prompt. It holds what the user sees; `mount()` drives it through its
 * methods (open, close, showPrompt, identify). When there is nothing to show (an inline prompt
 * answered or dismissed, no launcher), its root is `hidden`: nothing on screen or to a screen reader.
 */
import { Component } from 'preact';
import type { Client, SubmitResult } from '../client/client.js';
import type { SubmissionUser } from '../schema/submission.js';
import type { FieldMode } from './check-fields.js';
import { focusedElement } from './dialog-shell.js';
import { type Draft, FeedbackForm } from './feedback-form.js';
import { Launcher } from './launcher.js';
import type { ScaleKind } from './scale-choice.js';
import { ScalePrompt } from './scale-prompt.js';
import { type Strings, en, isRtl } from './strings.js';

/** A prompt being shown: its kind and what it asks. */
export interface ShownPrompt {
  kind: ScaleKind;
  question?: string;
  holdMs?: number;
}

export interface WidgetProps {
  client: Client;
  /** `none` shows no launcher. */
  position: 'bottom-right' | 'bottom-left' | 'none';
  colorScheme: 'light' | 'dark' | 'system';
  /** The language of `strings`: English unless both are given. */
  locale?: string;
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
    const { client, position, colorScheme, locale, fields, inline, inlineForm, onSubmitted } = props;
    const launcher = position !== 'none' && !inlineForm;
    const empty = !launcher && !inlineForm && !dialogOpen && !prompt;
    const strings = { ...en, ...props.strings };
    // Without strings of its own the widget speaks English, whatever the locale says.
    const lang = (props.strings && locale) || 'en';
    const classes = ['root', `theme-${colorScheme}`, position === 'bottom-left' ? 'at-left' : ''];
    return (
      <section class={classes.join(' ').trim()} aria-label={strings.feedback} lang={lang} dir={isRtl(lang) ? 'rtl' : undefined} hidden={empty}>
        {launcher && <Launcher label={strings.feedback} hidden={dialogOpen} onOpen={() => this.open()} />}
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
      </section>
    );
  }
}

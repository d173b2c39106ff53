/**
 * The whole widget as one Preact tree: launcher, feedback dialog and an NPS/CSAT prompt.
 * `mount` renders it into a shadow root and drives it through its methods.
 */
import { Component } from 'preact';
import type { SubmissionUser } from '../schema/submission.js';
import { Dialog } from './dialog.js';
import { type Draft, FeedbackForm } from './feedback-form.js';
import type { MountOptions } from './mount.js';
import { ScalePrompt } from './scale-prompt.js';
import { type Strings, isRtl } from './strings.js';

export type PromptKind = 'nps' | 'csat';

/** Shows an NPS or CSAT prompt now. */
export interface PromptOptions {
  /** Replaces the question. */
  question?: string;
  /** How long a score waits for its comment. @default 5 minutes */
  holdMs?: number;
}

export interface WidgetProps {
  options: MountOptions;
  strings: Strings;
  /** A prompt was answered (a score chosen) or dismissed (closed without one). */
  onPrompt(kind: PromptKind, answered: boolean): void;
  /** Receives the instance, to drive it (Preact 11 passes `ref` to components as a prop). */
  expose(widget: Widget): void;
}

interface State {
  open?: boolean;
  prompt?: PromptOptions & { kind: PromptKind };
  user?: SubmissionUser | null;
}

export class Widget extends Component<WidgetProps, State> {
  /** Survives closing the dialog; only a sent or saved submission clears its message. */
  draft: Draft = {};
  override state: State = { user: this.props.options.user };

  constructor(props: WidgetProps) {
    super(props);
    props.expose(this);
  }

  open(prefill?: Omit<Draft, 'id'>) {
    Object.assign(this.draft, prefill);
    this.setState({ open: true });
  }

  close() {
    this.setState({ open: false });
  }

  prompt(kind: PromptKind, options?: PromptOptions) {
    this.setState({ prompt: { ...options, kind } });
  }

  identify(user: SubmissionUser | null) {
    this.setState({ user });
  }

  render({ options: o, strings: s, onPrompt }: WidgetProps, { open, prompt, user }: State) {
    const lang = (o.strings && o.locale) || 'en';
    return (
      <section
        class={`r ${o.colorScheme ?? 'system'}${o.position === 'bottom-left' ? ' s' : ''}`}
        aria-label={s.feedback}
        lang={lang}
        dir={isRtl(lang) ? 'rtl' : undefined}
      >
        {o.position !== 'none' && (
          <button class="l" onClick={() => this.open()}>
            {s.feedback}
          </button>
        )}
        {prompt && (
          <ScalePrompt
            key={prompt}
            {...prompt}
            client={o.client}
            strings={s}
            corner={!o.inline}
            onAnswer={() => onPrompt(prompt.kind, true)}
            onClose={(answered) => {
              if (!answered) onPrompt(prompt.kind, false);
              this.setState({ prompt: undefined });
            }}
            onResult={o.onSubmitted}
          />
        )}
        {open && (
          <Dialog label={s.title} closeLabel={s.close} onClose={() => this.close()}>
            <FeedbackForm
              client={o.client}
              strings={s}
              fields={o.fields}
              user={user}
              draft={this.draft}
              onResult={o.onSubmitted}
            />
          </Dialog>
        )}
      </section>
    );
  }
}

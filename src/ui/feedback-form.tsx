/**
 * The feedback form: a required message, optional name and email, Send and Cancel. After Send
 * it tells the truth (outcome.ts): sent (and then, in the dialog, it closes by itself), saved
 * for later and why, saved for this visit only, refused, or not saved at all with the draft
 * kept (research/user-asks.md §A1, §A4, §A5). As a modal dialog in the widget, or a card in
 * place (the `FeedbackForm` component, `<earful-feedback inline>`).
 */
import { Component, createRef } from 'preact';
import type { Client, SubmitResult } from '../client/client.js';
import { MAX_BODY_LENGTH, MAX_EMAIL_LENGTH, MAX_NAME_LENGTH } from '../schema/limits.js';
import type { SubmissionUser } from '../schema/submission.js';
import { FIELD_ORDER, type FieldMode, type FieldModes, type FieldName, type FieldProblems, checkFields, fieldOfPath } from './check-fields.js';
import { CloseButton, DialogShell } from './dialog-shell.js';
import { Field } from './field.js';
import { uniqueId } from './ids.js';
import { describeResult } from './outcome.js';
import { FailedBanner, StatusMessage } from './status.js';
import { type Strings, en } from './strings.js';

export type { FieldMode };

/** What the user has typed; kept by whoever renders the form, so closing does not lose it. */
export interface Draft {
  message?: string;
  name?: string;
  email?: string;
  /** Made by the first submit and reused by every retry: one draft, one submission. */
  id?: string;
}

/** How long "sent" stays on screen before the dialog closes by itself. */
export const SENT_CLOSE_MS = 5_000;

export interface FeedbackFormProps {
  client: Client;
  strings?: Partial<Strings>;
  /** @default { name: 'hidden', email: 'optional' } */
  fields?: { name?: FieldMode; email?: FieldMode };
  /** Prefills name and email. */
  user?: SubmissionUser | null;
  /** What the user typed, kept across closing. */
  draft?: Draft;
  /** A modal dialog over a backdrop (the widget's); otherwise a card in place. */
  modal?: boolean;
  /** Modal: where focus goes back when it closes. @default what had focus when it opened */
  opener?: HTMLElement | null;
  /** Closes the form: ×, Cancel, Escape, the backdrop, or by itself after "sent". In place, without it, there is nothing to close. */
  onClose?(): void;
  /** What the client answered to each Send. */
  onResult?(result: SubmitResult): void;
}

interface FeedbackFormState {
  busy: boolean;
  problems: FieldProblems;
  /** The client's answer to the last Send; a failure keeps the form on screen. */
  result?: SubmitResult;
}

/** How each field is set up, besides its label and mode. */
const CONTROLS = {
  message: { rows: 5, maxLength: MAX_BODY_LENGTH, placeholder: 'messagePlaceholder' },
  name: { autocomplete: 'name', maxLength: MAX_NAME_LENGTH, placeholder: 'namePlaceholder' },
  email: { type: 'email', autocomplete: 'email', maxLength: MAX_EMAIL_LENGTH, placeholder: 'emailPlaceholder' },
} as const;

export class FeedbackForm extends Component<FeedbackFormProps, FeedbackFormState> {
  override state: FeedbackFormState = { busy: false, problems: {} };
  #draft: Draft = this.props.draft ?? {};
  /** Set at once, unlike state: a second submit in the same task finds it. */
  #sending = false;
  /** The prefix of the ids of its title and fields. */
  #id = uniqueId();
  #closeTimer?: ReturnType<typeof setTimeout>;
  #form = createRef<HTMLFormElement>();

  override componentWillUnmount() {
    clearTimeout(this.#closeTimer);
  }

  #strings(): Strings {
    return { ...en, ...this.props.strings };
  }

  #modes(): FieldModes {
    const { fields } = this.props;
    return { message: 'required', name: fields?.name ?? 'hidden', email: fields?.email ?? 'optional' };
  }

  /** What a field shows: what was typed, else the user's own name or email. */
  #value(name: FieldName): string | undefined {
    const user = this.props.user;
    return this.#draft[name] ?? (name === 'message' ? undefined : user?.[name]);
  }

  #close = () => this.props.onClose?.();

  #onSubmit = async (event: Event) => {
    event.preventDefault();
    if (this.#sending) return;
    const modes = this.#modes();
    const typed: Partial<Record<FieldName, string>> = {};
    for (const name of FIELD_ORDER) if (modes[name] !== 'hidden') typed[name] = this.#value(name)?.trim() || undefined;
    const problems = checkFields(typed, modes);
    if (Object.keys(problems).length) {
      this.setState({ problems, result: undefined }, this.#focusFirstProblem);
      return;
    }

    this.#sending = true;
    this.setState({ busy: true, problems: {}, result: undefined });
    const { message, name, email } = typed;
    const result = await this.props.client.submit({ id: this.#draft.id, kind: 'feedback', body: message, user: { name, email } });
    this.#sending = false;
    this.#draft.id = result.id;
    const settled: Partial<FeedbackFormState> = { busy: false, result, problems: {} };
    if (result.status === 'failed') {
      // The client checks what was typed as the proxy will; an error naming a field points at it.
      const field = fieldOfPath(result.path);
      if (field) settled.problems = { [field]: 'invalid' };
    } else {
      this.#draft.message = undefined;
      this.#draft.id = undefined;
      if (result.status !== 'queued' && this.props.onClose) this.#closeTimer = setTimeout(this.#close, SENT_CLOSE_MS);
    }
    this.setState(settled, this.#focusFirstProblem);
    this.props.onResult?.(result);
  };

  #focusFirstProblem = () => {
    const first = FIELD_ORDER.find((name) => this.state.problems[name]);
    if (first) this.#form.current?.querySelector<HTMLElement>(`#${this.#fieldId(first)}`)?.focus();
  };

  #fieldId(name: FieldName | 'title'): string {
    return `${this.#id}-${name}`;
  }

  #renderField(name: FieldName, strings: Strings) {
    const mode = this.#modes()[name];
    if (mode === 'hidden') return null;
    const { placeholder, ...control } = CONTROLS[name];
    const problem = this.state.problems[name];
    return (
      <Field
        {...control}
        id={this.#fieldId(name)}
        label={strings[name]}
        required={mode === 'required'}
        requiredMark={strings.requiredMark}
        placeholder={strings[placeholder]}
        value={this.#value(name)}
        error={problem && strings[problem]}
        onInput={(value) => (this.#draft[name] = value)}
      />
    );
  }

  #renderForm(strings: Strings) {
    const { busy, result } = this.state;
    return (
      <form class="form" noValidate onSubmit={this.#onSubmit} ref={this.#form}>
        {result?.status === 'failed' && <FailedBanner strings={strings} />}
        {FIELD_ORDER.map((name) => this.#renderField(name, strings))}
        <div class="actions">
          {this.props.onClose && (
            <button type="button" class="button" onClick={this.#close}>
              {strings.cancel}
            </button>
          )}
          <button type="submit" class="button button-primary" disabled={busy}>
            {busy ? strings.sending : strings.send}
          </button>
        </div>
      </form>
    );
  }

  override render({ modal, opener, onClose }: FeedbackFormProps, { result }: FeedbackFormState) {
    const strings = this.#strings();
    const body = result && result.status !== 'failed' ? <StatusMessage words={describeResult(result)} strings={strings} /> : this.#renderForm(strings);
    if (modal)
      return (
        <DialogShell opener={opener} title={strings.title} closeLabel={strings.close} onClose={this.#close}>
          {body}
        </DialogShell>
      );
    return (
      <section class="card inline" aria-labelledby={this.#fieldId('title')}>
        <div class="card-header">
          <h2 class="card-title" id={this.#fieldId('title')}>
            {strings.title}
          </h2>
          {onClose && <CloseButton label={strings.close} onClick={this.#close} />}
        </div>
        {body}
      </section>
    );
  }
}

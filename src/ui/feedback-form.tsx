/**
 * The feedback form: a required message, optional name and email, and after submit the truth:
 * sent, saved for later, or not sent with the draft kept (research/user-asks.md §A1, §A4, §A5).
 */
import { Component } from 'preact';
import type { Client, SubmitResult } from '../client/client.js';
import type { SubmissionUser } from '../schema/submission.js';
import { uniqueId } from './ids.js';
import { type Strings, en } from './strings.js';

export type FieldMode = 'hidden' | 'optional' | 'required';

/** What the user has typed; kept by whoever renders the form, so closing does not lose it. */
export interface Draft {
  message?: string;
  name?: string;
  email?: string;
  /** Made by the first submit and reused by every retry: one draft, one submission. */
  id?: string;
}

export interface FeedbackFormProps {
  client: Client;
  strings?: Partial<Strings>;
  /** @default { name: 'hidden', email: 'optional' } */
  fields?: { name?: FieldMode; email?: FieldMode };
  /** Prefills name and email. */
  user?: SubmissionUser | null;
  draft?: Draft;
  onResult?(result: SubmitResult): void;
}

interface State {
  busy?: boolean;
  result?: SubmitResult;
  /** The field that needs another look. */
  bad?: keyof Draft;
}

export class FeedbackForm extends Component<FeedbackFormProps, State> {
  id = uniqueId();
  draft = this.props.draft ?? {};
  /** Set at once, unlike state: a second submit in the same task finds it. */
  declare sending: boolean;
  declare form: HTMLFormElement | null;
  declare status: HTMLElement | null;

  modes(): [keyof Draft, FieldMode][] {
    const f = this.props.fields;
    return [
      ['message', 'required'],
      ['name', f?.name ?? 'hidden'],
      ['email', f?.email ?? 'optional'],
    ];
  }

  submit = async (e: Event) => {
    e.preventDefault();
    const { client, user, onResult } = this.props;
    const d = this.draft;
    if (this.sending) return;
    const value = (k: keyof Draft) => (d[k] ?? (k === 'message' ? '' : user?.[k as 'name'] ?? '')).trim();
    const field = (k: keyof Draft) => this.form!.elements.namedItem(k) as HTMLInputElement | null;
    const bad = this.modes().find(([k, mode]) => field(k) && ((mode === 'required' && !value(k)) || !field(k)!.validity.valid))?.[0];
    this.setState({ bad, result: undefined });
    if (bad) return field(bad)!.focus();
    this.sending = true;
    this.setState({ busy: true });
    const who: SubmissionUser = {};
    for (const [k, mode] of this.modes()) if (k !== 'message' && mode !== 'hidden' && value(k)) who[k as 'name'] = value(k);
    const result = await client.submit({ id: d.id, kind: 'feedback', body: value('message'), user: who });
    d.id = result.id;
    if (result.status !== 'failed') d.message = d.id = undefined;
    this.sending = false;
    this.setState({ busy: false, result }, () => this.status!.focus());
    onResult?.(result);
  };

  render({ user }: FeedbackFormProps, { busy, result, bad }: State) {
    const s = { ...en, ...this.props.strings };
    const d = this.draft;
    const status = result && s[result.status === 'delivered' ? 'sent' : result.status];
    return (
      <>
        <p role="status" tabIndex={-1} ref={(el) => void (this.status = el)}>
          {status}
        </p>
        {result?.status !== 'delivered' && result?.status !== 'queued' && (
          <form class="f" noValidate onSubmit={this.submit} ref={(el) => void (this.form = el)}>
            {this.modes().map(([k, mode]) => {
              if (mode === 'hidden') return null;
              const Field = (k === 'message' ? 'textarea' : 'input') as 'input';
              const v = d[k] ?? (k === 'message' ? '' : user?.[k as 'name']);
              return (
                <>
                  <label>
                    {s[k as 'name']}
                    {mode === 'optional' && ` (${s.optional})`}
                    <Field
                      name={k}
                      type={(k === 'email' ? 'email' : undefined) as 'email'}
                      autocomplete={k === 'message' ? undefined : k}
                      required={mode === 'required'}
                      aria-invalid={bad === k}
                      aria-describedby={bad === k ? this.id : undefined}
                      value={v}
                      onInput={(e) => (d[k] = (e.currentTarget as HTMLInputElement).value)}
                    />
                  </label>
                  {bad === k && (
                    <p class="e" id={this.id}>
                      {v?.trim() ? s.invalid : s.required}
                    </p>
                  )}
                </>
              );
            })}
            <button class="k" type="submit" disabled={busy}>
              {busy ? s.sending : s.send}
            </button>
          </form>
        )}
      </>
    );
  }
}

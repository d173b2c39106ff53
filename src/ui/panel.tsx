/** @jsxRuntime classic */
/** @jsx h */
/**
 * The one component behind every surface: the feedback form (modal in the widget, inline as
 * `FeedbackForm`) and the NPS/CSAT prompts, sharing the close button, the status line, the
 * fields and the Send button.
 *
 * - Feedback (no `kind`): a required message, optional name and email; after submit the truth:
 *   sent, saved for later, or not sent with the draft kept (research/user-asks.md §A1, §A4, §A5).
 * - NPS (0–10) / CSAT (1–5), `kind` set: non-modal, never takes focus or keys from the page. The
 *   score is queued the moment it is chosen (held for the comment); the follow-up ends with the
 *   comment or on close, and the score counts either way (MAPPING.md, "NPS flow").
 * - `modal`: a labelled dialog over a backdrop; focus moves to the message on open, Tab stays
 *   inside, Escape, the backdrop and × close it, and focus goes back to what opened it (§A2).
 */
import { MAX_BODY_LENGTH, MAX_NAME_LENGTH } from '../schema/limits.js';
import { Component, type ComponentChild, h } from 'preact';
import type { Client, SubmitResult } from '../client/client.js';
import type { SubmissionUser } from '../schema/submission.js';
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

/** How long a chosen score waits for its comment before it goes alone. */
export const HOLD_MS = 5 * 60_000;

export interface PanelProps {
  client: Client;
  /** A prompt (`nps`: 0–10, `csat`: 1–5); without it, the feedback form. */
  kind?: 'nps' | 'csat';
  strings?: Partial<Strings>;
  /** Feedback: @default { name: 'hidden', email: 'optional' } */
  fields?: { name?: FieldMode; email?: FieldMode };
  /** Feedback: prefills name and email. */
  user?: SubmissionUser | null;
  /** Feedback: what the user typed, kept across closing. */
  draft?: Draft;
  /** Prompt: replaces the question ("How likely are you to recommend …?"). */
  question?: string;
  /** Prompt: in a corner of the viewport rather than where it is rendered. */
  corner?: boolean;
  /** Prompt: how long a score waits for its comment. @default HOLD_MS */
  holdMs?: number;
  /** A modal dialog over a backdrop (the widget's feedback form). */
  modal?: boolean;
  /** Prompt: a score was chosen (the first time). */
  onAnswer?(): void;
  /** Closed by the user (× or Escape; the backdrop when modal): `answered` says whether a score
   * was given. A prompt always has the × button; the feedback form only when this is set. */
  onClose?(answered: boolean): void;
  /** What the client said about the submission (feedback), or about the whole follow-up (prompt). */
  onResult?(result: SubmitResult): void;
}

let ids = 0;

/**
 * One class for all three. Its state and handlers live in a closure made once per instance
 * (they minify to single letters); `render` is made there too, and `draw()` renders again.
 */
export class Panel extends Component<PanelProps> {
  declare render: (props: PanelProps) => ComponentChild;

  constructor(props: PanelProps) {
    super(props);
    /** Unique in the page: radio group name, and prefix of ids for `aria-describedby`. */
    const id = `earful-${ids++}`;
    const d: Draft = props.draft ?? {};
    /** Set at once, unlike state: a second submit in the same task finds it. */
    let busy = false;
    /** Prompt: the submission's id once the first choice is queued; later choices reuse it. */
    let queued: Promise<string> | undefined;
    /** Modal: what had focus when it opened, to give focus back. */
    let opener: HTMLElement | null = null;
    /** Prompt: the chosen score. */
    let score: number | undefined;
    /** Feedback: the field that needs another look. */
    let bad: string | undefined;
    /** What the status line says. */
    let said: 'sent' | 'queued' | 'failed' | 'thanks' | undefined;
    const draw = () => this.setState({});

    /** The message field's ref. Modal: remembers what had focus, and moves focus to the message. */
    const grab = (field: HTMLElement | null) => {
      if (!field || !this.props.modal) return;
      // The focused element, looking inside open shadow roots (the launcher lives in one).
      let a = document.activeElement;
      while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
      opener = a as HTMLElement | null;
      field.focus();
    };

    /** The status line's ref: focus goes to it, so it is read out and stays in the panel. */
    const focus = (status: HTMLElement | null) => status?.focus();

    const choose = (n: number) => {
      const { client, kind, holdMs = HOLD_MS, onAnswer } = this.props;
      const queue = (id?: string) => client.submit({ id, kind: kind!, score: n }, { holdMs }).then((r) => r.id);
      // The first choice goes at once; a later one waits for the first's id, so both are one item.
      queued = queued ? queued.then(queue) : (onAnswer?.(), queue());
      score = n;
      draw();
    };

    /** Ends a prompt's follow-up: with the comment (Send), or without it (close). */
    const finish = (comment?: string) => {
      const { client, onResult } = this.props;
      const done = queued?.then((id) => client.followUp(id, comment)).then((r) => (onResult?.(r), r));
      queued = undefined;
      return done;
    };

    const close = () => {
      finish();
      this.props.onClose?.(score !== undefined);
    };

    // Only keys pressed inside reach here: the page keeps its own, and Escape too when there is
    // nothing to close (a form the app renders in its own dialog).
    const key = (e: KeyboardEvent) => {
      if (e.key == 'Escape' && this.props.onClose) {
        e.stopPropagation();
        close();
      } else if (e.key == 'Tab' && this.props.modal) {
        const all = [...(e.currentTarget as HTMLElement).querySelectorAll<HTMLElement>('[name],button:not([disabled])')];
        const [edge, other] = e.shiftKey ? [all[0], all.at(-1)] : [all.at(-1), all[0]];
        if (e.target == edge) {
          e.preventDefault();
          other!.focus();
        }
      }
    };

    const send = async (e: Event) => {
      e.preventDefault();
      const { client, kind, onResult } = this.props;
      const fields = [...(e.currentTarget as HTMLFormElement).querySelectorAll<HTMLInputElement>('[name]')];
      const typed: Record<string, string> = {};
      for (const f of fields) if (f.value.trim()) typed[f.name] = f.value.trim();
      const { message, ...user } = typed;
      if (kind) {
        // Thank only once the comment is stored; a failure keeps the words on screen.
        said = (await finish(message))?.status == 'failed' ? 'failed' : 'thanks';
        return draw();
      }
      if (busy) return;
      const wrong = fields.find((f) => (f.required && !f.value.trim()) || !f.validity.valid);
      busy = !wrong;
      bad = wrong?.name;
      said = undefined;
      draw();
      if (wrong) return wrong.focus();
      const result = await client.submit({ id: d.id, kind: 'feedback', body: message, user });
      d.id = result.id;
      if (result.status != 'failed') d.message = d.id = undefined;
      // The proxy's rules are stricter than the browser's (an email like jane@localhost): point at the field.
      else if (/^user\.(email|name):/.test(result.error)) bad = result.error.slice(5).split(':')[0];
      busy = false;
      said = result.status == 'delivered' ? 'sent' : result.status;
      draw();
      onResult?.(result);
    };

    /** Taken off the page with a score still held (a route change): the follow-up has ended. */
    this.componentWillUnmount = () => {
      finish();
      opener?.focus();
    };

    this.render = ({ kind, question, corner, modal, fields, user, onClose, strings }) => {
      const s = { ...en, ...strings };
      const [from, to] = kind == 'nps' ? [0, 10] : [1, 5];
      const field = (k: 'message' | 'name' | 'email', mode: FieldMode = 'optional', label = s[k]) => {
        const v = d[k] ?? (user as Draft | undefined)?.[k];
        return (
          mode != 'hidden' && [
            <label>
              {label}
              {mode == 'optional' && ` (${s.optional})`}
              {h(k == 'message' ? 'textarea' : 'input', {
                class: 'i',
                name: k,
                type: k == 'email' ? k : undefined,
                autocomplete: k == 'message' ? undefined : k,
                required: mode == 'required',
                maxLength: k == 'message' ? MAX_BODY_LENGTH : MAX_NAME_LENGTH,
                'aria-invalid': bad == k,
                'aria-describedby': bad == k ? id : undefined,
                value: v,
                onInput: (e: Event) => (d[k] = (e.currentTarget as HTMLInputElement).value),
                ref: k == 'message' ? grab : undefined,
              })}
            </label>,
            bad == k && (
              <p class="e" id={id}>
                {v?.trim() ? s.invalid : s.required}
              </p>
            ),
          ]
        );
      };
      const panel = (
        <div class={corner ? 'p c' : 'p'} {...(modal && { role: 'dialog', 'aria-modal': true, 'aria-label': s.title })} onKeyDown={key}>
          {modal && <h2>{s.title}</h2>}
          {(kind || onClose) && (
            <button class="x" aria-label={s.close} onClick={close}>
              ×
            </button>
          )}
          {said && (
            <p role="status" tabIndex={-1} ref={focus}>
              {s[said]}
            </p>
          )}
          {(!said || said == 'failed') && (
            <form noValidate onSubmit={send}>
              {kind ? (
                <fieldset role="radiogroup">
                  <legend>{question ?? s[kind]}</legend>
                  <div class="g">
                    {Array.from({ length: to - from + 1 }, (_, i) => i + from).map((n) => (
                      <label>
                        <input
                          type="radio"
                          name={id}
                          aria-describedby={n == from ? `${id}l` : n == to ? `${id}h` : undefined}
                          onChange={() => choose(n)}
                        />
                        {n}
                      </label>
                    ))}
                  </div>
                  <div class="n">
                    <span id={`${id}l`}>{s[`${kind}Low`]}</span>
                    <span id={`${id}h`}>{s[`${kind}High`]}</span>
                  </div>
                </fieldset>
              ) : (
                [field('message', 'required'), field('name', fields?.name ?? 'hidden'), field('email', fields?.email)]
              )}
              {(!kind || score !== undefined) && [
                kind && field('message', 'optional', s.comment),
                <button class="k" disabled={busy}>
                  {busy ? s.sending : s.send}
                </button>,
              ]}
            </form>
          )}
        </div>
      );
      return modal ? (
        <div class="z" onClick={(e) => e.target == e.currentTarget && close()}>
          {panel}
        </div>
      ) : (
        panel
      );
    };
  }
}

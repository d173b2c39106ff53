/**
 * The NPS (0–10) and CSAT (1–5) prompt: non-modal, never takes focus or keys from the page.
 * The score is queued the moment it is chosen (held for the comment), and the follow-up ends
 * with the comment or on close — the score counts either way (MAPPING.md, "NPS flow").
 */
import { Component } from 'preact';
import type { Client, SubmitResult } from '../client/client.js';
import { uniqueId } from './ids.js';
import { type Strings, en } from './strings.js';

/** How long a chosen score waits for its comment before it goes alone. */
export const HOLD_MS = 5 * 60_000;

export interface ScalePromptProps {
  client: Client;
  /** @default 'nps' */
  kind?: 'nps' | 'csat';
  /** Replaces the question ("How likely are you to recommend …?"). */
  question?: string;
  strings?: Partial<Strings>;
  /** In a corner of the viewport rather than where it is rendered. @default false */
  corner?: boolean;
  /** @default HOLD_MS */
  holdMs?: number;
  /** A score was chosen (the first time). */
  onAnswer?(): void;
  /** The prompt is done: `answered` says whether a score was given. */
  onClose?(answered: boolean): void;
  /** The follow-up ended: what the client said about the whole submission. */
  onResult?(result: SubmitResult): void;
}

interface State {
  score?: number;
  done?: boolean;
}

export class ScalePrompt extends Component<ScalePromptProps, State> {
  name = uniqueId();
  /** The submission's id once the first choice is queued; later choices reuse it. */
  declare queued?: Promise<string>;
  declare el: HTMLElement | null;

  choose(score: number) {
    const { client, kind = 'nps', holdMs = HOLD_MS, onAnswer } = this.props;
    const queue = (id?: string) => client.submit({ id, kind, score }, { holdMs }).then((r) => r.id);
    // The first choice goes at once; a later one waits for the first's id, so both are one item.
    this.queued = this.queued ? this.queued.then(queue) : (onAnswer?.(), queue());
    this.setState({ score });
  }

  /** Ends the follow-up: with the comment (Send), or without it (close). */
  finish(comment?: string) {
    const { client, onResult } = this.props;
    void this.queued?.then((id) => client.followUp(id, comment)).then((r) => onResult?.(r));
    this.queued = undefined;
  }

  /** Taken off the page with a score still held (a route change): the follow-up has ended. */
  override componentWillUnmount() {
    this.finish();
  }

  send = (e: Event) => {
    e.preventDefault();
    this.finish(this.el!.querySelector('textarea')!.value.trim() || undefined);
    // The Send button goes away: keep focus in the prompt, on the thanks, which is read out.
    this.setState({ done: true }, () => this.el!.querySelector('p')!.focus());
  };

  close = () => {
    this.finish();
    this.props.onClose?.(this.state.score !== undefined);
  };

  render({ kind = 'nps', question, corner }: ScalePromptProps, { score, done }: State) {
    const s = { ...en, ...this.props.strings };
    const [low, high, from, to] = kind === 'nps' ? [s.npsLow, s.npsHigh, 0, 10] : [s.csatLow, s.csatHigh, 1, 5];
    const id = this.name;
    return (
      // Keys are handled only when they happen inside the prompt: the page keeps its own.
      <div class={corner ? 'p c' : 'p'} ref={(el) => void (this.el = el)} onKeyDown={(e) => e.key === 'Escape' && this.close()}>
        <button class="x" type="button" aria-label={s.close} onClick={this.close}>
          ×
        </button>
        {done ? (
          <p role="status" tabIndex={-1}>
            {s.thanks}
          </p>
        ) : (
          <form onSubmit={this.send}>
            <fieldset role="radiogroup">
              <legend>{question ?? s[kind]}</legend>
              <div class="g">
                {Array.from({ length: to - from + 1 }, (_, i) => i + from).map((n) => (
                  <label>
                    <input
                      type="radio"
                      name={id}
                      checked={score === n}
                      aria-describedby={n === from ? `${id}l` : n === to ? `${id}h` : undefined}
                      onChange={() => this.choose(n)}
                    />
                    {n}
                  </label>
                ))}
              </div>
              <div class="n">
                <span id={`${id}l`}>{low}</span>
                <span id={`${id}h`}>{high}</span>
              </div>
            </fieldset>
            {score !== undefined && (
              <>
                <label>
                  {s.comment} ({s.optional})
                  <textarea rows={3} />
                </label>
                <button class="k">{s.send}</button>
              </>
            )}
          </form>
        )}
      </div>
    );
  }
}

/** The NPS prompt: "How likely are you to recommend …?", 0–10. */
export const NpsPrompt = (props: Omit<ScalePromptProps, 'kind'>) => <ScalePrompt {...props} kind="nps" />;

/** The CSAT prompt: 1–5, same flow as NPS. */
export const CsatPrompt = (props: Omit<ScalePromptProps, 'kind'>) => <ScalePrompt {...props} kind="csat" />;

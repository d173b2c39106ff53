/**
 * The NPS (0–10) and CSAT (1–5) prompts: non-modal cards that never take focus or keys from
 * the page. The score is queued the moment it is chosen (held for the comment); the follow-up
 * ends with the comment or on close, and the score counts either way (MAPPING.md, "NPS flow").
 * Then a thank-you, which in a corner closes by itself.
 */
import { Component, createRef } from 'preact';
import type { Client, SubmitResult } from '../client/client.js';
import { MAX_BODY_LENGTH } from '../schema/limits.js';
import { CloseButton } from './dialog-shell.js';
import { Field } from './field.js';
import { focusedElement } from './focused-element.js';
import { uniqueId } from './ids.js';
import { describeResult } from './outcome.js';
import { ScaleChoice, type ScaleKind } from './scale-choice.js';
import { FailedBanner, StatusMessage } from './status.js';
import { type Strings, en } from './strings.js';

/** How long a chosen score waits for its comment before it goes alone. */
export const HOLD_MS = 5 * 60_000;
/** How long the thank-you of a prompt in a corner stays before the prompt closes. */
export const THANKS_CLOSE_MS = 4_000;

export interface ScalePromptProps {
  client: Client;
  kind: ScaleKind;
  /** Replaces the question ("How likely are you to recommend …?"). */
  question?: string;
  strings?: Partial<Strings>;
  /** In a corner of the viewport rather than where it is rendered. */
  corner?: boolean;
  /** How long a score waits for its comment. @default HOLD_MS */
  holdMs?: number;
  /** A score was chosen (the first time). */
  onAnswer?(): void;
  /** Closed by the user (× or Escape), or by itself after the thank-you in a corner: `answered` says whether a score was given. */
  onClose?(answered: boolean): void;
  /** What the client said about the whole follow-up. */
  onResult?(result: SubmitResult): void;
}

interface ScalePromptState {
  score?: number;
  comment: string;
  /** The follow-up's answer; a failure keeps the comment on screen. */
  result?: SubmitResult;
}

export class ScalePrompt extends Component<ScalePromptProps, ScalePromptState> {
  override state: ScalePromptState = { comment: '' };
  #id = uniqueId();
  /** The submission's id once the first choice is queued; later choices reuse it. */
  #queued?: Promise<string>;
  /** The follow-up being stored. */
  #ending?: Promise<SubmitResult>;
  #closeTimer?: ReturnType<typeof setTimeout>;

  #card = createRef<HTMLDivElement>();
  /** Where focus was before it came into the prompt (a keyboard user's place on the page). */
  #cameFrom: HTMLElement | null = null;

  /**
   * Taken off the page with a score still held (a route change): the follow-up has ended. With
   * focus inside (it closed itself after the thanks), focus goes back where it came from,
   * rather than to the top of the page.
   */
  override componentWillUnmount() {
    clearTimeout(this.#closeTimer);
    void this.#finish();
    const focused = focusedElement();
    const back = this.#cameFrom;
    if (back && focused && this.#card.current?.contains(focused)) queueMicrotask(() => back.isConnected && back.focus());
  }

  #onFocusIn = (event: FocusEvent) => {
    const from = event.relatedTarget as HTMLElement | null;
    if (from && !this.#card.current?.contains(from)) this.#cameFrom = from;
  };

  #choose = (score: number) => {
    const { client, kind, holdMs = HOLD_MS, onAnswer } = this.props;
    const queue = (id?: string) => client.submit({ id, kind, score }, { holdMs }).then((result) => result.id);
    if (this.#queued) {
      // A later choice waits for the first's id, so both are one item.
      this.#queued = this.#queued.then(queue);
    } else {
      onAnswer?.();
      this.#queued = queue();
    }
    this.setState({ score });
  };

  /**
   * Ends the follow-up: with the comment (Send), or without it (close). One already on its way is
   * not started twice (closing while Send is stored); one that failed leaves the score held, so
   * Send may try again.
   */
  #finish(comment?: string): Promise<SubmitResult> | undefined {
    const { client, onResult } = this.props;
    const queued = this.#queued;
    if (!queued) return undefined;
    this.#ending ??= queued
      .then((id) => client.followUp(id, comment))
      .then((result) => {
        this.#ending = undefined;
        if (result.status !== 'failed') this.#queued = undefined;
        onResult?.(result);
        return result;
      });
    return this.#ending;
  }

  #close = () => {
    void this.#finish();
    this.props.onClose?.(this.state.score !== undefined);
  };

  #onSend = async (event: Event) => {
    event.preventDefault();
    const result = await this.#finish(this.state.comment.trim() || undefined);
    if (!result) return;
    this.setState({ result });
    if (result.status !== 'failed' && result.status !== 'queued' && this.props.corner && this.props.onClose)
      this.#closeTimer = setTimeout(this.#close, THANKS_CLOSE_MS);
  };

  // Only keys pressed inside reach here: the page keeps its own.
  #onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && this.props.onClose) {
      event.stopPropagation();
      this.#close();
    }
  };

  #renderQuestion(strings: Strings) {
    const { kind, question } = this.props;
    const { score, comment, result } = this.state;
    return (
      <form class="form" noValidate onSubmit={this.#onSend}>
        <ScaleChoice
          kind={kind}
          id={this.#id}
          question={question ?? strings[kind]}
          low={strings[`${kind}Low`]}
          high={strings[`${kind}High`]}
          score={score}
          onChoose={this.#choose}
        />
        {score !== undefined && [
          <Field
            id={`${this.#id}-comment`}
            label={strings.comment}
            rows={2}
            maxLength={MAX_BODY_LENGTH}
            placeholder={strings.commentPlaceholder}
            value={comment}
            onInput={(value) => this.setState({ comment: value })}
          />,
          result?.status === 'failed' && <FailedBanner strings={strings} />,
          <div class="actions">
            <button type="submit" class="button button-primary">
              {strings.send}
            </button>
          </div>,
        ]}
      </form>
    );
  }

  override render({ corner, onClose }: ScalePromptProps, { result }: ScalePromptState) {
    const strings = { ...en, ...this.props.strings };
    const answered = result && result.status !== 'failed';
    return (
      <div class={`card prompt ${corner ? 'prompt-corner' : 'inline'}`} onKeyDown={this.#onKeyDown} onFocusIn={this.#onFocusIn} ref={this.#card}>
        {onClose && <CloseButton label={strings.close} onClick={this.#close} />}
        {answered ? (
          <StatusMessage words={describeResult(result)} strings={strings} title={strings.thanks} brief={result.status !== 'queued'} />
        ) : (
          this.#renderQuestion(strings)
        )}
      </div>
    );
  }
}

/** The NPS prompt: "How likely are you to recommend …?", 0–10. */
export const NpsPrompt = (props: Omit<ScalePromptProps, 'kind'>) => <ScalePrompt {...props} kind="nps" />;

/** The CSAT prompt: 1–5, same flow as NPS. */
export const CsatPrompt = (props: Omit<ScalePromptProps, 'kind'>) => <ScalePrompt {...props} kind="csat" />;

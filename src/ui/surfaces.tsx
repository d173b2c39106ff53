/**
 * What the widget draws with Preact besides its launcher: the feedback dialog, the form in place
 * and the NPS/CSAT prompt. `mountWidget` (widget.ts) keeps the state and calls `renderSurfaces`
 * with it on every change. An app gets this module with the rest of `earful`; the script tag
 * fetches it as `earful-ui.js` from beside `earful.js` once the page has loaded (embed/load-ui.ts),
 * so Preact's part of the widget is neither parsed nor run during the page's start-up.
 */
import { render } from 'preact';
import type { Client, SubmitResult } from '../client/client.js';
import type { SubmissionUser } from '../schema/submission.js';
import type { FieldMode } from './check-fields.js';
import { type Draft, FeedbackForm } from './feedback-form.js';
import type { ScaleKind } from './scale-choice.js';
import { ScalePrompt } from './scale-prompt.js';
import type { Strings } from './strings.js';
import surfacesCss from './styles/surfaces.css?inline';

/**
 * The cards' CSS (styles/surfaces.css): `mountWidget` adopts it after the launcher's the first
 * time it draws, so it comes with this module and a page that never draws parses none of it.
 */
export const surfacesStylesheet: string = surfacesCss;

/** A prompt being shown: its kind and what it asks. Each showing is a new object. */
export interface ShownPrompt {
  kind: ScaleKind;
  question?: string;
  holdMs?: number;
}

export interface SurfacesProps {
  client: Client;
  strings: Strings;
  fields?: { name?: FieldMode; email?: FieldMode };
  user?: SubmissionUser | null;
  /** What the user typed: survives closing the dialog. */
  draft: Draft;
  /** The feedback form in place, with no dialog. */
  inlineForm: boolean;
  dialogOpen: boolean;
  /** Where focus goes back when the dialog closes. */
  opener: HTMLElement | null;
  prompt?: ShownPrompt;
  /** The prompt floats in a corner of the viewport rather than where it is rendered. */
  promptInCorner: boolean;
  closeDialog(): void;
  /** A score was chosen (the first time) in the prompt shown. */
  onPromptAnswer(kind: ScaleKind): void;
  /** The prompt was closed: by the user, or by itself after its thank-you; `withScore` says whether a score was given. */
  closePrompt(withScore: boolean): void;
  onResult?(result: SubmitResult): void;
}

/** Draws (or, with `null`, removes) the dialog, form in place and prompt that `props` ask for into `container`. */
export function renderSurfaces(container: Element, props: SurfacesProps | null): void {
  if (!props) {
    render(null, container);
    return;
  }
  const { client, strings, prompt, inlineForm, dialogOpen } = props;
  const shared = { client, strings, fields: props.fields, user: props.user, draft: props.draft, onResult: props.onResult };
  render(
    <>
      {inlineForm && <FeedbackForm {...shared} />}
      {prompt && (
        <ScalePrompt
          // Each prompt shown is a new object: a new one starts afresh.
          key={prompt}
          client={client}
          kind={prompt.kind}
          question={prompt.question}
          holdMs={prompt.holdMs}
          strings={strings}
          corner={props.promptInCorner}
          onAnswer={() => props.onPromptAnswer(prompt.kind)}
          onClose={props.closePrompt}
          onResult={props.onResult}
        />
      )}
      {dialogOpen && <FeedbackForm {...shared} modal opener={props.opener} onClose={props.closeDialog} />}
    </>,
    container,
  );
}

/** This module, as `mountWidget` takes it. */
export interface Surfaces {
  renderSurfaces: typeof renderSurfaces;
  surfacesStylesheet: string;
}

/**
 * The rating scale of a prompt: a `role="radiogroup"` named by the question, of native radio
 * buttons (arrow keys move the choice), drawn as one segmented control of numbered cells for
 * NPS (0–10) or five faces for CSAT (1–5), with the words for both ends under it. The ends
 * describe the first and last radio.
 */
import { SCORE_RANGES } from '../schema/limits.js';
import { Face } from './icons.js';

export type ScaleKind = keyof typeof SCORE_RANGES;

export interface ScaleChoiceProps {
  kind: ScaleKind;
  /** The radio group's name and the prefix of its ids: unique in the page. */
  id: string;
  question: string;
  low: string;
  high: string;
  score?: number;
  onChoose(score: number): void;
}

/** The scores a kind offers, in order. */
export function scores(kind: ScaleKind): number[] {
  const { min, max } = SCORE_RANGES[kind];
  return Array.from({ length: max - min + 1 }, (_, index) => min + index);
}

export function ScaleChoice({ kind, id, question, low, high, score, onChoose }: ScaleChoiceProps) {
  const all = scores(kind);
  const lowId = `${id}-low`;
  const highId = `${id}-high`;
  const describedBy = (n: number) => (n === all[0] ? lowId : n === all.at(-1) ? highId : undefined);
  return (
    <fieldset class={`scale scale-${kind}${score === undefined ? '' : ' scale-chosen'}`} role="radiogroup">
      <legend class="scale-question">{question}</legend>
      <div class="scale-options">
        {all.map((n) => (
          <label class="scale-option" key={n}>
            <input
              type="radio"
              name={id}
              value={n}
              checked={score === n}
              aria-label={kind === 'csat' ? String(n) : undefined}
              aria-describedby={describedBy(n)}
              onChange={() => onChoose(n)}
            />
            <span class="scale-mark">{kind === 'nps' ? n : <Face score={n} />}</span>
          </label>
        ))}
      </div>
      <div class="scale-ends">
        <span id={lowId}>{low}</span>
        <span id={highId}>{high}</span>
      </div>
    </fieldset>
  );
}

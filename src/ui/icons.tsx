/**
 * The widget's icons: 24 × 24 outlines drawn in the text colour (stroke `currentColor`, set in
 * base.css), hidden from assistive technology: the words beside them say the same.
 */
import { ICONS, type IconName } from './icon-paths.js';

export function Icon({ name }: { name: IconName }) {
  return (
    <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={ICONS[name]} />
    </svg>
  );
}

/** The mouths of the five CSAT faces, from very dissatisfied (1) to very satisfied (5). */
const MOUTHS = ['M7.5 17.5q4.5-5 9 0', 'M8.5 16.5q3.5-2 7 0', 'M8.5 15.5h7', 'M8.5 14.5q3.5 2 7 0', 'M7.5 13.5q4.5 5 9 0z'];

/** A face for a CSAT score of 1 to 5: a circle, two eyes, and a mouth that turns up with the score. */
export function Face({ score }: { score: number }) {
  return (
    <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="9.5" />
      <path d={`M9 9v1.5M15 9v1.5${MOUTHS[score - 1]}`} />
    </svg>
  );
}

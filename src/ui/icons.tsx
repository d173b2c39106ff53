/**
 * The widget's icons: 24 × 24 outlines drawn in the text colour (stroke `currentColor`, set in
 * base.css), hidden from assistive technology: the words beside them say the same.
 */
export const ICONS = {
  /** A speech bubble: the launcher. */
  message: 'M20.5 11.5a8.5 8.5 0 0 1-12.3 7.6L3.5 20.5l1.4-4.4A8.5 8.5 0 1 1 20.5 11.5z',
  close: 'M6 6l12 12M18 6 6 18',
  check: 'M5 12.5l4.5 4.5L19 7.5',
  /** A circled exclamation mark: errors. */
  alert: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 7.5v5.5M12 16.5v.01',
  /** A clock: saved, to be sent later. */
  clock: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 7v5l3.5 2',
  /** A warning triangle: kept for this visit only. */
  warning: 'M12 3.5 21.5 20h-19zM12 10v4.5M12 17.5v.01',
} as const;

export type IconName = keyof typeof ICONS;

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

/**
 * The widget's icons as SVG paths on a 24 × 24 grid: outlines drawn in the text colour (stroke
 * `currentColor`, set in base.css), for `Icon` (icons.tsx). Plain data, apart from Preact, so
 * that outcome.ts can name them. (The launcher's speech bubble is CSS: launcher.ts.)
 */
export const ICONS = {
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

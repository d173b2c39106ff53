/**
 * What every translation file under `src/locales` holds: all the widget's words. The ui
 * branch's rewrite of `Strings` (issue 10) adds keys and drops two; until it is merged, this
 * branch's `Strings` does not have them, so the files are held to that new key set here. Once
 * merged, `Omit` finds nothing to drop and `Record` adds nothing new: this is `Strings` exactly.
 */
import type { Strings } from '../strings.js';

/** Keys in the ui branch's `Strings` (as of its commit adae50a) that this branch's lacks. */
export const ADDED_KEYS = [
  'messagePlaceholder',
  'namePlaceholder',
  'emailPlaceholder',
  'requiredMark',
  'cancel',
  'another',
  'invalidEmail',
  'sentDetail',
  'saved',
  'savedOffline',
  'savedUnreachable',
  'savedBusy',
  'savedMisconfigured',
  'savedLater',
  'visitOnly',
  'visitOnlyDetail',
  'refused',
  'refusedDetail',
  'commentPlaceholder',
] as const;

/** Keys of this branch's `Strings` that the ui branch's no longer has. */
export const DROPPED_KEYS = ['optional', 'queued'] as const;

export type Translation = Omit<Strings, (typeof DROPPED_KEYS)[number]> & Record<(typeof ADDED_KEYS)[number], string>;

/**
 * What every translation file under `src/locales` holds: all the widget's words, in its
 * language. The English words and what each key is for are in `../strings.ts`.
 */
import type { Strings } from '../strings.js';

export type Translation = Strings;

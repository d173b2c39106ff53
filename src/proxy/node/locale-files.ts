/** The built translation files (`dist/locales/*.json`) for the Node server, each read once. */
import type { LocaleFiles } from '../locale-route.js';
import { builtFiles } from './built-files.js';

/** Reads `name` from `folder`; a file that is missing is looked for again next time (a build may add it). */
export const localeFiles: (folder: URL) => LocaleFiles = builtFiles;

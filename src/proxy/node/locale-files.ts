/** The built translation files (`dist/locales/*.json`) for the Node server, each read once. */
import { readFile } from 'node:fs/promises';
import type { LocaleFiles } from '../locale-route.js';

/** Reads `name` from `folder`; a file that is missing is looked for again next time (a build may add it). */
export function localeFiles(folder: URL): LocaleFiles {
  const read = new Map<string, Promise<string>>();
  return async (name) => {
    if (!read.has(name)) read.set(name, readFile(new URL(name, folder), 'utf8'));
    try {
      return await read.get(name);
    } catch {
      read.delete(name);
      return undefined;
    }
  };
}

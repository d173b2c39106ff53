/** The built files the Node server hands out (`dist/earful*.js`, `dist/locales/*.json`), each read once. */
import { readFile } from 'node:fs/promises';

/** Reads `name` from `folder`; a file that is missing is looked for again next time (a build may add it). */
export function builtFiles(folder: URL): (name: string) => Promise<string | undefined> {
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

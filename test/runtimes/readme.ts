/**
 * The README's deployment forms, as written: each fenced block of its "Deploy it" section opens
 * with a comment naming its file (`// app/v1/feedback/route.ts`), and the runtime tests lay that
 * file into an app and run it, so the README cannot drift from what is tested.
 */
import { readFileSync } from 'node:fs';

const README = new URL('../../README.md', import.meta.url);

/** Every block of the section, by the file name its first line gives. */
export function deployForms(): Map<string, string> {
  const text = readFileSync(README, 'utf8');
  const start = text.indexOf('### Deploy it\n');
  if (start < 0) throw new Error('README.md has no "### Deploy it" section');
  const section = text.slice(start, text.indexOf('\n## ', start));
  const forms = new Map<string, string>();
  for (const [, code] of section.matchAll(/```ts\n([\s\S]*?)```/g)) {
    const name = /^\/\/ (\S+)/.exec(code!)?.[1];
    if (!name) throw new Error(`a block of "Deploy it" does not open with the comment naming its file:\n${code}`);
    forms.set(name, code!);
  }
  return forms;
}

/** One form, by its file name; throws when the README no longer has it. */
export function deployForm(name: string): string {
  const code = deployForms().get(name);
  if (code === undefined) throw new Error(`README.md's "Deploy it" has no block for ${name}`);
  return code;
}

import { appendFile, mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import type { LocalEntry, LocalSink } from '../local.js';

/** Reads at most this much of the file's end for `/inbox`, however long it grows. */
const TAIL_BYTES = 8 * 1024 * 1024;

async function lastByte(file: string): Promise<string | undefined> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const { size } = await handle.stat();
    if (size === 0) return undefined;
    const buffer = Buffer.alloc(1);
    await handle.read(buffer, 0, 1, size - 1);
    return buffer.toString('latin1');
  } finally {
    await handle.close();
  }
}

/** `local`'s capture as JSON lines in `<dir>/captured.jsonl`, one line per upstream request. */
export function fileSink(dir: string): LocalSink & { file: string } {
  const file = join(dir, 'captured.jsonl');
  let ready: Promise<unknown> | undefined;
  let checked = false;
  return {
    file,
    async append(entries) {
      if (!entries.length) return;
      await (ready ??= mkdir(dir, { recursive: true }));
      // A write cut short (a crash) leaves half a line: start on a fresh one, losing only that.
      // Only a crash of an earlier process can leave one; our own appends end with a newline.
      const last = checked ? '\n' : await lastByte(file);
      checked = true;
      const lead = last === undefined || last === '\n' ? '' : '\n';
      await appendFile(file, lead + entries.map((e) => JSON.stringify(e) + '\n').join(''));
    },
    async recent(limit) {
      let handle;
      try {
        handle = await open(file, 'r');
      } catch {
        return [];
      }
      try {
        const { size } = await handle.stat();
        const start = Math.max(0, size - TAIL_BYTES);
        const buffer = Buffer.alloc(size - start);
        await handle.read(buffer, 0, buffer.length, start);
        const lines = buffer.toString('utf8').split('\n');
        if (start > 0) lines.shift(); // a partial first line
        const entries: LocalEntry[] = [];
        for (const line of lines.slice(-limit - 1)) {
          try {
            if (line) entries.push(JSON.parse(line) as LocalEntry);
          } catch {
            // a line cut by a crash mid-write: skip it
          }
        }
        return entries.slice(-limit);
      } finally {
        await handle.close();
      }
    },
  };
}

/**
 * Amplitude's request limits, applied: at most 100 items and 5 MB of JSON a request.
 */
import { MAX_ITEMS_PER_REQUEST, MAX_REQUEST_BYTES } from '../schema/limits.js';
import type { AmplitudeItem } from './amplitude-map.js';
import { utf8Length } from './utf8-length.js';

/** One upstream request: its items and the exact JSON sent for them. */
export interface AmplitudeChunk {
  items: AmplitudeItem[];
  body: string;
}

/** UTF-8 never takes more than 3 bytes per UTF-16 code unit (a surrogate pair: 4 for 2). */
const MAX_UTF8_PER_UNIT = 3;

/**
 * Splits items into requests of at most `maxItems` items and `maxBytes` bytes of JSON; each
 * body is byte for byte `JSON.stringify({ source_id, items })`. The usual batch is serialized
 * once, whole; a batch that may not fit one request is serialized item by item, each JSON both
 * sizing its chunk and spliced into the body. An item too large on its own comes back in
 * `tooLarge`.
 */
export function chunkItems(
  items: readonly AmplitudeItem[],
  sourceId: string,
  maxItems = MAX_ITEMS_PER_REQUEST,
  maxBytes = MAX_REQUEST_BYTES,
): { chunks: AmplitudeChunk[]; tooLarge: AmplitudeItem[] } {
  if (!items.length) return { chunks: [], tooLarge: [] };
  // The usual batch: even at 3 bytes a character it fits one request, so no byte is counted.
  if (items.length <= maxItems) {
    const whole = JSON.stringify({ source_id: sourceId, items });
    if (whole.length * MAX_UTF8_PER_UNIT <= maxBytes) return { chunks: [{ items: [...items], body: whole }], tooLarge: [] };
  }
  const head = `{"source_id":${JSON.stringify(sourceId)},"items":[`;
  const body = (parts: string[]) => `${head}${parts.join(',')}]}`;
  const jsons = items.map((item) => JSON.stringify(item));
  const overhead = utf8Length(head) + 2; // and `]}`
  const chunks: AmplitudeChunk[] = [];
  const tooLarge: AmplitudeItem[] = [];
  let current: AmplitudeItem[] = [];
  let parts: string[] = [];
  let bytes = overhead;
  items.forEach((item, i) => {
    const size = utf8Length(jsons[i]!);
    if (overhead + size > maxBytes) {
      tooLarge.push(item);
      return;
    }
    if (current.length === maxItems || bytes + (current.length ? 1 : 0) + size > maxBytes) {
      chunks.push({ items: current, body: body(parts) });
      current = [];
      parts = [];
      bytes = overhead;
    }
    bytes += (current.length ? 1 : 0) + size;
    current.push(item);
    parts.push(jsons[i]!);
  });
  if (current.length) chunks.push({ items: current, body: body(parts) });
  return { chunks, tooLarge };
}

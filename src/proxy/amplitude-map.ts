/**
 * Submission → Amplitude AI Feedback item (MAPPING.md, "Amplitude"). Pure: no I/O.
 */
import { MAX_BODY_LENGTH, MAX_PARTS } from '../schema/limits.js';
import type { Submission } from '../schema/submission.js';

export interface AmplitudePart {
  unique_id: string;
  body: string;
  author?: string;
  email?: string;
  user_id?: string;
  url?: string;
  created_at?: string;
}

export interface AmplitudeItem extends Partial<Omit<AmplitudePart, 'unique_id'>> {
  unique_id: string;
  conversation_parts?: AmplitudePart[];
}

/** Formats the text Amplitude analyses; return `undefined` for no body. */
export type FormatBody = (item: Submission) => string | undefined;

const SCALE = { nps: ['NPS', 10], csat: ['CSAT', 5] } as const;

/** `feedback` → its body; `nps` → `NPS 9/10` or `NPS 9/10: <comment>`; `csat` likewise out of 5. */
export const defaultFormatBody: FormatBody = (item) => {
  if (item.kind === 'feedback') return item.body;
  const [label, max] = SCALE[item.kind];
  const prefix = `${label} ${item.score}/${max}`;
  return item.body?.trim() ? `${prefix}: ${item.body}` : prefix;
};

/** Thrown by `toAmplitudeItem` for an item Amplitude could never take as it is. */
export class AmplitudeMappingError extends Error {
  override name = 'AmplitudeMappingError' as const;
}

/** `o` without its undefined fields (a plain loop: this runs for every item and part). */
function defined<T extends object>(o: T): T {
  const out = {} as T;
  for (const key in o) if (o[key] !== undefined) out[key] = o[key];
  return out;
}

/**
 * Maps one Submission. When a formatted body would pass Amplitude's 20,000 characters (an NPS
 * prefix on a maximal comment), the prefix stays the body and the comment becomes a
 * conversation part `<id>:comment`, so no text is cut.
 */
export function toAmplitudeItem(item: Submission, formatBody: FormatBody = defaultFormatBody): AmplitudeItem {
  const parts: AmplitudePart[] = (item.parts ?? []).map((p) =>
    defined({
      unique_id: p.id,
      body: p.body,
      author: p.author,
      email: p.email,
      user_id: p.userId,
      url: p.url,
      created_at: p.createdAt,
    }),
  );
  let body = formatBody(item);
  if (body !== undefined && body.length > MAX_BODY_LENGTH) {
    if (item.kind === 'feedback' || !item.body)
      throw new AmplitudeMappingError(`body: too long for Amplitude once formatted (max ${MAX_BODY_LENGTH} characters)`);
    body = formatBody({ ...item, body: undefined });
    parts.unshift(
      defined({
        unique_id: `${item.id}:comment`,
        body: item.body,
        author: item.user?.name,
        email: item.user?.email,
        user_id: item.user?.id,
        url: item.url,
        created_at: item.createdAt,
      }),
    );
  }
  if (parts.length > MAX_PARTS)
    throw new AmplitudeMappingError(`parts: too many for Amplitude with the comment as a part (max ${MAX_PARTS})`);
  // Written out, not `defined({...})`: this runs for every item.
  const out: AmplitudeItem = { unique_id: item.id };
  if (body) out.body = body;
  const user = item.user;
  if (user?.name !== undefined) out.author = user.name;
  if (user?.email !== undefined) out.email = user.email;
  if (user?.id !== undefined) out.user_id = user.id;
  if (item.url !== undefined) out.url = item.url;
  if (item.createdAt !== undefined) out.created_at = item.createdAt;
  if (parts.length) out.conversation_parts = parts;
  return out;
}

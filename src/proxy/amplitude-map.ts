/**
 * Submission → Amplitude AI Feedback item (README, "What it decides per item"). Pure: no I/O.
 */
import { MAX_BODY_LENGTH, MAX_ID_LENGTH, MAX_PARTS, SCORE_RANGES } from '../schema/limits.js';
import { digestHex } from './derived-id.js';
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

const SCALE_LABELS = { nps: 'NPS', csat: 'CSAT' } as const;

/** `feedback` → its body; `nps` → `NPS 9/10` or `NPS 9/10: <comment>`; `csat` likewise out of 5. */
export const defaultFormatBody: FormatBody = (item) => {
  if (item.kind === 'feedback') return item.body;
  const prefix = `${SCALE_LABELS[item.kind]} ${item.score}/${SCORE_RANGES[item.kind].max}`;
  return item.body?.trim() ? `${prefix}: ${item.body}` : prefix;
};

/** Thrown by `toAmplitudeItem` for an item Amplitude could never take as it is. */
export class AmplitudeMappingError extends Error {
  override name = 'AmplitudeMappingError' as const;
}

/** The fields of a message besides its id and body, in the order Amplitude's examples give them. */
const OPTIONAL_FIELDS = ['author', 'email', 'user_id', 'url', 'created_at'] as const;

/** An item's or a part's fields as Amplitude takes them: only those with a value (an empty body has none). */
function message(fields: AmplitudeItem): AmplitudeItem {
  const out: AmplitudeItem = { unique_id: fields.unique_id };
  if (fields.body) out.body = fields.body;
  for (const name of OPTIONAL_FIELDS) if (fields[name] !== undefined) out[name] = fields[name];
  return out;
}

/** The comment part's id: `<id>:comment`, which `commentPartId` shortens when it would not fit. */
const COMMENT_SUFFIX = ':comment';

/**
 * The id of the part a comment moves to: `<id>:comment`, or for an id too long to take the
 * suffix within Amplitude's 1,024 characters, `comment:<SHA-256 of the id>`.
 */
export async function commentPartId(id: string): Promise<string> {
  return id.length + COMMENT_SUFFIX.length <= MAX_ID_LENGTH ? id + COMMENT_SUFFIX : `comment:${await digestHex(id)}`;
}

/**
 * Maps one Submission. When a formatted body would pass Amplitude's 20,000 characters (an NPS
 * prefix on a maximal comment), the prefix stays the body and the comment becomes a
 * conversation part (`<id>:comment`, see `commentPartId` for a long id), so no text is cut.
 */
export function toAmplitudeItem(
  item: Submission,
  formatBody: FormatBody = defaultFormatBody,
  commentId = item.id + COMMENT_SUFFIX,
): AmplitudeItem {
  // A part's body is never empty (the schema), so `message` keeps it: an AmplitudePart.
  const parts = (item.parts ?? []).map(
    (p) =>
      message({ unique_id: p.id, body: p.body, author: p.author, email: p.email, user_id: p.userId, url: p.url, created_at: p.createdAt }) as AmplitudePart,
  );
  // Who wrote it, where and when: the item's, and its comment's when that moves to a part.
  const about = { author: item.user?.name, email: item.user?.email, user_id: item.user?.id, url: item.url, created_at: item.createdAt };
  let body = formatBody(item);
  if (body !== undefined && body.length > MAX_BODY_LENGTH) {
    if (item.kind === 'feedback' || !item.body)
      throw new AmplitudeMappingError(`body: too long for Amplitude once formatted (max ${MAX_BODY_LENGTH} characters)`);
    body = formatBody({ ...item, body: undefined });
    parts.unshift(message({ unique_id: commentId, body: item.body, ...about }) as AmplitudePart);
  }
  if (parts.length > MAX_PARTS)
    throw new AmplitudeMappingError(`parts: too many for Amplitude with the comment as a part (max ${MAX_PARTS})`);
  const out = message({ unique_id: item.id, body, ...about });
  if (parts.length) out.conversation_parts = parts;
  return out;
}

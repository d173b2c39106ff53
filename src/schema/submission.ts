/**
 * The wire format as zod schemas: the proxy's validator and the source of the TypeScript
 * types. Browser code imports only the types (and `check-submission.ts`), never zod.
 */
import { z } from 'zod';
import { isHttpUrl } from './http-url.js';
import { toIsoUtc } from './datetime.js';
import * as L from './limits.js';
import { isWellFormed } from './well-formed.js';
import { msg } from './messages.js';

const text = (max: number, opts: { nonEmpty?: boolean } = {}) => {
  const s = z.string({ error: (iss) => (iss.input === undefined ? msg.required : msg.string) });
  return (opts.nonEmpty ? s.min(1, msg.empty) : s).max(max, msg.tooLong(max)).refine(isWellFormed, msg.wellFormed);
};

const url = text(L.MAX_URL_LENGTH).refine(isHttpUrl, msg.url);
const email = text(L.MAX_EMAIL_LENGTH).regex(L.EMAIL_PATTERN, msg.email);
/** Checked and normalised at once: what comes out is the one form the destinations get. */
const datetime = text(64).transform((value, ctx) => {
  const iso = toIsoUtc(value);
  if (iso === undefined) ctx.addIssue({ code: 'custom', message: msg.datetime });
  return iso ?? value;
});

const metadataValue = z
  .union([z.string(), z.number(), z.boolean()], { error: msg.metadataValue })
  .refine(
    (v) => typeof v !== 'string' || v.length <= L.MAX_METADATA_VALUE_LENGTH,
    msg.tooLong(L.MAX_METADATA_VALUE_LENGTH),
  )
  .refine((v) => typeof v !== 'string' || isWellFormed(v), msg.wellFormed);

const metadata = z
  .record(z.string(), metadataValue, { error: msg.object })
  .superRefine((m, ctx) => {
    if (typeof m !== 'object' || m === null) return;
    const keys = Object.keys(m);
    if (keys.length > L.MAX_METADATA_KEYS) ctx.addIssue({ code: 'custom', message: msg.tooManyKeys(L.MAX_METADATA_KEYS) });
    for (const key of keys)
      if (key.length > L.MAX_METADATA_KEY_LENGTH)
        ctx.addIssue({ code: 'custom', path: [key], message: msg.keyLength(L.MAX_METADATA_KEY_LENGTH) });
    for (const key of keys) if (!isWellFormed(key)) ctx.addIssue({ code: 'custom', path: [key], message: msg.wellFormed });
  });

export const PartSchema = z.object(
  {
    id: text(L.MAX_ID_LENGTH, { nonEmpty: true }),
    body: text(L.MAX_BODY_LENGTH, { nonEmpty: true }),
    author: text(L.MAX_NAME_LENGTH).optional(),
    email: email.optional(),
    userId: text(L.MAX_ID_LENGTH).optional(),
    url: url.optional(),
    createdAt: datetime.optional(),
  },
  { error: msg.object },
);

export const UserSchema = z.object(
  {
    id: text(L.MAX_ID_LENGTH).optional(),
    email: email.optional(),
    name: text(L.MAX_NAME_LENGTH).optional(),
    hash: text(256).optional(),
  },
  { error: msg.object },
);

export const SubmissionSchema = z
  .object(
    {
      id: text(L.MAX_ID_LENGTH, { nonEmpty: true }),
      kind: z.enum(L.KINDS, { error: (iss) => (iss.input === undefined ? msg.required : msg.kind) }),
      body: text(L.MAX_BODY_LENGTH).optional(),
      score: z.number({ error: msg.integer }).int(msg.integer).optional(),
      user: UserSchema.optional(),
      url: url.optional(),
      createdAt: datetime.optional(),
      metadata: metadata.optional(),
      parts: z
        .array(PartSchema, { error: msg.array })
        .max(L.MAX_PARTS, msg.tooManyParts(L.MAX_PARTS))
        .optional(),
    },
    { error: msg.object },
  )
  .superRefine((s, ctx) => {
    // zod runs this even when a field failed, so trust no field's type here.
    if (!L.KINDS.includes(s.kind)) return;
    if (s.kind === 'feedback') {
      if (s.score !== undefined) ctx.addIssue({ code: 'custom', path: ['score'], message: msg.scoreForbidden });
      else if (!(typeof s.body === 'string' && s.body.trim()) && !(Array.isArray(s.parts) && s.parts.length))
        ctx.addIssue({ code: 'custom', path: ['body'], message: msg.bodyRequired });
      return;
    }
    const { min, max } = L.SCORE_RANGES[s.kind];
    if (s.score === undefined) ctx.addIssue({ code: 'custom', path: ['score'], message: msg.scoreRequired(s.kind) });
    else if (typeof s.score === 'number' && (s.score < min || s.score > max))
      ctx.addIssue({ code: 'custom', path: ['score'], message: msg.scoreRange(s.kind, min, max) });
  });

/** The request body: `{ items: [Submission, …] }` with 1..100 items, each checked on its own. */
export const EnvelopeSchema = z.object(
  {
    items: z
      .array(z.unknown(), { error: (iss) => (iss.input === undefined ? msg.required : msg.array) })
      .min(1, 'must hold at least one item')
      .max(L.MAX_ITEMS_PER_REQUEST, `too many items (max ${L.MAX_ITEMS_PER_REQUEST} per request)`),
  },
  { error: 'the body must be a JSON object' },
);

export type Submission = z.infer<typeof SubmissionSchema>;
export type SubmissionPart = z.infer<typeof PartSchema>;
export type SubmissionUser = z.infer<typeof UserSchema>;
export type SubmissionKind = Submission['kind'];

/**
 * One per-item answer of the proxy (README, "Routes and answers"). A rejection the wire
 * format found also says where, `path` (`user.email`), beside `error`
 * (`"user.email: invalid email"`). `accepted`: durably queued by the proxy (`EARFUL_QUEUE`),
 * which now owns its delivery; the client lets it go as for `delivered`.
 */
export type ItemResult =
  | { id: string; status: 'delivered' }
  | { id: string; status: 'accepted' }
  | { id: string; status: 'rejected'; error: string; path?: string }
  | { id: string; status: 'retry'; error?: string };

/** `200` body of `POST /v1/feedback`. */
export interface FeedbackResponse {
  results: ItemResult[];
}

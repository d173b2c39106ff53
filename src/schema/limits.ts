/**
 * The wire format's limits, shared by the proxy's zod schema and the browser's
 * hand-written check so both agree by construction. Lengths are in UTF-16 characters, as
 * JavaScript's `length` and the upstream documents count them.
 */
export const MAX_ITEMS_PER_REQUEST = 100;
export const MAX_REQUEST_BYTES = 5_000_000;
export const MAX_ID_LENGTH = 1024;
export const MAX_BODY_LENGTH = 20_000;
export const MAX_NAME_LENGTH = 512;
export const MAX_EMAIL_LENGTH = 512;
export const MAX_URL_LENGTH = 2048;
export const MAX_METADATA_KEYS = 20;
export const MAX_METADATA_KEY_LENGTH = 128;
export const MAX_METADATA_VALUE_LENGTH = 1024;
export const MAX_PARTS = 100;
export const NPS_MIN = 0;
export const NPS_MAX = 10;
export const CSAT_MIN = 1;
export const CSAT_MAX = 5;

export const KINDS = ['feedback', 'nps', 'csat'] as const;

/**
 * The scores each scale takes, both ends included: one range for the proxy's schema, the
 * browser's check, the prompt's cells and the text Amplitude analyses (`NPS 9/10`). Every kind
 * but `feedback` is a scale and must have one.
 */
export const SCORE_RANGES = {
  nps: { min: NPS_MIN, max: NPS_MAX },
  csat: { min: CSAT_MIN, max: CSAT_MAX },
} as const satisfies Record<Exclude<(typeof KINDS)[number], 'feedback'>, { min: number; max: number }>;

/**
 * One email rule for both sides, and for Amplitude, whose rule it is (zod's default): no
 * spaces, no leading or trailing dot and no two dots before the `@`, a dotted domain of
 * letters, digits and hyphens ending in a top-level domain of two or more letters.
 */
export const EMAIL_PATTERN =
  /^(?!\.)(?!.*\.\.)[A-Za-z0-9_'+\-.]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

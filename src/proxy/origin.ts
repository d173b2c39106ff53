/**
 * Which browser origins may post feedback: an exact-match allowlist, `'*'` for any, or (no
 * list) the proxy's own origin. A request with no `Origin` header is not a browser's
 * cross-origin call (curl, a server, a same-origin GET) and is let through without CORS headers.
 */
import { setNewest } from './bounded-map.js';
import { ConfigError } from './errors.js';
import type { Logger } from './log.js';

export type AllowedOrigins = readonly string[] | '*';

export function isOriginAllowed(origin: string | null, allowed: AllowedOrigins | undefined, requestUrl: () => string): boolean {
  if (origin === null) return true;
  if (allowed === '*') return true;
  if (allowed === undefined) return origin === new URL(requestUrl()).origin;
  return allowed.includes(origin);
}

/** CORS headers for an allowed origin, on every answer to it (errors included). */
export function corsHeaders(origin: string | null): Record<string, string> {
  if (origin === null) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-expose-headers': 'Retry-After',
    vary: 'Origin',
  };
}

/**
 * The answer to every preflight, whether or not the origin is allowed: a refused origin's
 * browser must send its POST to read the refusal (`refusalHeaders`). No credentials header,
 * so no cookie ever rides along.
 */
export function preflightHeaders(origin: string | null): Record<string, string> {
  return {
    ...corsHeaders(origin),
    'access-control-allow-methods': 'POST',
    'access-control-allow-headers': 'Content-Type',
    'access-control-max-age': '7200',
  };
}

/** The refusal of an origin not allowed, readable by its page so the widget can say why. */
export const ORIGIN_REFUSAL = { error: 'origin not allowed', code: 'origin_not_allowed' } as const;

/** Headers of the refusal: the page may read it, and nothing more. */
export const refusalHeaders = (origin: string): Record<string, string> => ({
  'access-control-allow-origin': origin,
  vary: 'Origin',
});

/** A refused origin is logged again after this long, so a misconfiguration stays visible without flooding. */
const REFUSAL_LOG_INTERVAL_MS = 10 * 60_000;
/** Origins remembered for that; past it the oldest is forgotten (and may be logged again). */
const MAX_REMEMBERED_REFUSALS = 1000;

/** Logs a refused origin, with the setting that would allow it, at most once per interval. */
export function createRefusalLog(log: Logger, now: () => number): (origin: string) => void {
  const lastLogged = new Map<string, number>();
  return (origin) => {
    const at = now();
    const last = lastLogged.get(origin);
    if (last !== undefined && at - last < REFUSAL_LOG_INTERVAL_MS) return;
    setNewest(lastLogged, origin, at, MAX_REMEMBERED_REFUSALS);
    log.warn(
      `refused a request from origin ${origin}: add it to EARFUL_ALLOWED_ORIGINS (allowedOrigins) if it should post feedback`,
    );
  };
}

/** Parses `EARFUL_ALLOWED_ORIGINS`: comma-separated origins, or `*`. */
export function parseAllowedOrigins(value: string): AllowedOrigins {
  const list = value.split(',').map((s) => s.trim()).filter(Boolean);
  return list.includes('*') ? '*' : checkAllowedOrigins(list, 'EARFUL_ALLOWED_ORIGINS');
}

/** A scheme, `://`, a host (and port), nothing after it but slashes. */
const ORIGIN = /^([a-z][a-z\d+.-]*):\/\/([^/?#@\s]+)\/*$/i;

/**
 * The allowlist as browsers write an `Origin` header (scheme and host in lower case, no
 * default port), refusing at start-up an entry that could never match one: without its
 * scheme (`app.example.com`), or with a path. `setting` names where the list came from.
 */
export function checkAllowedOrigins(list: readonly string[], setting: string): string[] {
  return list.map((entry) => {
    const match = ORIGIN.exec(entry);
    if (!match) throw new ConfigError(`${setting}: "${entry}" is not an origin: ${howToWrite(entry)}`);
    const origin = `${match[1]}://${match[2]}`.toLowerCase();
    // http(s) as URL writes it, which drops a default port (:443) as browsers do.
    return /^https?$/i.test(match[1]!) && URL.canParse(origin) ? new URL(origin).origin : origin;
  });
}

/** What to write instead of an entry that is not an origin. */
function howToWrite(entry: string): string {
  const withScheme = /^[a-z][a-z\d+.-]*:\/\/[^/?#]*/i.exec(entry);
  if (withScheme) return `an origin has no path, e.g. ${withScheme[0]}`;
  const scheme = /^(localhost|127\.0\.0\.1|\[::1\])(:|\/|$)/.test(entry) ? 'http' : 'https';
  return `write it with its scheme, e.g. ${scheme}://${entry.replace(/\/+$/, '')}`;
}

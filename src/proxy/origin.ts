/**
 * Which browser origins may post feedback: an exact-match allowlist, `'*'` for any, or (no
 * list) the proxy's own origin. A request with no `Origin` header is not a browser's
 * cross-origin call (curl, a server, a same-origin GET) and is let through without CORS headers.
 */
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

/** The answer to an allowed preflight. */
export function preflightHeaders(origin: string | null): Record<string, string> {
  return {
    ...corsHeaders(origin),
    'access-control-allow-methods': 'POST, OPTIONS',
    'access-control-allow-headers': 'Content-Type',
    'access-control-max-age': '7200',
  };
}

/** Parses `EARFUL_ALLOWED_ORIGINS`: comma-separated origins, or `*`. */
export function parseAllowedOrigins(value: string): AllowedOrigins {
  const list = value.split(',').map((s) => s.trim().replace(/\/+$/, '')).filter(Boolean);
  return list.includes('*') ? '*' : list;
}

/**
 * Local mode's defences: what it captured is readable at `/inbox`, so it answers only the
 * Host names it listens on, `localhost` and IP addresses. A page on another name that its DNS
 * rebinds to this machine (the one way a browser could read the inbox from elsewhere) names
 * its own host and is refused; an IP address cannot be rebound. `/inbox` runs no script and
 * may not be framed.
 */
import { HttpError } from './errors.js';

/** Whether a request's host name (as `URL.hostname` gives it) is one local mode answers. */
export function isLocalModeHost(hostname: string, own: readonly string[]): boolean {
  const ipv4 = /^\d{1,3}(?:\.\d{1,3}){3}$/.test(hostname);
  const ipv6 = hostname.startsWith('[') && hostname.endsWith(']');
  return ipv4 || ipv6 || hostname === 'localhost' || own.includes(hostname.toLowerCase());
}

/** The answer to a request for a host local mode does not answer. */
export const notThisHost = () => new HttpError(403, 'local mode answers only localhost, IP addresses and the host it listens on');

/** Headers of `/inbox`: captured text shown inert (its only style is inline), in no frame. */
export const INBOX_HEADERS = {
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

/** Whether the server is reachable from this machine only. */
const isLoopback = (hostname: string) => hostname === 'localhost' || hostname === '::1' || /^127\./.test(hostname);

/** What to say when local mode listens beyond this machine, where others could read its inbox. */
export function localModeWarning(hostname: string, port: number): string | undefined {
  if (isLoopback(hostname)) return undefined;
  return (
    `local mode listens on ${hostname}: anyone who can reach port ${port} can read what was captured at /inbox; ` +
    'set HOST=127.0.0.1 unless that is meant'
  );
}

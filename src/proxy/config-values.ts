/**
 * Checks of configuration values that can never work, made at start-up. Each error names the
 * setting and says what to write, never the value: a key pasted into the wrong variable must
 * not end up in a terminal or a log (origins and ports are the exception; they are not secret).
 */
import { ConfigError } from './errors.js';
import { parsesAsHttpUrl } from '../schema/http-url.js';

/** A base URL, without trailing slashes; `name` is the variable or option it came from. */
export function checkBaseUrl(value: string, name: string): string {
  if (!parsesAsHttpUrl(value)) throw new ConfigError(`${name} must be an http or https URL`);
  return value.replace(/\/+$/, '');
}

/** A port to listen on: a whole number from 0 (any free port) to 65535. */
export function checkPort(value: string | number, name: string): number {
  const number = typeof value === 'number' ? value : /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(number) || number < 0 || number > 65535)
    throw new ConfigError(`${name} must be a whole number from 0 to 65535`);
  return number;
}

/** A Redis URL (`redis://` or `rediss://`); the value may hold a password, so it is never shown. */
export function checkRedisUrl(value: string, name: string): string {
  let protocol = '';
  try {
    protocol = new URL(value).protocol;
  } catch {}
  if (protocol !== 'redis:' && protocol !== 'rediss:')
    throw new ConfigError(`${name} must be a redis:// or rediss:// URL (redis://[:password@]host:port[/db])`);
  return value;
}

/** A Redis URL without its user and password, for log lines: `redis://host:port/db`. */
export function describeRedis(url: string): string {
  const { protocol, host, pathname } = new URL(url);
  return `${protocol}//${host}${pathname === '/' ? '' : pathname}`;
}

/** The password in a Redis URL, as written and decoded, for the log's scrubber (a URL without one hides nothing). */
export function redisSecrets(url: string): string[] {
  const { password } = new URL(url);
  return password ? [password, decodeURIComponent(password)] : [];
}

/**
 * The proxy's configuration from environment variables (README, "Configuration"), for the
 * `earful-proxy` bin and for platforms that hand their handler an env object (Cloudflare Workers).
 */
import { amplitude } from './amplitude.js';
import { buildbetter } from './buildbetter.js';
import type { ProxyConfig, QueueOptions } from './create-proxy.js';
import type { Destination } from './destination.js';
import { checkRedisUrl, redisSecrets } from './config-values.js';
import { ConfigError } from './errors.js';
import { type LocalSink, local } from './local.js';
import { parseAllowedOrigins } from './origin.js';

export type Env = Readonly<Record<string, string | undefined>>;

export interface EnvDefaults {
  /** Where `local` keeps what it captured. @default memory */
  localSink?: LocalSink;
}

const DESTINATIONS = ['amplitude', 'buildbetter', 'local'] as const;

function need(env: Env, names: string[], what: string): void {
  const missing = names.filter((n) => !env[n]);
  if (missing.length) throw new ConfigError(`${what} needs ${missing.join(', ')} (set in the environment)`);
}

function wholeNumber(env: Env, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number`);
  return Number(raw);
}

/**
 * Reads `EARFUL_*`, `AMPLITUDE_*` and `BUILDBETTER_*`; throws `ConfigError` naming what is missing.
 * `variables` is any object of them: `process.env`, `Deno.env.toObject()`, or a Worker's `env`
 * (an interface, which TypeScript will not take as an `Env`).
 */
export function configFromEnv(variables: Env | object, defaults: EnvDefaults = {}): ProxyConfig {
  const env = variables as Env;
  const names = (env.EARFUL_DESTINATION || 'local').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  for (const n of names)
    if (!(DESTINATIONS as readonly string[]).includes(n))
      throw new ConfigError('EARFUL_DESTINATION: unknown destination (use amplitude, buildbetter, amplitude,buildbetter or local)');
  if (names.includes('local') && names.length > 1)
    throw new ConfigError('EARFUL_DESTINATION: local cannot be combined with a real destination');
  const region = (env.AMPLITUDE_REGION || 'us').toLowerCase();
  if (region !== 'us' && region !== 'eu') throw new ConfigError('AMPLITUDE_REGION must be us or eu');

  const destinations: Destination[] = [...new Set(names)].map((n) => {
    if (n === 'amplitude') {
      need(env, ['AMPLITUDE_API_KEY', 'AMPLITUDE_SECRET_KEY', 'AMPLITUDE_SOURCE_ID'], 'EARFUL_DESTINATION=amplitude');
      return amplitude({
        apiKey: env.AMPLITUDE_API_KEY!,
        secretKey: env.AMPLITUDE_SECRET_KEY!,
        sourceId: env.AMPLITUDE_SOURCE_ID!,
        region,
        baseUrl: env.AMPLITUDE_BASE_URL || undefined,
      });
    }
    if (n === 'buildbetter') {
      if (!env.BUILDBETTER_SOURCE_ID && env.BUILDBETTER_SOURCE_NAME)
        throw new ConfigError(
          'BUILDBETTER_SOURCE_NAME is set but BUILDBETTER_SOURCE_ID is not, and the proxy never creates one on start-up: ' +
            'run `earful-proxy buildbetter create-source` once (it reads the name from BUILDBETTER_SOURCE_NAME) ' +
            'and set BUILDBETTER_SOURCE_ID to the id it prints',
        );
      need(env, ['BUILDBETTER_API_KEY', 'BUILDBETTER_SOURCE_ID'], 'EARFUL_DESTINATION=buildbetter');
      return buildbetter({
        apiKey: env.BUILDBETTER_API_KEY!,
        sourceId: env.BUILDBETTER_SOURCE_ID!,
        baseUrl: env.BUILDBETTER_BASE_URL || undefined,
      });
    }
    return local({
      sink: defaults.localSink,
      amplitudeSourceId: env.AMPLITUDE_SOURCE_ID || undefined,
      amplitudeRegion: region,
      buildbetterSourceId: env.BUILDBETTER_SOURCE_ID || undefined,
    });
  });

  // Unset: the proxy's own origin (the Node server lists its 127.0.0.1 and localhost origins).
  const allowedOrigins = env.EARFUL_ALLOWED_ORIGINS ? parseAllowedOrigins(env.EARFUL_ALLOWED_ORIGINS) : undefined;
  const perMinute = wholeNumber(env, 'EARFUL_RATE_LIMIT');
  const redisUrl = env.EARFUL_REDIS_URL ? checkRedisUrl(env.EARFUL_REDIS_URL, 'EARFUL_REDIS_URL') : undefined;
  return {
    destinations,
    allowedOrigins,
    identitySecret: env.EARFUL_IDENTITY_SECRET || undefined,
    rateLimit: perMinute === 0 ? false : perMinute ? { requestsPerMinute: perMinute, burst: Math.max(1, Math.ceil(perMinute / 2)) } : undefined,
    trustProxy: wholeNumber(env, 'EARFUL_TRUST_PROXY'),
    redisUrl,
    queue: queueOf(env, names, redisUrl),
    secrets: [
      env.AMPLITUDE_API_KEY,
      env.AMPLITUDE_SECRET_KEY,
      env.BUILDBETTER_API_KEY,
      env.EARFUL_IDENTITY_SECRET,
      ...(redisUrl ? redisSecrets(redisUrl) : []),
    ],
  };
}

/** `EARFUL_QUEUE` and `EARFUL_QUEUE_MAX_ITEMS`, checked against what they need. */
function queueOf(env: Env, destinations: readonly string[], redisUrl: string | undefined): QueueOptions | undefined {
  const queue = env.EARFUL_QUEUE?.trim().toLowerCase();
  if (!queue) return undefined;
  if (queue !== 'buildbetter') throw new ConfigError('EARFUL_QUEUE: the one queue is buildbetter (EARFUL_QUEUE=buildbetter)');
  if (!destinations.includes('buildbetter')) throw new ConfigError('EARFUL_QUEUE=buildbetter needs buildbetter in EARFUL_DESTINATION');
  if (!redisUrl) throw new ConfigError('EARFUL_QUEUE=buildbetter needs EARFUL_REDIS_URL: the queue is kept in Redis');
  const maxItems = wholeNumber(env, 'EARFUL_QUEUE_MAX_ITEMS');
  if (maxItems === 0) throw new ConfigError('EARFUL_QUEUE_MAX_ITEMS must be at least 1');
  return maxItems === undefined ? { destination: 'buildbetter' } : { destination: 'buildbetter', maxItems };
}

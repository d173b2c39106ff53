// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createProxy } from '../../src/proxy/create-proxy.js';
import { configFromEnv } from '../../src/proxy/env.js';
import { ConfigError } from '../../src/proxy/errors.js';
import { local } from '../../src/proxy/local.js';
import { serve } from '../../src/proxy/node/index.js';
import { freePort } from '../redis/redis-server.js';
import { captureLogs } from './helpers.js';

/** The message of the ConfigError `run` throws. */
function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('no ConfigError thrown');
}

const amp = { AMPLITUDE_API_KEY: 'k', AMPLITUDE_SECRET_KEY: 's', AMPLITUDE_SOURCE_ID: 'src' };
const bb = { BUILDBETTER_API_KEY: 'b', BUILDBETTER_SOURCE_ID: '123' };

describe('configFromEnv', () => {
  it('runs on the local default with nothing set', () => {
    const config = configFromEnv({});
    expect(config.destinations.map((d) => d.name)).toEqual(['local']);
    expect(config.allowedOrigins).toBeUndefined();
    expect(config.identitySecret).toBeUndefined();
  });

  it('builds one destination per name and fans out to both', () => {
    expect(configFromEnv({ EARFUL_DESTINATION: 'amplitude', ...amp }).destinations.map((d) => d.name)).toEqual([
      'amplitude',
    ]);
    expect(configFromEnv({ EARFUL_DESTINATION: 'buildbetter', ...bb }).destinations.map((d) => d.name)).toEqual([
      'buildbetter',
    ]);
    const both = configFromEnv({ EARFUL_DESTINATION: 'amplitude, buildbetter', ...amp, ...bb });
    expect(both.destinations.map((d) => d.name)).toEqual(['amplitude', 'buildbetter']);
  });

  it('names every missing variable, and never a value', () => {
    expect(() => configFromEnv({ EARFUL_DESTINATION: 'amplitude', AMPLITUDE_SECRET_KEY: 'hush-hush' })).toThrow(
      /AMPLITUDE_API_KEY, AMPLITUDE_SOURCE_ID/,
    );
    try {
      configFromEnv({ EARFUL_DESTINATION: 'amplitude', AMPLITUDE_SECRET_KEY: 'hush-hush' });
    } catch (err) {
      expect(String(err)).not.toContain('hush-hush');
    }
    expect(() => configFromEnv({ EARFUL_DESTINATION: 'buildbetter', BUILDBETTER_API_KEY: 'b' })).toThrow(/BUILDBETTER_SOURCE_ID/);
    expect(messageOf(() => configFromEnv({ EARFUL_DESTINATION: 'buildbetter', BUILDBETTER_API_KEY: 'b', BUILDBETTER_SOURCE_NAME: 'NPS' }))).toMatch(
      /never creates one on start-up: run `earful-proxy buildbetter create-source` once.*BUILDBETTER_SOURCE_ID/,
    );
  });

  it('refuses unknown destinations, local mixed with real ones, and unknown regions', () => {
    expect(() => configFromEnv({ EARFUL_DESTINATION: 'segment' })).toThrow(/EARFUL_DESTINATION: unknown destination/);
    expect(() => configFromEnv({ EARFUL_DESTINATION: 'local,amplitude', ...amp })).toThrow(/local cannot be combined/);
    expect(() => configFromEnv({ EARFUL_DESTINATION: 'amplitude', AMPLITUDE_REGION: 'apac', ...amp })).toThrow(
      /us or eu/,
    );
  });

  it('never echoes a value that may be a pasted secret, whatever variable it was put in', () => {
    const pasted = 'sk-live-4f9a8b7c6d5e';
    for (const [name, env] of [
      ['AMPLITUDE_REGION', { EARFUL_DESTINATION: 'amplitude', ...amp, AMPLITUDE_REGION: pasted }],
      ['EARFUL_DESTINATION', { EARFUL_DESTINATION: pasted }],
      ['EARFUL_RATE_LIMIT', { EARFUL_RATE_LIMIT: pasted }],
      ['EARFUL_TRUST_PROXY', { EARFUL_TRUST_PROXY: pasted }],
      ['AMPLITUDE_BASE_URL', { EARFUL_DESTINATION: 'amplitude', ...amp, AMPLITUDE_BASE_URL: pasted }],
      ['BUILDBETTER_BASE_URL', { EARFUL_DESTINATION: 'buildbetter', ...bb, BUILDBETTER_BASE_URL: pasted }],
    ] as const) {
      const message = messageOf(() => configFromEnv(env));
      expect(message).toContain(name);
      expect(message).not.toContain(pasted);
    }
  });

  it('refuses at start-up what can never work: a source id past 128 characters, a base URL that is not http(s)', () => {
    expect(messageOf(() => configFromEnv({ EARFUL_DESTINATION: 'amplitude', ...amp, AMPLITUDE_SOURCE_ID: 's'.repeat(129) }))).toMatch(
      /AMPLITUDE_SOURCE_ID .* must be 1 to 128 characters/,
    );
    expect(configFromEnv({ EARFUL_DESTINATION: 'amplitude', ...amp, AMPLITUDE_SOURCE_ID: 's'.repeat(128) }).destinations).toHaveLength(1);
    for (const url of ['ftp://gateway.example', 'amplitude.com', 'javascript:alert(1)'])
      expect(messageOf(() => configFromEnv({ EARFUL_DESTINATION: 'amplitude', ...amp, AMPLITUDE_BASE_URL: url }))).toMatch(
        /AMPLITUDE_BASE_URL .* must be an http or https URL/,
      );
    expect(messageOf(() => configFromEnv({ EARFUL_DESTINATION: 'buildbetter', ...bb, BUILDBETTER_BASE_URL: 'api.buildbetter.app' }))).toMatch(
      /BUILDBETTER_BASE_URL .* must be an http or https URL/,
    );
  });

  it('refuses an allowed origin written without its scheme, saying how to write it', () => {
    expect(messageOf(() => configFromEnv({ EARFUL_ALLOWED_ORIGINS: 'https://ok.example, app.example.com' }))).toBe(
      'EARFUL_ALLOWED_ORIGINS: "app.example.com" is not an origin: write it with its scheme, e.g. https://app.example.com',
    );
    expect(messageOf(() => configFromEnv({ EARFUL_ALLOWED_ORIGINS: 'localhost:3000' }))).toMatch(/e\.g\. http:\/\/localhost:3000$/);
    expect(messageOf(() => configFromEnv({ EARFUL_ALLOWED_ORIGINS: 'https://app.example.com/settings' }))).toMatch(
      /"https:\/\/app.example.com\/settings" is not an origin: an origin has no path, e.g. https:\/\/app.example.com/,
    );
    expect(messageOf(() => createProxy({ destinations: [local()], allowedOrigins: ['app.example.com'] }))).toMatch(
      /^allowedOrigins: "app.example.com" is not an origin/,
    );
    expect(configFromEnv({ EARFUL_ALLOWED_ORIGINS: 'https://App.Example.com:443/' }).allowedOrigins).toEqual(['https://app.example.com']);
  });

  it('reads origins, identity, rate limit and trusted proxies', () => {
    const config = configFromEnv({
      EARFUL_ALLOWED_ORIGINS: 'https://app.example.com/, https://www.example.com',
      EARFUL_IDENTITY_SECRET: 'sign-me',
      EARFUL_RATE_LIMIT: '30',
      EARFUL_TRUST_PROXY: '1',
    });
    expect(config.allowedOrigins).toEqual(['https://app.example.com', 'https://www.example.com']);
    expect(config.identitySecret).toBe('sign-me');
    expect(config.rateLimit).toEqual({ requestsPerMinute: 30, burst: 15 });
    expect(config.trustProxy).toBe(1);
    expect(configFromEnv({ EARFUL_ALLOWED_ORIGINS: '*' }).allowedOrigins).toBe('*');
    expect(configFromEnv({ EARFUL_RATE_LIMIT: '0' }).rateLimit).toBe(false);
    expect(() => configFromEnv({ EARFUL_RATE_LIMIT: 'lots' })).toThrow(/whole number/);
  });
});

describe('configFromEnv: Redis and the queue', () => {
  const redis = { EARFUL_REDIS_URL: 'redis://:s3cret-pass@redis.internal:6379/2' };

  it('reads EARFUL_REDIS_URL and EARFUL_QUEUE', () => {
    const config = configFromEnv({ EARFUL_DESTINATION: 'amplitude,buildbetter', ...amp, ...bb, ...redis, EARFUL_QUEUE: 'buildbetter', EARFUL_QUEUE_MAX_ITEMS: '500' });
    expect(config.redisUrl).toBe(redis.EARFUL_REDIS_URL);
    expect(config.queue).toEqual({ destination: 'buildbetter', maxItems: 500 });
  });

  it('names the Redis server in the log when it cannot be reached, never its password', async () => {
    // A URL with a password, on a port nothing listens on: the server logs that Redis is away.
    const url = `redis://default:s3cret%2Fpass@127.0.0.1:${await freePort()}/2`;
    const config = configFromEnv({ EARFUL_DESTINATION: 'buildbetter', ...bb, EARFUL_REDIS_URL: url, EARFUL_QUEUE: 'buildbetter' });
    const logs = captureLogs();
    const server = await serve({ ...config, port: 0, logger: logs });
    await server.close();
    const where = `redis://127.0.0.1:${new URL(url).port}/2`;
    for (const secret of ['s3cret%2Fpass', 's3cret/pass', 'default:s3cret']) expect(logs.lines.join('\n')).not.toContain(secret);
    expect(logs.lines).toContainEqual(expect.stringMatching(new RegExp(`^error \\[earful\\] Redis at ${where} is not answering`)));
  });

  it('refuses a queue it cannot keep, and a Redis URL it cannot read, never echoing the value', () => {
    expect(messageOf(() => configFromEnv({ EARFUL_DESTINATION: 'buildbetter', ...bb, EARFUL_QUEUE: 'buildbetter' }))).toMatch(/needs EARFUL_REDIS_URL/);
    expect(messageOf(() => configFromEnv({ EARFUL_DESTINATION: 'amplitude', ...amp, ...redis, EARFUL_QUEUE: 'buildbetter' }))).toMatch(/needs buildbetter in EARFUL_DESTINATION/);
    expect(messageOf(() => configFromEnv({ EARFUL_DESTINATION: 'buildbetter', ...bb, ...redis, EARFUL_QUEUE: 'amplitude' }))).toMatch(/EARFUL_QUEUE=buildbetter/);
    const pasted = messageOf(() => configFromEnv({ EARFUL_REDIS_URL: 'bb-live-key-123' }));
    expect(pasted).toMatch(/EARFUL_REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(pasted).not.toContain('bb-live-key-123');
  });

  it('is refused by the web handler, which cannot open a Redis connection, naming what to do instead', () => {
    const handle = createProxy(() => configFromEnv({ ...redis }));
    return expect(handle(new Request('https://proxy.example.com/healthz'))).rejects.toThrow(/read by the Node server .* give createProxy a `shared` store/);
  });
});

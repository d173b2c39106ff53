// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { configFromEnv } from '../../src/proxy/env.js';

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
    expect(() => configFromEnv({ EARFUL_DESTINATION: 'buildbetter', BUILDBETTER_API_KEY: 'b' })).toThrow(
      /BUILDBETTER_SOURCE_ID or BUILDBETTER_SOURCE_NAME/,
    );
  });

  it('refuses unknown destinations, local mixed with real ones, and unknown regions', () => {
    expect(() => configFromEnv({ EARFUL_DESTINATION: 'segment' })).toThrow(/unknown destination "segment"/);
    expect(() => configFromEnv({ EARFUL_DESTINATION: 'local,amplitude', ...amp })).toThrow(/local cannot be combined/);
    expect(() => configFromEnv({ EARFUL_DESTINATION: 'amplitude', AMPLITUDE_REGION: 'apac', ...amp })).toThrow(
      /us or eu/,
    );
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

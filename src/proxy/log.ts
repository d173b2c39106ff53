/** Where the proxy reports what an operator must know. Lines never carry a secret. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

const consoleLogger: Logger = {
  info: (m) => console.info(m),
  warn: (m) => console.warn(m),
  error: (m) => console.error(m),
};

/** A logger that prefixes `[earful]` and blanks every configured secret, as a second guard. */
export function createLogger(secrets: readonly (string | undefined)[], sink: Logger = consoleLogger): Logger {
  const hidden = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4);
  const scrub = (m: string) => `[earful] ${redact(m, hidden)}`;
  return {
    info: (m) => sink.info(scrub(m)),
    warn: (m) => sink.warn(scrub(m)),
    error: (m) => sink.error(scrub(m)),
  };
}

/** What of the proxy's configuration holds secrets, and where its lines go. */
export interface SecretsHolder {
  identitySecret?: string;
  secrets?: readonly (string | undefined)[];
  destinations: readonly { readonly secrets?: readonly string[] }[];
  logger?: Logger;
}

/** The proxy's logger: every line scrubbed of every secret in the configuration. */
export function proxyLogger(config: SecretsHolder): Logger {
  const secrets = [config.identitySecret, ...(config.secrets ?? []), ...config.destinations.flatMap((d) => d.secrets ?? [])];
  return createLogger(secrets, config.logger);
}

/**
 * Replaces each secret in `text` with `[redacted]`, longest first: a destination lists a key,
 * its secret and their base64 pair, and a shorter one must not break a longer one up first.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) out = out.split(secret).join('[redacted]');
  return out;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

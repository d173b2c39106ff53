/** A proxy set up wrongly (a missing key, an unknown region). Thrown at start-up, never per request. */
export class ConfigError extends Error {
  override name = 'ConfigError' as const;
}

/** A failure that knows its answer: the one place that maps errors to responses reads it. */
export class HttpError extends Error {
  override name = 'HttpError' as const;

  constructor(
    readonly status: number,
    message: string,
    readonly details: { issues?: unknown[]; retryAfterSeconds?: number } = {},
  ) {
    super(message);
  }
}

export const isHttpError = (e: unknown): e is HttpError =>
  e instanceof HttpError || (e as Error | undefined)?.name === 'HttpError';

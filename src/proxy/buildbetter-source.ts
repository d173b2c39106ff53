/**
 * Creating a BuildBetter feedback source (`POST /v3/rest/feedback-sources`): a one-off step,
 * `earful-proxy buildbetter create-source NAME`, whose printed id goes in
 * `BUILDBETTER_SOURCE_ID`. Never done on start-up: every process and serverless instance
 * would make a source of its own.
 */
import { UnansweredError, createBuildBetterApi } from './buildbetter-api.js';
import { checkBaseUrl } from './config-values.js';
import type { UpstreamFetch } from './destination.js';
import { ConfigError } from './errors.js';
import { silentLogger } from './log.js';

export interface CreateSourceOptions {
  apiKey: string;
  name: string;
  /** @default 'https://api.buildbetter.app' */
  baseUrl?: string;
  /** @default globalThis.fetch */
  fetch?: UpstreamFetch;
  /** @default 10_000 */
  timeoutMs?: number;
}

/** Why a source could not be created, in words to print (never the key). */
export class CreateSourceError extends Error {
  override name = 'CreateSourceError' as const;
}

/** Creates the source and answers its id. */
export async function createBuildBetterSource(options: CreateSourceOptions): Promise<string> {
  const { apiKey, name, timeoutMs = 10_000 } = options;
  if (!apiKey) throw new ConfigError('creating a BuildBetter source needs BUILDBETTER_API_KEY');
  if (!name.trim()) throw new ConfigError('name the source: earful-proxy buildbetter create-source NAME, or set BUILDBETTER_SOURCE_NAME');
  const base = checkBaseUrl(options.baseUrl ?? 'https://api.buildbetter.app', "BUILDBETTER_BASE_URL (buildbetter's baseUrl)");
  // The destination's own call: the same key header, deadline and reading of the answer.
  const call = createBuildBetterApi({ base, apiKey, timeoutMs, fetch: options.fetch });
  let answer;
  try {
    answer = await call('POST', '/v3/rest/feedback-sources', { name, type: 'api' }, { now: Date.now, log: silentLogger });
  } catch (err) {
    throw err instanceof UnansweredError ? new CreateSourceError(err.message) : err;
  }
  const { status, id, message } = answer;
  if (id !== undefined) return String(id);
  if (status === 401 || status === 403) throw new CreateSourceError(`BuildBetter answered ${status}: check BUILDBETTER_API_KEY`);
  const ok = status >= 200 && status < 300;
  throw new CreateSourceError(`BuildBetter answered ${status}: ${message ?? (ok ? 'no id in the answer' : 'no reason given')}`);
}

/**
 * Creating a BuildBetter feedback source (`POST /v3/rest/feedback-sources`): a one-off step,
 * `earful-proxy buildbetter create-source NAME`, whose printed id goes in
 * `BUILDBETTER_SOURCE_ID`. Never done on start-up: every process and serverless instance
 * would make a source of its own.
 */
import { checkBaseUrl } from './config-values.js';
import { ConfigError } from './errors.js';
import { unreachable } from './destination.js';
import { readJson, upstreamMessage } from './upstream-message.js';

export interface CreateSourceOptions {
  apiKey: string;
  name: string;
  /** @default 'https://api.buildbetter.app' */
  baseUrl?: string;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
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
  let res: Response;
  try {
    res = await (options.fetch ?? globalThis.fetch)(`${base}/v3/rest/feedback-sources`, {
      method: 'POST',
      headers: { 'x-buildbetter-api-key': apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ name, type: 'api' }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw new CreateSourceError(unreachable('BuildBetter', err, timeoutMs));
  }
  const answer = await readJson(res);
  const id = (answer as { id?: unknown } | undefined)?.id;
  if (res.ok && (typeof id === 'number' || (typeof id === 'string' && id !== ''))) return String(id);
  if (res.status === 401 || res.status === 403) throw new CreateSourceError(`BuildBetter answered ${res.status}: check BUILDBETTER_API_KEY`);
  const why = upstreamMessage(answer, [apiKey]) ?? (res.ok ? 'no id in the answer' : 'no reason given');
  throw new CreateSourceError(`BuildBetter answered ${res.status}: ${why}`);
}

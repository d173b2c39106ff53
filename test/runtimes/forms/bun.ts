// Bun's natural form, `Bun.serve({ fetch: handle })`: the handler given as it is, so it learns
// no client address and the rate limit is off (the proxy says so in its log). Run by the tests.
import { configFromEnv, createProxy } from 'earful/proxy';

const handle = createProxy(configFromEnv(process.env));

Bun.serve({ port: Number(process.env.PORT), hostname: '127.0.0.1', fetch: handle });

/** The form of docs/api.md §5 word for word (type-checked, never called: it would listen on 0.0.0.0). */
export const natural = () => Bun.serve({ fetch: handle });

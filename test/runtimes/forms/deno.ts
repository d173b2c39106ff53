// Deno's natural form, `Deno.serve(handle)`: the handler given as it is, so it learns no
// client address and the rate limit is off (the proxy says so in its log). Run by the tests.
import { configFromEnv, createProxy } from 'earful/proxy';

const handle = createProxy(configFromEnv(Deno.env.toObject()));

Deno.serve({ port: Number(Deno.env.get('PORT')), hostname: '127.0.0.1' }, handle);

/** The form of docs/api.md §5 word for word (type-checked, never called: it would listen on 0.0.0.0). */
export const natural = () => Deno.serve(handle);

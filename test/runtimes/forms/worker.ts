// A Worker's natural forms: the handler given to the platform as it is (type-checked only).
import { amplitude, createProxy } from 'earful/proxy';

const handle = createProxy({ destinations: [amplitude({ apiKey: 'key', secretKey: 'secret', sourceId: 'source' })] });

export default { fetch: handle } satisfies ExportedHandler<Env>;
export const withoutEnvType = { fetch: handle } satisfies ExportedHandler;
export const passingEnv: ExportedHandler<Env> = { fetch: (request, env) => handle(request, env) };

/**
 * `GET /earful.js` and `GET /earful-ui.js`: the script-tag build, for pages on any origin. The
 * second file is a module that the first imports, and a browser fetches a module from another
 * origin only with CORS: both are served to any origin (`Access-Control-Allow-Origin: *`, and
 * `Cross-Origin-Resource-Policy` for pages that isolate themselves); they are public code. Each
 * is gzipped once per build and sent so to browsers that take it (all do): about a third of its
 * size on the wire.
 */
import { HttpError } from './errors.js';

/** The script tag's files: `earful.js`, and the module it loads from beside itself. */
export const SCRIPT_FILES = ['earful.js', 'earful-ui.js'] as const;
export type ScriptFile = (typeof SCRIPT_FILES)[number];

/** Makes the answer for `file`; `embedScript` reads the current build, `undefined` when there is none. */
export function createScriptRoute(file: ScriptFile, embedScript: ((file: ScriptFile) => Promise<string | undefined>) | undefined) {
  let gzipped: { script: string; bytes: Promise<ArrayBuffer> } | undefined;

  return async function scriptResponse(acceptEncoding: string | undefined): Promise<Response> {
    const script = await embedScript?.(file);
    if (script === undefined) throw new HttpError(404, `the script-tag build (${file}) is not available: run npm run build`);
    const headers: Record<string, string> = {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=300',
      'access-control-allow-origin': '*',
      'cross-origin-resource-policy': 'cross-origin',
      vary: 'accept-encoding',
    };
    if (!acceptsGzip(acceptEncoding)) return new Response(script, { headers });
    if (gzipped?.script !== script) gzipped = { script, bytes: gzip(script) };
    return new Response(await gzipped.bytes, { headers: { ...headers, 'content-encoding': 'gzip' } });
  };
}

/** `text` as gzip, with the platform's CompressionStream (Node, workers, Deno, Bun alike). */
const gzip = (text: string): Promise<ArrayBuffer> =>
  new Response(new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer();

/** Whether an `Accept-Encoding` takes gzip (named, or `*`, and not with `q=0`). */
const acceptsGzip = (header = ''): boolean =>
  header.split(',').some((part) => {
    const [coding, ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    return (coding === 'gzip' || coding === '*') && !params.some((p) => /^q=0(\.0*)?$/.test(p));
  });

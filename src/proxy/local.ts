/**
 * The `local` destination (the default): runs the real Amplitude and BuildBetter mappings
 * against a recording `fetch`, so what it captures is byte for byte what each API would
 * receive, and answers `delivered`. `/inbox` shows the capture.
 */
import type { Submission } from '../schema/submission.js';
import { amplitude } from './amplitude.js';
import { buildbetter } from './buildbetter.js';
import { type DeliveryContext, type Destination, HealthTracker } from './destination.js';
import { deliverToAll } from './fan-out.js';

/** One upstream request as a destination would have received it. */
export interface LocalEntry {
  at: string;
  /** Groups the requests of one accepted `POST /v1/feedback`. */
  batch: string;
  destination: 'amplitude' | 'buildbetter';
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

/** Where `local` keeps what it captured: memory by default, a JSON-lines file under Node. */
export interface LocalSink {
  append(entries: readonly LocalEntry[]): Promise<void>;
  /** The newest `limit` entries, oldest first. */
  recent(limit: number): Promise<LocalEntry[]>;
}

export interface LocalOptions {
  /** @default memorySink() */
  sink?: LocalSink;
  /** Shown in the captured requests where a real source id would go. */
  amplitudeSourceId?: string;
  amplitudeRegion?: 'us' | 'eu';
  buildbetterSourceId?: string | number;
}

export interface LocalDestination extends Destination {
  readonly sink: LocalSink;
}

export function memorySink(max = 1000): LocalSink {
  const entries: LocalEntry[] = [];
  return {
    async append(more) {
      entries.push(...more);
      entries.splice(0, Math.max(0, entries.length - max));
    },
    async recent(limit) {
      return entries.slice(-limit);
    },
  };
}

/** Placeholders shown instead of credentials: local mode has none, and shows none. */
const AUTH_PLACEHOLDER = {
  authorization: 'Basic base64(AMPLITUDE_API_KEY:AMPLITUDE_SECRET_KEY)',
  'x-buildbetter-api-key': 'BUILDBETTER_API_KEY',
};

function recordingFetch(destination: LocalEntry['destination'], into: Omit<LocalEntry, 'at' | 'batch'>[]): typeof fetch {
  let nextId = 1;
  return async (input, init) => {
    const url = String(input);
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    for (const name of Object.keys(AUTH_PLACEHOLDER) as (keyof typeof AUTH_PLACEHOLDER)[])
      if (name in headers) headers[name] = AUTH_PLACEHOLDER[name];
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const method = init?.method ?? 'GET';
    into.push({ destination, method, url, headers, body });
    const answer =
      destination === 'amplitude'
        ? { ingested: (body as { items: unknown[] }).items.length, failed: 0, errors: [] }
        : { id: nextId++, ...body, created_at: new Date().toISOString() };
    return Response.json(answer);
  };
}

export function local(options: LocalOptions = {}): LocalDestination {
  const sink = options.sink ?? memorySink();
  const health = new HealthTracker('local');
  const captured: Omit<LocalEntry, 'at' | 'batch'>[] = [];
  const targets = [
    amplitude({
      apiKey: 'local',
      secretKey: 'local',
      sourceId: options.amplitudeSourceId ?? 'YOUR_SOURCE_ID',
      region: options.amplitudeRegion,
      fetch: recordingFetch('amplitude', captured),
    }),
    buildbetter({
      apiKey: 'local',
      sourceId: options.buildbetterSourceId ?? 'BUILDBETTER_SOURCE_ID',
      requestsPerMinute: Number.MAX_SAFE_INTEGER,
      fetch: recordingFetch('buildbetter', captured),
    }),
  ];
  let queue = Promise.resolve();

  async function deliverNow(items: readonly Submission[], ctx: DeliveryContext) {
    captured.length = 0;
    const outcomes = await deliverToAll(targets, items, ctx);
    const at = new Date(ctx.now()).toISOString();
    const batch = crypto.randomUUID();
    await sink.append(captured.map((e) => ({ at, batch, ...e })));
    health.ok(ctx.now());
    return outcomes;
  }

  return {
    name: 'local',
    sink,
    health: () => health.get(),
    // One delivery at a time, so each batch's captured requests stay together.
    deliver(items, ctx) {
      const run = queue.then(() => deliverNow(items, ctx));
      queue = run.then(
        () => undefined,
        () => undefined,
      );
      return run;
    },
  };
}

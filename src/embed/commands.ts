/**
 * The script tag's command API (API.md §2): `Earful('init', options)`, `Earful('submit', …)`,
 * queued before the script loads and replayed in order once it has.
 */
import { type Client, type ClientEvents, type ClientOptions, type SubmitResult, createClient } from '../client/client.js';
import type { SubmissionUser } from '../schema/submission.js';

export interface EmbedOptions extends ClientOptions {
  /** @default 'bottom-right' */
  position?: 'bottom-right' | 'bottom-left' | 'none';
  locale?: string;
  /** `'auto'`: show the NPS prompt when the targeting rules allow. */
  nps?: 'auto';
}

/** What the page sees of the UI; the widget plugs in here. */
export interface EmbedUi {
  open(): void;
  close(): void;
  nps(options?: unknown): void;
  identify(user: SubmissionUser | null): void;
  destroy(): void;
}

export type EmbedEvent = keyof ClientEvents | 'submitted';
type Handler = (detail: unknown) => void;
export type EarfulCommand = ((command: string, ...args: unknown[]) => unknown) & { q?: ArrayLike<unknown>[] };

/** Reads the `data-*` attributes of the script tag (API.md §2). */
export function optionsFromDataset(data: DOMStringMap): EmbedOptions | undefined {
  if (!data.endpoint) return undefined;
  const user = { id: data.userId, email: data.userEmail, name: data.userName };
  return {
    endpoint: data.endpoint,
    user: Object.values(user).some(Boolean) ? user : undefined,
    position: data.position as EmbedOptions['position'],
    locale: data.locale,
    nps: data.nps === 'auto' ? 'auto' : undefined,
  };
}

/**
 * Installs `window.Earful`, replaying the calls queued on the stub. `mountUi` builds the UI
 * for a client (the widget); without it the commands are headless.
 */
export function installEarful(
  win: Window & { Earful?: EarfulCommand },
  script: HTMLScriptElement | null,
  mountUi?: (client: Client, options: EmbedOptions, emit: (event: EmbedEvent, detail: unknown) => void) => EmbedUi,
): EarfulCommand {
  const queued = Array.from(win.Earful?.q ?? []);
  const handlers = new Map<EmbedEvent, Set<Handler>>();
  const emit = (event: EmbedEvent, detail: unknown) => handlers.get(event)?.forEach((h) => h(detail));
  let client: Client | undefined;
  let ui: EmbedUi | undefined;
  let unsubscribe: (() => void)[] = [];

  function destroy() {
    unsubscribe.forEach((u) => u());
    ui?.destroy();
    client?.destroy();
    client = ui = undefined;
    unsubscribe = [];
  }

  function init(options: EmbedOptions) {
    if (!options?.endpoint) throw new TypeError('Earful init: endpoint is required');
    destroy();
    client = createClient(options);
    for (const event of ['queued', 'delivered', 'rejected', 'error'] as const)
      unsubscribe.push(client.on(event, (detail) => emit(event, detail)));
    ui = mountUi?.(client, options, emit);
  }

  const needClient = (command: string) => {
    if (!client) throw new Error(`Earful('${command}') needs Earful('init', { endpoint }) first`);
    return client;
  };

  const earful: EarfulCommand = (command, ...args) => {
    try {
      switch (command) {
        case 'init':
          return void init(args[0] as EmbedOptions);
        case 'identify':
          needClient(command).identify(args[0] as SubmissionUser | null);
          return void ui?.identify(args[0] as SubmissionUser | null);
        case 'submit':
          return needClient(command)
            .submit(args[0] as Parameters<Client['submit']>[0])
            .then((result: SubmitResult) => (emit('submitted', result), result));
        case 'flush':
          return needClient(command).flush();
        case 'open':
        case 'close':
        case 'nps':
          needClient(command);
          return void ui?.[command](args[0]);
        case 'on': {
          const [event, handler] = args as [EmbedEvent, Handler];
          if (!handlers.has(event)) handlers.set(event, new Set());
          handlers.get(event)!.add(handler);
          return () => handlers.get(event)!.delete(handler);
        }
        case 'destroy':
          return void destroy();
        default:
          throw new Error(`Earful: unknown command "${command}"`);
      }
    } catch (err) {
      emit('error', { error: (err as Error).message });
      if (command === 'submit') return Promise.resolve({ id: '', status: 'failed', error: (err as Error).message });
      console.error(`[earful] ${(err as Error).message}`);
    }
  };

  win.Earful = earful;
  const declared = script ? optionsFromDataset(script.dataset) : undefined;
  if (declared) init(declared);
  for (const args of queued) earful(...(Array.from(args) as [string, ...unknown[]]));
  return earful;
}

/**
 * The script tag's command API (API.md §2): `Earful('init', options)`, `Earful('submit', …)`,
 * queued before the script loads and replayed in order once it has.
 */
import { type Client, type ClientEvents, type ClientOptions, type SubmissionInput, createClient } from '../client/client.js';
import { createEmitter } from '../client/events.js';
import type { SubmissionUser } from '../schema/submission.js';
import type { MountOptions } from '../ui/mount.js';
import { resetPrompts } from '../ui/prompt-state.js';

/** `init`'s options: the client's, and the UI's that the widget passes through to `mount`. */
export interface EmbedOptions
  extends ClientOptions,
    Pick<MountOptions, 'position' | 'colorScheme' | 'locale' | 'strings' | 'nonce' | 'fields' | 'nps' | 'csat' | 'inline' | 'zIndex'> {}

/** What the page sees of the UI; the widget plugs in here. */
export interface EmbedUi {
  open(): void;
  close(): void;
  nps(options?: unknown): void;
  /** Absent from a UI without the CSAT prompt. */
  csat?(options?: unknown): void;
  identify(user: SubmissionUser | null): void;
  destroy(): void;
}

export type EmbedEvent = keyof ClientEvents | 'submitted';
export type EarfulCommand = ((command: string, ...args: unknown[]) => unknown) & { q?: ArrayLike<unknown>[] };

const CLIENT_EVENTS = ['queued', 'delivered', 'rejected', 'error'] as const;

/** Reads the `data-*` attributes of the script tag (API.md §2). */
export function optionsFromDataset(data: DOMStringMap): EmbedOptions | undefined {
  const { endpoint, userId: id, userEmail: email, userName: name, userHash: hash, position, locale, nps, csat } = data;
  if (endpoint)
    return {
      endpoint,
      // data-user-hash: the HMAC of the id, where the proxy verifies identity (EARFUL_IDENTITY_SECRET).
      user: id || email || name ? { id, email, name, hash } : undefined,
      position: position as EmbedOptions['position'],
      locale,
      nps: nps === 'auto' ? nps : undefined,
      csat: csat === 'auto' ? csat : undefined,
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
  const { emit, on } = createEmitter<Record<EmbedEvent, unknown>>();
  let client: Client | undefined;
  let ui: EmbedUi | undefined;
  let offs: (() => void)[] = [];
  const ready = () => {
    if (!client) throw new Error('init first');
    return client;
  };

  // Arguments come from the page as they are: each command takes what API.md §2 documents.
  const commands: Record<string, (...args: any[]) => unknown> = {
    init(options: EmbedOptions) {
      if (!options?.endpoint) throw new TypeError('endpoint required');
      commands.destroy!();
      const c = (client = createClient(options));
      offs = CLIENT_EVENTS.map((event) => c.on(event, (detail) => emit(event, detail)));
      ui = mountUi?.(c, options, emit);
    },
    identify(user: SubmissionUser | null) {
      ready().identify(user);
      ui?.identify(user);
    },
    submit: (input: SubmissionInput) => ready().submit(input).then((result) => (emit('submitted', result), result)),
    flush: () => ready().flush(),
    // Forgets that this user was asked (README, "What the widget keeps on the device").
    resetPrompts: () => resetPrompts(ready()),
    on,
    destroy() {
      offs.forEach((off) => off());
      ui?.destroy();
      client?.destroy();
      client = ui = undefined;
    },
  };
  for (const name of ['open', 'close', 'nps', 'csat'] as const) commands[name] = (arg?: unknown) => void (ready(), ui?.[name]?.(arg));

  const earful: EarfulCommand = (command, ...args) => {
    try {
      if (!Object.hasOwn(commands, command)) throw new Error('unknown command');
      return commands[command]!(...args);
    } catch (err) {
      const error = (err as Error).message;
      emit('error', { error });
      if (command === 'submit') return Promise.resolve({ id: '', status: 'failed', error });
      console.error(`[earful] ${command}: ${error}`);
    }
  };

  win.Earful = earful;
  const declared = script && optionsFromDataset(script.dataset);
  if (declared) earful('init', declared);
  for (const args of queued) earful(...(Array.from(args) as [string, ...unknown[]]));
  return earful;
}

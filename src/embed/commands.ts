/**
 * The script tag's command API (API.md §2): `Earful('init', options)`, `Earful('submit', …)`,
 * queued before the script loads and replayed in order once it has. A misconfiguration says
 * so in the console: a missing endpoint, an unknown option, attribute or event name, an email
 * that is not one.
 */
import { type Client, type ClientEvents, type ClientOptions, type SubmissionInput, createClient } from '../client/client.js';
import { createEmitter } from '../client/events.js';
import type { SubmissionUser } from '../schema/submission.js';
import type { MountOptions } from '../ui/mount.js';
import { resetPrompts } from '../ui/prompt-state.js';
import { usableUser } from '../ui/user.js';

/** `init`'s options: the client's, and the UI's that the widget passes through to `mount`. */
export interface EmbedOptions
  extends ClientOptions,
    Pick<MountOptions, 'position' | 'colorScheme' | 'locale' | 'strings' | 'nonce' | 'fields' | 'nps' | 'csat' | 'inline' | 'zIndex'> {}

/** Every option `init` knows, to name the ones it does not (a typo would otherwise do nothing). */
const OPTION_NAMES: Record<keyof EmbedOptions, true> = {
  endpoint: true,
  user: true,
  amplitudeUserId: true,
  dbName: true,
  maxQueueItems: true,
  maxQueueBytes: true,
  deliveredWaitMs: true,
  autoFlush: true,
  indexedDB: true,
  fetch: true,
  locks: true,
  channel: true,
  now: true,
  random: true,
  timeoutMs: true,
  leaseMs: true,
  position: true,
  colorScheme: true,
  locale: true,
  strings: true,
  nonce: true,
  fields: true,
  nps: true,
  csat: true,
  inline: true,
  zIndex: true,
};

/** What the page sees of the UI; the widget plugs in here. */
export interface EmbedUi {
  open(): void;
  close(): void;
  nps(options?: unknown): void;
  csat(options?: unknown): void;
  identify(user: SubmissionUser | null): void;
  destroy(): void;
}

export type EmbedEvent = keyof ClientEvents | 'submitted';
export type EarfulCommand = ((command: string, ...args: unknown[]) => unknown) & { q?: ArrayLike<unknown>[] };

/** The client's events, forwarded to `Earful('on', …)` handlers as they are. */
const CLIENT_EVENTS = ['queued', 'delivered', 'accepted', 'rejected', 'retrying', 'error'] as const satisfies readonly (keyof ClientEvents)[];
const EVENTS: readonly string[] = [...CLIENT_EVENTS, 'submitted'];

/** The `data-*` attributes of the script tag (API.md §2), as `dataset` names them. */
const DATA_ATTRIBUTES = ['endpoint', 'userId', 'userEmail', 'userName', 'userHash', 'position', 'locale', 'nps', 'csat'];

const warn = (message: string) => console.warn(`[earful] ${message}`);
const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** Reads the `data-*` attributes of the script tag (API.md §2); `undefined` without an endpoint. */
export function optionsFromDataset(data: DOMStringMap): EmbedOptions | undefined {
  for (const name of Object.keys(data))
    if (!DATA_ATTRIBUTES.includes(name)) warn(`the script tag's data-${kebab(name)} is not an option; known: ${DATA_ATTRIBUTES.map((a) => `data-${kebab(a)}`).join(', ')}.`);
  const { endpoint, userId: id, userEmail: email, userName: name, userHash: hash, position, locale, nps, csat } = data;
  if (!endpoint) return undefined;
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

/** `init`'s options without those it does not know, each of which it warns about. */
function knownOptions(options: EmbedOptions): EmbedOptions {
  const known: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(options)) {
    if (Object.hasOwn(OPTION_NAMES, name)) known[name] = value;
    else warn(`init: unknown option "${name}" (ignored); known: ${Object.keys(OPTION_NAMES).join(', ')}.`);
  }
  return known as unknown as EmbedOptions;
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
    if (!client) throw new Error("call Earful('init', { endpoint }) first");
    return client;
  };

  // Arguments come from the page as they are: each command takes what API.md §2 documents.
  const commands: Record<string, (...args: any[]) => unknown> = {
    init(options: EmbedOptions) {
      if (!options?.endpoint) throw new TypeError("init needs an endpoint, e.g. Earful('init', { endpoint: '/v1/feedback' })");
      const known = knownOptions(options);
      commands.destroy!();
      const started = { ...known, user: usableUser(known.user, 'init user.email') };
      const created = createClient(started);
      client = created;
      offs = CLIENT_EVENTS.map((event) => created.on(event, (detail) => emit(event, detail)));
      ui = mountUi?.(created, started, emit);
    },
    identify(user: SubmissionUser | null) {
      const usable = usableUser(user, 'identify');
      ready().identify(usable);
      ui?.identify(usable);
    },
    submit: async (input: SubmissionInput) => {
      const result = await ready().submit(input);
      emit('submitted', result);
      return result;
    },
    flush: () => ready().flush(),
    // Forgets that this user was asked (README, "What the widget keeps on the device").
    resetPrompts: () => resetPrompts(ready()),
    on(event: string, handler: (detail: unknown) => void) {
      if (!EVENTS.includes(event)) warn(`on: unknown event "${event}"; events: ${EVENTS.join(', ')}.`);
      return on(event as EmbedEvent, handler);
    },
    destroy() {
      for (const off of offs) off();
      ui?.destroy();
      client?.destroy();
      client = undefined;
      ui = undefined;
    },
  };
  for (const name of ['open', 'close', 'nps', 'csat'] as const)
    commands[name] = (options?: unknown) => {
      ready();
      ui?.[name](options);
    };

  const earful: EarfulCommand = (command, ...args) => {
    try {
      if (!Object.hasOwn(commands, command)) throw new Error(`unknown command; commands: ${Object.keys(commands).join(', ')}`);
      const answer = commands[command]!(...args);
      // submit answers, never rejects: a failure is a `failed` result and an `error` event.
      return answer instanceof Promise ? answer.catch((err: Error) => failed(command, err)) : answer;
    } catch (err) {
      return failed(command, err as Error);
    }
  };

  function failed(command: string, err: Error) {
    const error = err.message;
    emit('error', { error });
    if (command === 'submit') return Promise.resolve({ id: '', status: 'failed', error });
    console.error(`[earful] ${command}: ${error}`);
  }

  win.Earful = earful;
  const declared = script && optionsFromDataset(script.dataset);
  if (declared) earful('init', declared);
  else if (script && !queued.some((args) => args[0] === 'init'))
    warn(`earful.js has no endpoint: add data-endpoint="/v1/feedback" to its script tag, or call Earful('init', { endpoint }) — nothing shows until then.`);
  for (const args of queued) earful(...(Array.from(args) as [string, ...unknown[]]));
  return earful;
}

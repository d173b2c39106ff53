/**
 * What `mount()` takes and gives back: the widget's options, its handle, the prompts' options.
 */
import type { Client, SubmitResult } from '../client/client.js';
import type { SubmissionUser } from '../schema/submission.js';
import type { FieldMode } from './check-fields.js';
import type { Draft } from './feedback-form.js';
import type { Locales } from './i18n/widget-language.js';
import type { Strings } from './strings.js';
import type { TargetingRules } from './targeting.js';

/** Shows an NPS or CSAT prompt now. */
export interface PromptOptions {
  /** Replaces the question. */
  question?: string;
  /** How long a score waits for its comment. @default 5 minutes */
  holdMs?: number;
}

/** The NPS prompt: when to show it by itself, and what it asks. */
export type NpsOptions = PromptOptions & TargetingRules;

export interface MountOptions {
  client: Client;
  /** Where the launcher sits (mirrored in right-to-left pages); `none` shows no launcher. @default 'bottom-right' */
  position?: 'bottom-right' | 'bottom-left' | 'none';
  /** `system` follows the OS setting, live. @default 'system' */
  colorScheme?: 'light' | 'dark' | 'system';
  /** The language to speak. @default the page's `<html lang>`, else the browser's languages, else English */
  locale?: string;
  /** Replaces any of the chosen language's words. */
  strings?: Partial<Strings>;
  /** Translations by locale (`{ de, ja }` from `earful/locales/…`) or a function that loads one; the script tag fetches them from beside itself. */
  locales?: Locales;
  /** For the `<style>` element used where constructed stylesheets are missing (CSP `style-src 'nonce-…'`). */
  nonce?: string;
  /** @default { name: 'hidden', email: 'optional' } */
  fields?: { name?: FieldMode; email?: FieldMode };
  /** Prefills name and email (an invalid email is left out, with a warning). */
  user?: SubmissionUser;
  /** `auto` (or rules): show the NPS prompt by itself when the targeting rules allow. @default false */
  nps?: 'auto' | NpsOptions | false;
  /** The same for the CSAT prompt. @default false */
  csat?: 'auto' | NpsOptions | false;
  /** NPS/CSAT prompts render in place rather than in a corner. @default false */
  inline?: boolean;
  /** The feedback form renders in place (a feedback page, a settings panel), with no launcher or dialog. @default false */
  inlineForm?: boolean;
  /** @default 2147483000 */
  zIndex?: number;
  /** After every submission made from the UI. */
  onSubmitted?(result: SubmitResult): void;
}

/** Calling it unmounts, like `destroy()`. */
export interface MountHandle {
  (): void;
  open(prefill?: Omit<Draft, 'id'>): void;
  close(): void;
  nps(options?: NpsOptions): void;
  csat(options?: NpsOptions): void;
  /** Identifies the user to the client and prefills the form. */
  identify(user: SubmissionUser | null): void;
  destroy(): void;
}

/**
 * The script-tag build (`dist/earful.js`): one self-contained IIFE whose only global is
 * `window.Earful`. `<script src="/earful.js" data-endpoint="/v1/feedback" async></script>`
 */
import { fetchLocale } from '../ui/i18n/fetch-locale.js';
import { mount } from '../ui/mount.js';
import { type EarfulCommand, installEarful } from './commands.js';

const script = document.currentScript as HTMLScriptElement | null;
const win = window as Window & { Earful?: EarfulCommand };

// An async script may run while the page is still parsing: the widget's work waits for the host's
// own content, in a task of its own (not the one that evaluated this file). Calls made meanwhile
// wait in the snippet's queue, made here if the page made none.
win.Earful ??= function (...args: unknown[]) {
  (win.Earful!.q as unknown[][]).push(args);
} as EarfulCommand;
win.Earful.q ??= [];

const start = () =>
  setTimeout(() =>
    installEarful(win, script, (client, options, emit) =>
      mount(document.body ?? document.documentElement, {
        // A strict CSP's nonce: the one this script tag carries, unless init names another.
        nonce: script?.nonce,
        // Translations are fetched from beside this file (locales/de.json), only the one needed.
        locales: (locale) => fetchLocale(locale, script?.src),
        ...options,
        client,
        onSubmitted: (result) => emit('submitted', result),
      }),
    ),
  );
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();

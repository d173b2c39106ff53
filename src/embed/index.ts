/**
 * The script-tag build (`dist/earful.js`): one IIFE whose only global is `window.Earful`.
 * `<script src="/earful.js" data-endpoint="/v1/feedback" async></script>`. It loads its second
 * file, `earful-ui.js`, from beside itself once the page has loaded and is idle (load-ui.ts).
 */
import { fetchLocale } from '../ui/i18n/fetch-locale.js';
import { appendHost, mountWidget } from '../ui/widget.js';
import { type EarfulCommand, installEarful } from './commands.js';
import { uiLoader, whenLoadedAndIdle } from './load-ui.js';

const script = document.currentScript as HTMLScriptElement | null;
const win = window as Window & { Earful?: EarfulCommand };

// An async script may run while the page is still parsing: the widget's work waits for the host's
// own content, in a task of its own (not the one that evaluated this file). Calls made meanwhile
// wait in the snippet's queue, made here if the page made none.
win.Earful ??= function (...args: unknown[]) {
  (win.Earful!.q as unknown[][]).push(args);
} as EarfulCommand;
win.Earful.q ??= [];

const loadUi = uiLoader(script?.src);

const start = () =>
  setTimeout(() =>
    installEarful(win, script, (client, options, emit) => {
      const widget = mountWidget(
        appendHost(document.body ?? document.documentElement),
        {
          // A strict CSP's nonce: the one this script tag carries, unless init names another.
          nonce: script?.nonce,
          // Translations are fetched from beside this file (locales/de.json), only the one needed.
          locales: (locale) => fetchLocale(locale, script?.src),
          ...options,
          client,
          onSubmitted: (result) => emit('submitted', result),
        },
        { own: true, loadSurfaces: loadUi },
      );
      // Fetched ahead, so the dialog opens at once, and offline too; a failure here is quiet, and
      // the first click asks again (and says so in the console if it fails then).
      whenLoadedAndIdle(() => loadUi().catch(() => {}));
      return widget;
    }),
  );
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();

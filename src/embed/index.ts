/**
 * The script-tag build (`dist/earful.js`): one self-contained IIFE whose only global is
 * `window.Earful`. `<script src="/earful.js" data-endpoint="/v1/feedback" async></script>`
 */
import { mount } from '../ui/mount.js';
import { installEarful } from './commands.js';

const script = document.currentScript as HTMLScriptElement | null;

installEarful(window, script, (client, options, emit) =>
  // A script in <head> without async/defer runs before <body> exists.
  mount(document.body ?? document.documentElement, {
    // A strict CSP's nonce: the one this script tag carries, unless init names another.
    nonce: script?.nonce,
    ...options,
    client,
    onSubmitted: (result) => emit('submitted', result),
  }),
);

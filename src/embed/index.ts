/**
 * The script-tag build (`dist/earful.js`): one self-contained IIFE whose only global is
 * `window.Earful`. `<script src="/earful.js" data-endpoint="/v1/feedback" async></script>`
 */
import { installEarful } from './commands.js';

installEarful(window, document.currentScript as HTMLScriptElement | null);

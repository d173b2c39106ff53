// The peer of bench/page-load.ts: Sentry's feedback widget as a page ships it, with every option
// at its default. Bundled there into one minified IIFE; the DSN comes from the script tag.
import { feedbackIntegration, init } from '@sentry/browser';

init({ dsn: (document.currentScript as HTMLScriptElement).dataset.dsn, integrations: [feedbackIntegration()] });

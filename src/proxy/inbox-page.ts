import { Html, PAGE_STYLE, html } from './html.js';
import type { LocalEntry } from './local.js';

/** `GET /inbox`: what `local` captured, newest batch first, each request as the API would get it. */
export function inboxPage(entries: readonly LocalEntry[]): string {
  const batches = new Map<string, LocalEntry[]>();
  for (const e of entries) batches.set(e.batch, [...(batches.get(e.batch) ?? []), e]);
  const newestFirst = [...batches.values()].reverse();
  return html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>earful inbox</title><style>${new Html(PAGE_STYLE)}</style></head>
<body>
<h1>earful inbox</h1>
<p>Running on the <strong>local</strong> destination: nothing left this machine. Each request
below is exactly what Amplitude AI Feedback or BuildBetter would receive once their keys are set
(credentials shown as placeholders). Newest first; as JSON at <a href="/inbox.json">/inbox.json</a>.</p>
${newestFirst.length === 0 ? html`<p><em>Nothing yet.</em> Post feedback from <a href="/">the demo page</a>.</p>` : ''}
${newestFirst.map(
  (batch) => html`<section class="batch"><h2>${batch[0]!.at}</h2>${batch.map(
    (e) => html`<p><span class="tag">${e.destination}</span> ${e.method} ${e.url}</p>
<pre>${Object.entries(e.headers).map(([k, v]) => `${k}: ${v}\n`)}\n${JSON.stringify(e.body, null, 2)}</pre>`,
  )}</section>`,
)}
</body></html>`.value;
}

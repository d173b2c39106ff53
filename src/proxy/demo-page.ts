import { Html, PAGE_STYLE, html } from './html.js';

/**
 * `GET /` in local mode: a page with the widget on it (the script tag, as a product page would
 * add it), links to the demo pages and the inbox. A first look in a minute, with no account.
 */
export function demoPage(feedbackPath: string): string {
  return html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>earful</title><style>${new Html(PAGE_STYLE)}</style>
<script src="/earful.js" data-endpoint="${feedbackPath}" data-user-id="user-123" data-user-email="jane@example.com" async></script>
</head>
<body>
<main>
<h1>earful</h1>
<p>The proxy is running on the <strong>local</strong> destination: nothing leaves this machine.
Click <strong>Feedback</strong> in the corner, write something and send it, then open
<a href="/inbox">the inbox</a> to see exactly what Amplitude AI Feedback and BuildBetter would receive.</p>
<p>More: <a href="/demo/">a product page</a> (script tag), <a href="/demo/spa.html">a single-page app</a>
(npm package and custom elements), <a href="/demo/nps.html">NPS and CSAT prompts</a>,
<a href="/healthz">/healthz</a>.</p>
</main>
</body></html>`.value;
}

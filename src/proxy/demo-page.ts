import { Html, PAGE_STYLE, html } from './html.js';

/** `GET /` in local mode: a form that posts one Submission, for a first look in a minute. */
export function demoPage(feedbackPath: string): string {
  return html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>earful demo</title><style>${new Html(PAGE_STYLE)}</style></head>
<body>
<h1>earful</h1>
<p>The proxy is running on the <strong>local</strong> destination. Send some feedback, then open
<a href="/inbox">the inbox</a> to see exactly what Amplitude and BuildBetter would receive.</p>
<form id="f">
  <label for="kind">Kind</label>
  <select id="kind"><option value="feedback">feedback</option><option value="nps">nps (0–10)</option><option value="csat">csat (1–5)</option></select>
  <label for="score">Score (nps, csat)</label><input id="score" type="number" min="0" max="10">
  <label for="body">Message</label><textarea id="body" rows="4">Search is broken on mobile</textarea>
  <label for="uid">User id (links to Amplitude Analytics)</label><input id="uid" value="user-123">
  <label for="email">Email</label><input id="email" type="email" value="jane@example.com">
  <button>Send</button>
</form>
<pre id="out" aria-live="polite"></pre>
<script type="module">
const $ = (id) => document.getElementById(id);
$('f').addEventListener('submit', async (e) => {
  e.preventDefault();
  const kind = $('kind').value, score = $('score').value;
  const item = { id: crypto.randomUUID(), kind, body: $('body').value || undefined, url: location.href,
    createdAt: new Date().toISOString(), user: { id: $('uid').value || undefined, email: $('email').value || undefined } };
  if (kind !== 'feedback') item.score = Number(score);
  const res = await fetch(${new Html(JSON.stringify(feedbackPath).replace(/</g, '\\u003c'))}, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ items: [item] }) });
  $('out').textContent = res.status + '\\n' + JSON.stringify(await res.json(), null, 2);
});
</script>
</body></html>`.value;
}

// A small SPA using the npm package: a headless client, the mounted widget, and the custom
// elements, as an app built with any framework would use them.
import { createClient, defineElements, mount } from 'earful';

const client = createClient({ endpoint: '/v1/feedback' });
client.identify({ id: 'user-456', email: 'sam@example.com', name: 'Sam Lee' });
const widget = mount(document.body, { client, position: 'bottom-left', colorScheme: 'system' });
defineElements();

const app = document.getElementById('app')!;
const h = <K extends keyof HTMLElementTagNameMap>(tag: K, text: string) => Object.assign(document.createElement(tag), { textContent: text });

const title = h('h1', 'Settings');
const status = h('p', 'Your own UI can call the headless client too.');
status.setAttribute('role', 'status');
const quick = h('button', 'Send “Export is slow” without UI');
quick.type = 'button';
quick.addEventListener('click', async () => {
  const result = await client.submit({ kind: 'feedback', body: 'Export is slow', metadata: { screen: 'settings' } });
  if (result.status === 'failed') status.textContent = `Could not save: ${result.error}`;
  else status.textContent = result.status === 'queued' ? 'Saved: it will be sent when you are back online.' : 'Sent.';
});
const open = h('button', 'Open the feedback form');
open.type = 'button';
open.addEventListener('click', () => widget.open());

// The custom element, as a React/Vue/Svelte template would write it.
const element = document.createElement('earful-nps');
element.setAttribute('endpoint', '/v1/feedback');
element.setAttribute('user-id', 'user-456');

// The form itself, in place, as a settings page would show it.
const inlineForm = document.createElement('earful-feedback');
inlineForm.setAttribute('endpoint', '/v1/feedback');
inlineForm.setAttribute('inline', '');

app.append(title, status, quick, ' ', open, h('h2', 'How are we doing?'), element, h('h2', 'Tell us more'), inlineForm);

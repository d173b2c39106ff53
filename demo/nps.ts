// NPS shown by the targeting rules (or now, by the button), and an inline CSAT element.
import { createClient, defineElements, mount, resetPrompts } from 'earful';

const client = createClient({ endpoint: '/v1/feedback', user: { id: 'user-789' } });
// The demo asks on a first visit, after a second and a half; a real page keeps the defaults
// (never in a first session or on a first page, after 10 s of the page in view).
const nps = { minSessions: 1, minPageViews: 1, delayMs: 1_500 };
const widget = mount(document.body, { client, position: 'none', nps });
document.getElementById('nps')!.addEventListener('click', () => widget.nps());
document.getElementById('reset')!.addEventListener('click', async () => {
  await resetPrompts(client);
  location.reload();
});
defineElements();

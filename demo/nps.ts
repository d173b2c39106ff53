// NPS shown by the targeting rules (or now, by the button), and an inline CSAT element.
import { createClient, defineElements, mount } from 'earful';

const client = createClient({ endpoint: '/v1/feedback', user: { id: 'user-789' } });
const widget = mount(document.body, { client, position: 'none', nps: 'auto' });
document.getElementById('nps')!.addEventListener('click', () => widget.nps());
defineElements();

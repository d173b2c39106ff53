// Type test: the custom elements in Svelte markup, as svelte-check reads them.
import type {} from 'earful/jsx/svelte';
import type { SvelteHTMLElements } from 'svelte/elements';

export const feedback: SvelteHTMLElements['earful-feedback'] = { endpoint: '/v1/feedback', inline: true, 'user-hash': '9f2c…', class: 'x' };
export const nps: SvelteHTMLElements['earful-nps'] = { endpoint: '/v1/feedback', kind: 'nps' };
// @ts-expect-error a kind the element does not know
export const wrong: SvelteHTMLElements['earful-nps'] = { kind: 'ces' };

/**
 * `<earful-feedback>` and `<earful-nps>` in Svelte markup (svelte-check), through Svelte's
 * `SvelteHTMLElements`. Opt in once per app: `import type {} from 'earful/jsx/svelte';` in a
 * `.d.ts` or `app.d.ts` of the project.
 */
import type { HTMLAttributes } from 'svelte/elements';
import type { EarfulFeedbackAttributes, EarfulNpsAttributes } from '../element-attributes.js';

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
    'earful-feedback': HTMLAttributes<HTMLElement> & EarfulFeedbackAttributes;
    'earful-nps': HTMLAttributes<HTMLElement> & EarfulNpsAttributes;
  }
}

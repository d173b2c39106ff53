/**
 * `<earful-feedback>` and `<earful-nps>` in Vue templates (vue-tsc) and Vue JSX: Vue's own
 * interface of native elements' attributes. Opt in once per app:
 * `import type {} from 'earful/jsx/vue';` (or list `earful/jsx/vue` in tsconfig `types`). Tell
 * Vue's compiler they are custom elements: `compilerOptions.isCustomElement: (tag) => tag.startsWith('earful-')`.
 */
import type { HTMLAttributes } from 'vue';
import type { EarfulFeedbackAttributes, EarfulNpsAttributes } from '../element-attributes.js';

declare module 'vue' {
  interface IntrinsicElementAttributes {
    'earful-feedback': HTMLAttributes & EarfulFeedbackAttributes;
    'earful-nps': HTMLAttributes & EarfulNpsAttributes;
  }
}

/**
 * `<earful-feedback>` and `<earful-nps>` in Preact JSX. Opt in once per app:
 * `import type {} from 'earful/jsx/preact';` (or list `earful/jsx/preact` in tsconfig `types`).
 */
import type { HTMLAttributes } from 'preact';
import type { EarfulElementProperties, EarfulFeedbackAttributes, EarfulNpsAttributes } from '../element-attributes.js';

type ElementProps<Attributes> = HTMLAttributes<HTMLElement> & Attributes & EarfulElementProperties;

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
      'earful-feedback': ElementProps<EarfulFeedbackAttributes>;
      'earful-nps': ElementProps<EarfulNpsAttributes>;
    }
  }
}

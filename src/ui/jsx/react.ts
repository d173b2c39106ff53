/**
 * `<earful-feedback>` and `<earful-nps>` in React 19 JSX. Opt in once per app:
 * `import type {} from 'earful/jsx/react';` (or list `earful/jsx/react` in tsconfig `types`).
 * React 19 sets `client` as a property when the element is defined first (`defineElements()`).
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { EarfulElementProperties, EarfulFeedbackAttributes, EarfulNpsAttributes } from '../element-attributes.js';

type ElementProps<Attributes> = DetailedHTMLProps<HTMLAttributes<HTMLElement>, HTMLElement> & Attributes & EarfulElementProperties;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'earful-feedback': ElementProps<EarfulFeedbackAttributes>;
      'earful-nps': ElementProps<EarfulNpsAttributes>;
    }
  }
}

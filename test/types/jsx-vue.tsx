/** @jsxImportSource vue */
// Type test: the custom elements in Vue JSX; Vue templates (vue-tsc) read the same interface.
import type {} from 'earful/jsx/vue';
import type { IntrinsicElementAttributes } from 'vue';

export const feedback = () => <earful-feedback endpoint="/v1/feedback" user-id="user-123" inline />;
export const nps = () => <earful-nps endpoint="/v1/feedback" kind="csat" class="prompt" />;

// Vue's JSX takes any unknown element as `any`: the check is on the interface itself.
export const attributes: IntrinsicElementAttributes['earful-nps'] = { endpoint: '/v1/feedback', kind: 'csat', class: 'prompt' };
// @ts-expect-error a kind the element does not know
export const wrong: IntrinsicElementAttributes['earful-nps'] = { kind: 'ces' };

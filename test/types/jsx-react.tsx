/** @jsxImportSource react */
// Type test (checked by `tsc --noEmit` in `npm test`): the custom elements in a React 19 app.
// Without `earful/jsx/react` the first element fails with TS2339 ('earful-feedback' does not
// exist on type 'JSX.IntrinsicElements').
import type {} from 'earful/jsx/react';
import { createClient } from 'earful';

const client = createClient({ endpoint: '/v1/feedback' });

export const Page = () => (
  <main className="settings">
    <earful-feedback endpoint="/v1/feedback" user-id="user-123" user-hash="9f2c…" position="bottom-left" color-scheme="dark" />
    <earful-feedback inline client={client} />
    <earful-nps endpoint="/v1/feedback" kind="csat" onClick={() => {}} />
    {/* @ts-expect-error a position the element does not know */}
    <earful-feedback position="top-left" />
    {/* @ts-expect-error an attribute the element does not take */}
    <earful-nps endpont="/v1/feedback" />
  </main>
);

/** @jsxImportSource preact */
// Type test: the custom elements in a Preact app.
import type {} from 'earful/jsx/preact';

export const Page = () => (
  <main class="settings">
    <earful-feedback endpoint="/v1/feedback" user-email="jane@example.com" inline />
    <earful-nps endpoint="/v1/feedback" kind="nps" />
    {/* @ts-expect-error a kind the element does not know */}
    <earful-nps kind="ces" />
  </main>
);

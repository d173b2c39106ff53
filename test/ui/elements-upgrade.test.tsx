// @vitest-environment happy-dom
// Its own file, so the custom element registry is fresh: the element exists before it is defined.
import { waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { defineElements } from '../../src/ui/elements.js';
import { answeringClient } from './helpers.js';

describe('an element created before defineElements()', () => {
  it('keeps a client property set before it was upgraded', async () => {
    const { client } = answeringClient({ status: 'delivered' });
    const el = document.createElement('earful-feedback') as HTMLElement & { client?: unknown };
    el.client = client;
    document.body.append(el);
    expect(el.shadowRoot).toBeNull();
    defineElements();
    await waitFor(() => expect(el.shadowRoot).not.toBeNull());
    expect(within(el.shadowRoot!.querySelector('section')!).getByRole('button', { name: 'Feedback' })).toBeTruthy();
  });
});

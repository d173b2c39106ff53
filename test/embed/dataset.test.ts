// @vitest-environment node
// The script tag's data-* attributes (docs/api.md §2), as the browser hands them over in `dataset`.
import { describe, expect, it } from 'vitest';
import { optionsFromDataset } from '../../src/embed/commands.js';

describe('optionsFromDataset', () => {
  it('reads data-locale, data-nps="auto" and data-csat="auto"', () => {
    expect(optionsFromDataset({ endpoint: '/v1/feedback', locale: 'ja', nps: 'auto', csat: 'auto' })).toMatchObject({
      endpoint: '/v1/feedback',
      locale: 'ja',
      nps: 'auto',
      csat: 'auto',
    });
  });

  it('shows no prompt by itself for any other value', () => {
    const options = optionsFromDataset({ endpoint: '/v1/feedback', nps: 'yes', csat: '' });
    expect(options?.nps).toBeUndefined();
    expect(options?.csat).toBeUndefined();
  });
});

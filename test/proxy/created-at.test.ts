// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { clampCreatedAt } from '../../src/proxy/created-at.js';

const NOW = Date.parse('2026-11-23T12:00:00.000Z');

describe('clampCreatedAt', () => {
  it('keeps an honest time, clamps one more than five minutes ahead, and fills a missing one with now', () => {
    const createdAt = clampCreatedAt(NOW);
    expect(createdAt('2026-11-23T12:04:59.999Z')).toBe('2026-11-23T12:04:59.999Z');
    expect(createdAt('2026-11-23T12:05:00.000Z')).toBe('2026-11-23T12:05:00.000Z');
    expect(createdAt('2026-11-23T12:05:00.001Z')).toBe('2026-11-23T12:00:00.000Z');
    expect(createdAt('1999-01-01T00:00:00.000Z')).toBe('1999-01-01T00:00:00.000Z');
    expect(createdAt(undefined)).toBe('2026-11-23T12:00:00.000Z');
  });
});

// @vitest-environment node
// This tab's records: one cache, one rule for dropping an entry.
import { describe, expect, it } from 'vitest';
import { enqueue } from '../../src/client/outbox/enqueue.js';
import type { OutboxRecord } from '../../src/client/outbox/record.js';
import { mapTx, tables } from '../../src/client/store.js';
import { createTabRecords } from '../../src/client/tab-records.js';

const T0 = Date.parse('2026-11-23T12:00:00Z');
const caps = { maxItems: 10, maxBytes: 1e6 };

async function queue(): Promise<OutboxRecord[]> {
  const t = tables();
  return [
    await enqueue(mapTx(t), { id: 'a', kind: 'feedback', body: 'a' }, T0, caps),
    await enqueue(mapTx(t), { id: 'score', kind: 'nps', score: 9 }, T0, caps, { holdMs: 60_000 }),
    await enqueue(mapTx(t), { id: 'c', kind: 'feedback', body: 'c' }, T0, caps),
  ];
}

describe('tab records', () => {
  it('offers a beacon what this tab wrote and has neither claimed nor sent', async () => {
    const [a, score, c] = await queue();
    const records = createTabRecords();
    for (const record of [a!, score!, c!]) records.wrote(record);
    records.claimed([a!]);
    records.sending([c!]);
    expect(records.unsent()).toEqual([score]);
    // Rewritten by this tab (a comment): a beacon may carry the new revision.
    const withComment = { ...c!, rev: 2 };
    records.wrote(withComment);
    expect(records.unsent()).toEqual([score, withComment]);
  });

  it('drops what left the outbox, except a held score, which stays until its follow-up ends', async () => {
    const [a, score, c] = await queue();
    const records = createTabRecords();
    for (const record of [a!, score!, c!]) records.wrote(record);
    const retried = { ...c!, attempts: 1, rev: 2 };
    records.settled({ delivered: ['a', 'score'], rejected: [], kept: [retried], next: Infinity });
    expect(records.latest('a')).toBeUndefined();
    expect(records.latest('c')).toEqual(retried);
    expect(records.latest('score')).toEqual(score);
    expect(records.held('c')).toBeUndefined(); // not a held score
    expect(records.held('score')).toEqual(score);
    expect(records.held('score')).toEqual(score); // looking does not take it: a failed follow-up may try again
    records.endFollowUp('c');
    expect(records.latest('c')).toEqual(retried); // only a held score goes
    records.endFollowUp('score');
    expect([records.held('score'), records.latest('score')]).toEqual([undefined, undefined]);
  });
});

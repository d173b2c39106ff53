// @vitest-environment node
// Prompt state per user, and how an app resets it.
import { describe, expect, it } from 'vitest';
import { changePrompt, promptKey, resetPrompts } from '../../src/ui/prompt-state.js';
import { type PromptState, answered, dismissed, shown } from '../../src/ui/targeting.js';
import { IDBFactory } from '../fake-idb.js';
import { createClient } from '../../src/client/client.js';

const visits: PromptState = { seenAt: 1, roll: 0.2, lastSeenAt: 5, sessions: 3, pageViews: 9 };

/** A real client on fake-indexeddb: `remember` as the widget uses it. */
const client = (user?: { id: string }) =>
  createClient({ endpoint: 'http://127.0.0.1/v1/feedback', indexedDB: new IDBFactory(), autoFlush: false, locks: null, user });

describe('prompt state', () => {
  it('keeps one state per user, and one for the anonymous visitor', async () => {
    const jane = client({ id: 'jane' });
    await changePrompt(jane, 'nps', (s) => answered(s, 10));
    expect(await jane.remember(promptKey('nps', 'jane'), (s) => s)).toEqual({ answeredAt: 10, impressions: 0 });
    expect(await jane.remember(promptKey('nps'), (s) => s)).toBeUndefined();
    jane.identify({ id: 'sam' });
    expect(await changePrompt(jane, 'nps', (s) => s)).toEqual({});
    jane.destroy();
  });

  it('resetPrompts forgets every ask of the current user for both prompts, keeping their visits', async () => {
    const jane = client({ id: 'jane' });
    await changePrompt(jane, 'nps', (s) => dismissed(shown(answered({ ...s, ...visits }, 10), 20), 30));
    await changePrompt(jane, 'csat', (s) => shown({ ...s, ...visits }, 20));
    await resetPrompts(jane);
    expect(await changePrompt(jane, 'nps', (s) => s)).toEqual(visits);
    expect(await changePrompt(jane, 'csat', (s) => s)).toEqual(visits);
    jane.destroy();
  });

  it('resetPrompts leaves other users alone', async () => {
    const shared = client({ id: 'jane' });
    await changePrompt(shared, 'nps', (s) => answered(s, 10));
    shared.identify({ id: 'sam' });
    await resetPrompts(shared);
    shared.identify({ id: 'jane' });
    expect(await changePrompt(shared, 'nps', (s) => s)).toEqual({ answeredAt: 10, impressions: 0 });
    shared.destroy();
  });
});

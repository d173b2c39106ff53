// @vitest-environment happy-dom
// The script tag's entry with the UI: Earful('init') mounts the widget into document.body,
// the commands drive it, and a submission from the UI is announced as `submitted`.
import { fireEvent, waitFor, within } from '@testing-library/preact';
import { IDBFactory } from '../fake-idb.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EarfulCommand } from '../../src/embed/commands.js';
import type { Submission } from '../../src/schema/submission.js';

type Win = Window & { Earful?: EarfulCommand };

// The script tag downloads its drawing module from beside earful.js (src/embed/load-ui.ts); here
// there is no server, so it is this checkout's module. The download itself, and what happens
// when it fails, are tested in Chromium (test/browser/widget.test.ts).
vi.mock('../../src/embed/load-ui.js', async (original) => ({
  ...(await original<typeof import('../../src/embed/load-ui.js')>()),
  uiLoader: () => () => import('../../src/ui/surfaces.js'),
}));

afterEach(() => {
  (window as Win).Earful?.('destroy');
  delete (window as Win).Earful;
  document.body.replaceChildren();
  localStorage.clear();
  vi.resetModules();
});

/** Loads the script-tag entry with `calls` queued before it, as the snippet does; resolves once it has started. */
async function load(...calls: unknown[][]) {
  const stub = Object.assign(() => {}, { q: calls }) as unknown as EarfulCommand;
  (window as Win).Earful = stub;
  await import('../../src/embed/index.js');
  await vi.waitFor(() => expect((window as Win).Earful).not.toBe(stub));
  return (window as Win).Earful!;
}

function initOptions(extra: object = {}) {
  // The client's test seams, passed through init like any other option.
  const sent: Submission[] = [];
  const fetch: typeof globalThis.fetch = async (_url, init) => {
    const items = JSON.parse(String(init!.body)).items as Submission[];
    sent.push(...items);
    return new Response(JSON.stringify({ results: items.map(({ id }) => ({ id, status: 'delivered' })) }));
  };
  return {
    options: { endpoint: 'http://127.0.0.1/v1/feedback', indexedDB: new IDBFactory(), autoFlush: false, locks: null, fetch, ...extra },
    sent,
  };
}

const widget = () => within(document.body.querySelector('earful-widget')!.shadowRoot!.querySelector('section')!);

describe('the script tag with the UI', () => {
  it('starts in a task of its own, after the script has run; what the page calls meanwhile waits its turn', async () => {
    const { options } = initOptions();
    await import('../../src/embed/index.js'); // no stub on the page: the script makes one
    const early = (window as Win).Earful!;
    expect(document.body.querySelector('earful-widget')).toBeNull();
    early('init', options);
    early('open');
    await vi.waitFor(() => expect((window as Win).Earful).not.toBe(early));
    expect(await widget().findByRole('dialog', { name: 'Send feedback' })).toBeTruthy();
  });

  it('mounts the launcher into the page on init; open() opens the dialog', async () => {
    const { options } = initOptions();
    await load(['init', options], ['open']);
    expect(document.body.querySelectorAll('earful-widget')).toHaveLength(1);
    expect(await widget().findByRole('dialog', { name: 'Send feedback' })).toBeTruthy();
    // The launcher stays in the page while its dialog is open, hidden, so that focus can come back to it.
    const launcher = widget().getAllByRole('button', { hidden: true }).find((b) => b.getAttribute('aria-label') === 'Feedback');
    expect(launcher?.hidden).toBe(true);
    expect(widget().queryByRole('button', { name: 'Feedback' })).toBeNull();
  });

  it('emits submitted with the result when the user sends from the dialog', async () => {
    const { options, sent } = initOptions();
    const submitted = vi.fn();
    const Earful = await load(['init', options], ['on', 'submitted', submitted]);
    Earful('open');
    fireEvent.input(await widget().findByLabelText(/^Message/), { target: { value: 'From the page' } });
    fireEvent.click(widget().getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(submitted).toHaveBeenCalledWith(expect.objectContaining({ status: 'delivered' })));
    expect(sent).toEqual([expect.objectContaining({ body: 'From the page' })]);
  });

  // A submission the client cannot even stamp (metadata JSON cannot hold) is answered, not thrown:
  // an 'error' event and a failed result, also for a call queued before the script loaded.
  it('answers a submit it cannot take with an error event and a failed result, never a rejection', async () => {
    const { options } = initOptions();
    const errors = vi.fn();
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const Earful = await load(['init', options], ['on', 'error', errors]);
    const answer = await (Earful('submit', { kind: 'feedback', body: 'x', metadata: circular }) as Promise<unknown>);
    expect(answer).toEqual({ id: '', status: 'failed', error: expect.any(String) });
    const big = await (Earful('submit', { kind: 'feedback', body: 'x', metadata: { n: 1n } }) as Promise<unknown>);
    expect(big).toEqual({ id: '', status: 'failed', error: expect.any(String) });
    expect(errors).toHaveBeenCalledTimes(2);
  });

  it('shows no launcher with position none, and still opens on command', async () => {
    const { options } = initOptions({ position: 'none' });
    await load(['init', options], ['open']);
    expect(widget().queryByRole('button', { name: 'Feedback' })).toBeNull();
    expect(await widget().findByRole('dialog')).toBeTruthy();
  });

  it("Earful('nps') and Earful('csat') show a prompt now, and the rules passed to init show it by itself", async () => {
    const { options } = initOptions();
    const Earful = await load(['init', options]);
    expect(widget().queryByRole('radiogroup')).toBeNull();
    Earful('nps');
    expect(await widget().findByRole('radiogroup', { name: /How likely/ })).toBeTruthy();
    Earful('csat');
    expect(await widget().findByRole('radiogroup', { name: /How satisfied/ })).toBeTruthy();
    // Rules that allow a first visit at once (the defaults never ask one).
    Earful('init', initOptions({ nps: { minSessions: 1, minPageViews: 1, delayMs: 0 } }).options);
    expect(await widget().findByRole('radiogroup', { name: /How likely/ })).toBeTruthy();
  });

  it('identify() prefills the email; destroy() removes the widget', async () => {
    const { options } = initOptions();
    const Earful = await load(['init', options], ['identify', { id: 'u1', email: 'jane@example.com' }], ['open']);
    expect(((await widget().findByLabelText('Email')) as HTMLInputElement).value).toBe('jane@example.com');
    Earful('destroy');
    expect(document.body.querySelector('earful-widget')).toBeNull();
  });
});

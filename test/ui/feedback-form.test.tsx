// @vitest-environment happy-dom
// The feedback form on its own: what a click submits, and what the user is told afterwards.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SubmitResult } from '../../src/client/client.js';
import ja from '../../src/locales/ja.js';
import { FeedbackForm, SENT_CLOSE_MS } from '../../src/ui/feedback-form.js';
import { answeringClient, fakeClient, realClient } from './helpers.js';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const MESSAGE = /^Message/;
const type = (label: string | RegExp, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });
const send = () => fireEvent.click(screen.getByRole('button', { name: 'Send' }));
/** The status after Send: its heading and the line under it. */
const status = async () => (await screen.findByRole('status')).textContent;

describe('FeedbackForm', () => {
  it('refuses an empty message: nothing is submitted, the field is marked, described and focused', async () => {
    const { client } = fakeClient();
    render(<FeedbackForm client={client} />);
    type(MESSAGE, '   ');
    send();
    const message = screen.getByLabelText(MESSAGE);
    await waitFor(() => expect(message.getAttribute('aria-invalid')).toBe('true'));
    expect(client.submit).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(message);
    const error = screen.getByText('Please fill in this field.');
    expect(error.id).toBe(message.getAttribute('aria-describedby'));
    expect(error.querySelector('svg')).not.toBeNull(); // the error's icon
  });

  it('focuses the first field with a problem, in the order the form shows them', async () => {
    const { client } = fakeClient();
    render(<FeedbackForm client={client} fields={{ name: 'required', email: 'optional' }} />);
    type(MESSAGE, 'Hello');
    type('Email', 'not-an-email');
    send();
    const name = screen.getByLabelText(/^Name/);
    await waitFor(() => expect(document.activeElement).toBe(name));
    expect(screen.getByLabelText('Email').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/Please enter an email address/).id).toBe(screen.getByLabelText('Email').getAttribute('aria-describedby'));
  });

  it('marks the required message visibly, and leaves the optional email unmarked', () => {
    render(<FeedbackForm client={fakeClient().client} />);
    const message = screen.getByLabelText(MESSAGE) as HTMLTextAreaElement;
    expect(message.required).toBe(true);
    expect(message.closest('label')!.textContent).toBe('Message (required)');
    expect((screen.getByLabelText('Email') as HTMLInputElement).required).toBe(false);
    expect(message.placeholder).toBeTruthy();
    expect((screen.getByLabelText('Email') as HTMLInputElement).placeholder).toBe('you@example.com');
    cleanup();
    // Japanese and Chinese put no space before their full-width brackets: the translation says so.
    render(<FeedbackForm client={fakeClient().client} strings={ja} />);
    expect(screen.getByLabelText(/^メッセージ/).closest('label')!.textContent).toBe('メッセージ（必須）');
  });

  it('sends the message with the email as the user and says it was sent once delivered', async () => {
    const { client, sent } = realClient();
    render(<FeedbackForm client={client} />);
    type(MESSAGE, 'Search is broken on mobile');
    type('Email', 'jane@example.com');
    send();
    expect(await status()).toBe('Thanks — sentYour feedback has reached the team.');
    expect(sent).toEqual([
      expect.objectContaining({ kind: 'feedback', body: 'Search is broken on mobile', user: { email: 'jane@example.com' } }),
    ]);
    expect(screen.queryByLabelText(MESSAGE)).toBeNull();
    client.destroy();
  });

  it('with a real client that cannot reach the proxy, says "saved on this device", never "sent"', async () => {
    const { client } = realClient({ online: false });
    render(<FeedbackForm client={client} />);
    type(MESSAGE, 'Offline feedback');
    send();
    const said = await status();
    expect(said).toMatch(/^Saved on this device/);
    expect(said).not.toMatch(/Thanks — sent/);
    expect(await client.pending()).toEqual([expect.objectContaining({ submission: expect.objectContaining({ body: 'Offline feedback' }) })]);
    client.destroy();
  });

  // The four honest states (CONTRACT.md): the wording follows the client's answer, not a guess.
  const queued = (extra: Partial<Extract<SubmitResult, { status: 'queued' }>>) => ({ status: 'queued', durability: 'indexeddb', ...extra }) as const;
  it.each([
    ['offline', queued({ problem: 'offline' }), 'Saved on this device', "You're offline. It will be sent when you're back online."],
    ['unreachable', queued({ problem: 'unreachable' }), 'Saved on this device', "The server can't be reached right now. It will be sent when it can."],
    ['unavailable', queued({ problem: 'unavailable' }), 'Saved on this device', 'The server is busy. It will be sent in a little while.'],
    ['misconfigured', queued({ problem: 'misconfigured' }), 'Saved on this device', "The feedback service isn't answering as it should. It will be sent once it does."],
    ['no attempt finished yet', queued({}), 'Saved on this device', 'It will be sent as soon as the server answers.'],
    ['memory only', queued({ durability: 'memory', problem: 'unreachable' }), 'Saved for this visit only', "This browser won't keep it after you leave: it is sent if the server answers before then."],
    // Never "saved on this device" for what lives in memory only, even when the origin is refused.
    ['memory only, origin refused', queued({ durability: 'memory', problem: 'refused' }), 'Saved for this visit only', "This browser won't keep it after you leave: it is sent if the server answers before then."],
    ['refused origin', queued({ problem: 'refused' }), 'Not sent yet', "This site's feedback service doesn't accept messages from this page. It's saved on this device until it does."],
  ])('queued (%s): says what happened and what comes next', async (_name, result, title, detail) => {
    const { client } = answeringClient(result);
    render(<FeedbackForm client={client} />);
    type(MESSAGE, 'Hello');
    send();
    await screen.findByRole('status');
    expect(screen.getByText(title)).toBeTruthy();
    expect(screen.getByText(detail)).toBeTruthy();
    expect(screen.queryByText(/offline/)).toBe(result.problem === 'offline' ? screen.getByText(detail) : null);
  });

  it('says sent for an item the proxy accepted into its queue (EARFUL_QUEUE), as for one delivered', async () => {
    const { client } = answeringClient({ status: 'accepted' });
    render(<FeedbackForm client={client} />);
    type(MESSAGE, 'Hello');
    send();
    await screen.findByRole('status');
    expect(screen.getByText('Thanks — sent')).toBeTruthy();
  });

  it('keeps the draft after a failure, says so, and retries under the same id', async () => {
    const { client, answer } = fakeClient();
    render(<FeedbackForm client={client} />);
    type(MESSAGE, 'Please keep me');
    send();
    answer({ status: 'failed', error: 'storage refused' });
    expect((await screen.findByRole('alert')).textContent).toBe('Not sent. Your message is kept — please try again.');
    expect((screen.getByLabelText(MESSAGE) as HTMLTextAreaElement).value).toBe('Please keep me');
    send();
    await waitFor(() => expect(client.submit).toHaveBeenCalledTimes(2));
    const [first, second] = client.submit.mock.calls.map(([input]) => input as { id?: string });
    expect(second!.id).toBe('id-1');
    expect(first!.id).toBeUndefined();
  });

  it("points at the email field when the client's check refuses it", async () => {
    const { client, answer } = fakeClient();
    render(<FeedbackForm client={client} fields={{ email: 'optional' }} />);
    type(MESSAGE, 'Hello');
    type('Email', 'jane@example.com');
    send();
    answer({ status: 'failed', error: 'user.email: invalid email', path: 'user.email' });
    await waitFor(() => expect(screen.getByLabelText('Email').getAttribute('aria-invalid')).toBe('true'));
    expect(document.activeElement).toBe(screen.getByLabelText('Email'));
    expect((screen.getByLabelText(MESSAGE) as HTMLTextAreaElement).value).toBe('Hello');
  });

  it('disables Send while submitting, so a double submit is one submission', async () => {
    const { client, answer } = fakeClient();
    render(<FeedbackForm client={client} />);
    type(MESSAGE, 'Twice?');
    send();
    const button = await screen.findByRole('button', { name: 'Sending…' });
    expect((button as HTMLButtonElement).disabled).toBe(true);
    fireEvent.submit(button.closest('form')!);
    expect(client.submit).toHaveBeenCalledTimes(1);
    answer({ status: 'delivered' });
    expect(await status()).toMatch(/^Thanks — sent/);
  });

  it('a real double click is still one submission upstream', async () => {
    const { client, sent } = realClient();
    render(<FeedbackForm client={client} />);
    type(MESSAGE, 'Double click');
    const button = screen.getByRole('button', { name: 'Send' });
    fireEvent.click(button);
    fireEvent.click(button);
    await screen.findByRole('status');
    expect(sent).toHaveLength(1);
    client.destroy();
  });

  it('hides the name field by default', () => {
    render(<FeedbackForm client={fakeClient().client} />);
    expect(screen.queryByLabelText(/Name/)).toBeNull();
    expect(screen.getByLabelText('Email')).toBeTruthy();
  });

  it('requires the fields the app requires, and leaves out hidden ones', async () => {
    const { client } = answeringClient({ status: 'delivered' });
    render(<FeedbackForm client={client} fields={{ name: 'required', email: 'hidden' }} />);
    expect(screen.queryByLabelText(/Email/)).toBeNull();
    type(MESSAGE, 'Hello');
    send();
    await waitFor(() => expect(screen.getByLabelText(/^Name/).getAttribute('aria-invalid')).toBe('true'));
    expect(client.submit).not.toHaveBeenCalled();
    type(/^Name/, 'Jane');
    send();
    await screen.findByRole('status');
    expect(client.submit.mock.calls[0]![0]).toMatchObject({ body: 'Hello', user: { name: 'Jane' } });
  });

  it('rejects a malformed email before submitting', async () => {
    const { client } = fakeClient();
    render(<FeedbackForm client={client} />);
    type(MESSAGE, 'Hello');
    type('Email', 'not-an-email');
    send();
    expect(await screen.findByText('Please enter an email address, like name@example.com.')).toBeTruthy();
    expect(client.submit).not.toHaveBeenCalled();
  });

  it('prefills name and email from the identified user', async () => {
    const { client } = answeringClient({ status: 'delivered' });
    render(<FeedbackForm client={client} fields={{ name: 'optional' }} user={{ id: 'u1', name: 'Jane', email: 'jane@example.com' }} />);
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('Jane');
    expect((screen.getByLabelText('Email') as HTMLInputElement).value).toBe('jane@example.com');
    type(MESSAGE, 'Hi');
    send();
    await screen.findByRole('status');
    expect(client.submit.mock.calls[0]![0]).toMatchObject({ user: { name: 'Jane', email: 'jane@example.com' } });
  });

  it('in place, has no Cancel, and keeps its status on screen', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { client } = answeringClient({ status: 'delivered' });
    render(<FeedbackForm client={client} />);
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    type(MESSAGE, 'First');
    send();
    await vi.waitFor(() => expect(screen.getByRole('status')).toBeTruthy());
    act(() => void vi.advanceTimersByTime(SENT_CLOSE_MS * 2));
    expect(screen.getByRole('status').textContent).toMatch(/^Thanks — sent/);
  });

  it('with onClose, Cancel closes it, and "sent" closes it by itself after a few seconds', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { client } = answeringClient({ status: 'delivered' });
    const onClose = vi.fn();
    render(<FeedbackForm client={client} onClose={onClose} />);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onClose).toHaveBeenCalledTimes(1);
    type(MESSAGE, 'Hello');
    send();
    await vi.waitFor(() => expect(screen.getByRole('status')).toBeTruthy());
    act(() => void vi.advanceTimersByTime(SENT_CLOSE_MS - 100));
    expect(onClose).toHaveBeenCalledTimes(1);
    act(() => void vi.advanceTimersByTime(100));
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it('in the dialog, a saved status waits to be closed', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { client } = answeringClient({ status: 'queued', durability: 'indexeddb', problem: 'offline' } as const);
    const onClose = vi.fn();
    render(<FeedbackForm modal client={client} onClose={onClose} />);
    type(MESSAGE, 'Hello');
    send();
    await vi.waitFor(() => expect(screen.getByRole('status')).toBeTruthy());
    act(() => void vi.advanceTimersByTime(SENT_CLOSE_MS * 3));
    expect(onClose).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it("leaves Escape to the app when it has nothing to close (a form inside the app's own dialog)", () => {
    let reached = false;
    document.addEventListener('keydown', () => (reached = true), { once: true });
    render(<FeedbackForm client={fakeClient().client} />);
    fireEvent.keyDown(screen.getByLabelText(MESSAGE), { key: 'Escape' });
    expect(reached).toBe(true);
  });

  it('takes its words from `strings`', () => {
    render(<FeedbackForm client={fakeClient().client} strings={{ message: 'Nachricht', send: 'Senden' }} />);
    expect(screen.getByLabelText(/^Nachricht/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Senden' })).toBeTruthy();
  });
});

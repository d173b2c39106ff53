// @vitest-environment happy-dom
// The feedback form on its own: what a click submits, and what the user is told afterwards.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { FeedbackForm } from '../../src/ui/feedback-form.js';
import { answeringClient, fakeClient, realClient } from './helpers.js';

afterEach(cleanup);

const type = (label: string | RegExp, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });
const send = () => fireEvent.click(screen.getByRole('button', { name: 'Send' }));

describe('FeedbackForm', () => {
  it('refuses an empty message: nothing is submitted, the field is marked and focused', async () => {
    const { client } = fakeClient();
    render(<FeedbackForm client={client} />);
    type('Message', '   ');
    send();
    const message = screen.getByLabelText('Message');
    await waitFor(() => expect(message.getAttribute('aria-invalid')).toBe('true'));
    expect(client.submit).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(message);
    expect(screen.getByText('Please fill in this field.').id).toBe(message.getAttribute('aria-describedby'));
  });

  it('sends the message with the email as the user and says "Thanks — sent" once delivered', async () => {
    const { client, sent } = realClient();
    render(<FeedbackForm client={client} />);
    type('Message', 'Search is broken on mobile');
    type('Email (optional)', 'jane@example.com');
    send();
    expect(await screen.findByText('Thanks — sent')).toBeTruthy();
    expect(sent).toEqual([
      expect.objectContaining({ kind: 'feedback', body: 'Search is broken on mobile', user: { email: 'jane@example.com' } }),
    ]);
    expect(screen.queryByLabelText('Message')).toBeNull();
    client.destroy();
  });

  it('says "Saved — it will be sent when you\'re back online" when the proxy cannot be reached', async () => {
    const { client } = realClient({ online: false });
    render(<FeedbackForm client={client} />);
    type('Message', 'Offline feedback');
    send();
    expect(await screen.findByText("Saved — it will be sent when you're back online")).toBeTruthy();
    expect(await client.pending()).toEqual([expect.objectContaining({ submission: expect.objectContaining({ body: 'Offline feedback' }) })]);
    client.destroy();
  });

  it('keeps the draft after a failure and retries under the same id', async () => {
    const { client, answer } = fakeClient();
    render(<FeedbackForm client={client} />);
    type('Message', 'Please keep me');
    send();
    answer({ status: 'failed', error: 'storage refused' });
    expect(await screen.findByText(/Not sent/)).toBeTruthy();
    expect((screen.getByLabelText('Message') as HTMLTextAreaElement).value).toBe('Please keep me');
    send();
    await waitFor(() => expect(client.submit).toHaveBeenCalledTimes(2));
    const [first, second] = client.submit.mock.calls.map(([input]) => input as { id?: string });
    expect(second!.id).toBe('id-1');
    expect(first!.id).toBeUndefined();
  });

  it('points at the email field when the stricter wire check refuses it', async () => {
    const { client, answer } = fakeClient();
    render(<FeedbackForm client={client} fields={{ email: 'optional' }} />);
    type('Message', 'Hello');
    type('Email (optional)', 'jane@localhost');
    send();
    answer({ status: 'failed', error: 'user.email: invalid email' });
    await waitFor(() => expect(screen.getByLabelText('Email (optional)').getAttribute('aria-invalid')).toBe('true'));
    expect((screen.getByLabelText('Message') as HTMLTextAreaElement).value).toBe('Hello');
  });

  it('disables Send while submitting, so a double submit is one submission', async () => {
    const { client, answer } = fakeClient();
    render(<FeedbackForm client={client} />);
    type('Message', 'Twice?');
    send();
    const button = await screen.findByRole('button', { name: 'Sending…' });
    expect((button as HTMLButtonElement).disabled).toBe(true);
    fireEvent.submit(button.closest('form')!);
    expect(client.submit).toHaveBeenCalledTimes(1);
    answer({ status: 'delivered' });
    expect(await screen.findByText('Thanks — sent')).toBeTruthy();
  });

  it('a real double click is still one submission upstream', async () => {
    const { client, sent } = realClient();
    render(<FeedbackForm client={client} />);
    type('Message', 'Double click');
    const button = screen.getByRole('button', { name: 'Send' });
    fireEvent.click(button);
    fireEvent.click(button);
    await screen.findByText('Thanks — sent');
    expect(sent).toHaveLength(1);
    client.destroy();
  });

  it('hides the name field and marks email optional by default', () => {
    render(<FeedbackForm client={fakeClient().client} />);
    expect(screen.queryByLabelText(/Name/)).toBeNull();
    expect(screen.getByLabelText('Email (optional)')).toBeTruthy();
    expect((screen.getByLabelText('Message') as HTMLTextAreaElement).required).toBe(true);
  });

  it('requires the fields the app requires, and leaves out hidden ones', async () => {
    const { client } = answeringClient({ status: 'delivered' });
    render(<FeedbackForm client={client} fields={{ name: 'required', email: 'hidden' }} />);
    expect(screen.queryByLabelText(/Email/)).toBeNull();
    type('Message', 'Hello');
    send();
    await waitFor(() => expect(screen.getByLabelText('Name').getAttribute('aria-invalid')).toBe('true'));
    expect(client.submit).not.toHaveBeenCalled();
    type('Name', 'Jane');
    send();
    await screen.findByText('Thanks — sent');
    expect(client.submit.mock.calls[0]![0]).toMatchObject({ body: 'Hello', user: { name: 'Jane' } });
  });

  it('rejects a malformed email before submitting', async () => {
    const { client } = fakeClient();
    render(<FeedbackForm client={client} />);
    type('Message', 'Hello');
    type('Email (optional)', 'not-an-email');
    send();
    expect(await screen.findByText('Please check this field.')).toBeTruthy();
    expect(client.submit).not.toHaveBeenCalled();
  });

  it('prefills name and email from the identified user', async () => {
    const { client } = answeringClient({ status: 'delivered' });
    render(<FeedbackForm client={client} fields={{ name: 'optional' }} user={{ id: 'u1', name: 'Jane', email: 'jane@example.com' }} />);
    expect((screen.getByLabelText('Name (optional)') as HTMLInputElement).value).toBe('Jane');
    expect((screen.getByLabelText('Email (optional)') as HTMLInputElement).value).toBe('jane@example.com');
    type('Message', 'Hi');
    send();
    await screen.findByText('Thanks — sent');
    expect(client.submit.mock.calls[0]![0]).toMatchObject({ user: { name: 'Jane', email: 'jane@example.com' } });
  });

  it('leaves Escape to the app when it has nothing to close (a form inside the app\'s own dialog)', () => {
    let reached = false;
    document.addEventListener('keydown', () => (reached = true), { once: true });
    render(<FeedbackForm client={fakeClient().client} />);
    fireEvent.keyDown(screen.getByLabelText('Message'), { key: 'Escape' });
    expect(reached).toBe(true);
  });

  it('takes its words from `strings`', () => {
    render(<FeedbackForm client={fakeClient().client} strings={{ message: 'Nachricht', send: 'Senden' }} />);
    expect(screen.getByLabelText('Nachricht')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Senden' })).toBeTruthy();
  });
});

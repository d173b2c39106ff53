// @vitest-environment happy-dom
// The NPS and CSAT prompts: a radio group whose choice is queued at once, a comment that ends
// the follow-up, and a prompt that leaves the page's focus and keys alone.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CsatPrompt, HOLD_MS, NpsPrompt, THANKS_CLOSE_MS } from '../../src/ui/scale-prompt.js';
import { answeringClient, realClient } from './helpers.js';

afterEach(cleanup);

const queued = { status: 'queued', durability: 'indexeddb' } as const;
const question = /How likely are you to recommend/;

describe('NpsPrompt', () => {
  it('asks with a radio group of 11 scores, 0 to 10, whose ends are described', () => {
    render(<NpsPrompt client={answeringClient(queued).client} />);
    const group = screen.getByRole('radiogroup', { name: question });
    const radios = screen.getAllByRole('radio');
    expect(radios.map((r) => r.closest('label')!.textContent)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(radios.every((r) => group.contains(r))).toBe(true);
    const describedBy = (n: string) => document.getElementById(screen.getByRole('radio', { name: n }).getAttribute('aria-describedby')!)?.textContent;
    expect(describedBy('0')).toBe('Not likely');
    expect(describedBy('10')).toBe('Very likely');
    expect(screen.getByRole('radio', { name: '5' }).hasAttribute('aria-describedby')).toBe(false);
  });

  it('queues a score of 0 the moment it is chosen, held for the comment', async () => {
    const { client } = answeringClient(queued);
    render(<NpsPrompt client={client} />);
    fireEvent.click(screen.getByRole('radio', { name: '0' }));
    expect(client.submit).toHaveBeenCalledTimes(1);
    expect(client.submit).toHaveBeenCalledWith({ id: undefined, kind: 'nps', score: 0 }, { holdMs: HOLD_MS });
    expect((screen.getByRole('radio', { name: '0' }) as HTMLInputElement).checked).toBe(true);
    expect(await screen.findByLabelText(/What is the main reason/)).toBeTruthy();
  });

  it('re-queues a changed choice under the same id', async () => {
    const { client } = answeringClient(queued);
    render(<NpsPrompt client={client} />);
    fireEvent.click(screen.getByRole('radio', { name: '3' }));
    fireEvent.click(screen.getByRole('radio', { name: '9' }));
    await waitFor(() => expect(client.submit).toHaveBeenCalledTimes(2));
    expect(client.submit.mock.calls[1]![0]).toEqual({ id: 'id-1', kind: 'nps', score: 9 });
  });

  it('sends the comment with followUp and thanks the user', async () => {
    const { client } = answeringClient(queued);
    const onResult = vi.fn();
    render(<NpsPrompt client={client} onResult={onResult} />);
    fireEvent.click(screen.getByRole('radio', { name: '7' }));
    fireEvent.input(await screen.findByLabelText(/What is the main reason/), { target: { value: ' Fast search ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    const thanks = await screen.findByRole('status');
    expect(thanks.textContent).toBe('Thank you!It will be sent as soon as the server answers.');
    await waitFor(() => expect(document.activeElement).toBe(thanks));
    await waitFor(() => expect(client.followUp).toHaveBeenCalledWith('id-1', 'Fast search'));
    await waitFor(() => expect(onResult).toHaveBeenCalledWith(expect.objectContaining({ id: 'id-1' })));
  });

  it('keeps the score for another Send when the follow-up fails, with the comment still on screen', async () => {
    const { client } = answeringClient(queued);
    client.followUp.mockResolvedValueOnce({ id: 'id-1', status: 'failed', error: 'QuotaExceededError' });
    render(<NpsPrompt client={client} />);
    fireEvent.click(screen.getByRole('radio', { name: '7' }));
    fireEvent.input(await screen.findByLabelText(/What is the main reason/), { target: { value: 'Fast search' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Not sent/);
    expect((screen.getByLabelText(/What is the main reason/) as HTMLTextAreaElement).value).toBe('Fast search');
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect((await screen.findByRole('status')).textContent).toMatch(/^Thank you!/);
    expect(client.followUp.mock.calls).toEqual([
      ['id-1', 'Fast search'],
      ['id-1', 'Fast search'],
    ]);
    expect(client.submit).toHaveBeenCalledTimes(1);
  });

  it('gives focus back to where it came from when it closes itself after the thanks', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { client } = answeringClient({ status: 'delivered' });
    client.followUp.mockResolvedValue({ id: 'id-1', status: 'delivered' });
    const page = document.body.appendChild(document.createElement('button'));
    page.textContent = 'On the page';
    const onClose = vi.fn();
    const { rerender } = render(<NpsPrompt client={client} corner onClose={onClose} />);
    page.focus();
    // Tab from the page into the prompt's first score.
    const seven = screen.getByRole('radio', { name: '7' });
    seven.focus();
    fireEvent.focusIn(seven, { relatedTarget: page });
    fireEvent.click(seven);
    fireEvent.click(await screen.findByRole('button', { name: 'Send' }));
    await vi.waitFor(() => expect(screen.getByRole('status')).toBeTruthy());
    act(() => void vi.advanceTimersByTime(THANKS_CLOSE_MS));
    expect(onClose).toHaveBeenCalledWith(true);
    rerender(<div />); // the widget takes the closed prompt away
    await vi.waitFor(() => expect(document.activeElement).toBe(page));
    vi.useRealTimers();
    page.remove();
  });

  it('still records the score when closed after choosing one', async () => {
    const { client } = answeringClient(queued);
    const onClose = vi.fn();
    render(<NpsPrompt client={client} onClose={onClose} />);
    fireEvent.click(screen.getByRole('radio', { name: '0' }));
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(client.followUp).toHaveBeenCalledWith('id-1', undefined));
    expect(onClose).toHaveBeenCalledWith(true);
  });

  it('submits nothing when closed without a score, and says so', () => {
    const { client } = answeringClient(queued);
    const onClose = vi.fn();
    render(<NpsPrompt client={client} onClose={onClose} />);
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(client.submit).not.toHaveBeenCalled();
    expect(client.followUp).not.toHaveBeenCalled();
    expect(onClose).toHaveBeenCalledWith(false);
  });

  it('does not take focus when it appears', () => {
    const input = document.createElement('input');
    document.body.append(input);
    input.focus();
    render(<NpsPrompt client={answeringClient(queued).client} />);
    expect(document.activeElement).toBe(input);
    input.remove();
  });

  it('ignores keys pressed outside it, and closes on Escape inside it', () => {
    const onClose = vi.fn();
    render(<NpsPrompt client={answeringClient(queued).client} onClose={onClose} />);
    fireEvent.keyDown(document.body, { key: 'Escape' });
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(onClose).not.toHaveBeenCalled();
    fireEvent.keyDown(screen.getByRole('radio', { name: '4' }), { key: 'Escape' });
    expect(onClose).toHaveBeenCalledWith(false);
  });

  it('asks its own question when given one', () => {
    render(<NpsPrompt client={answeringClient(queued).client} question="Would you recommend Acme?" />);
    expect(screen.getByRole('radiogroup', { name: 'Would you recommend Acme?' })).toBeTruthy();
  });

  it('with a real client, a score of 0 closed without a comment reaches the proxy', async () => {
    const { client, sent } = realClient();
    render(<NpsPrompt client={client} onClose={() => {}} />);
    fireEvent.click(screen.getByRole('radio', { name: '0' }));
    await waitFor(async () => expect(await client.pending()).toHaveLength(1));
    expect(sent).toEqual([]); // held for the comment
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(sent).toEqual([expect.objectContaining({ kind: 'nps', score: 0 })]));
    expect(sent[0]!.body).toBeUndefined();
    client.destroy();
  });

  it('with a real client, the comment travels with the score as one submission', async () => {
    const { client, sent } = realClient();
    render(<NpsPrompt client={client} />);
    fireEvent.click(screen.getByRole('radio', { name: '10' }));
    fireEvent.input(await screen.findByLabelText(/What is the main reason/), { target: { value: 'Love it' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(sent).toEqual([expect.objectContaining({ kind: 'nps', score: 10, body: 'Love it' })]));
    client.destroy();
  });
});

describe('CsatPrompt', () => {
  it('asks with five scores, 1 to 5, and queues the chosen one as csat', async () => {
    const { client } = answeringClient(queued);
    render(<CsatPrompt client={client} />);
    expect(screen.getByRole('radiogroup', { name: 'How satisfied are you with us?' })).toBeTruthy();
    // Faces, each radio named by its score.
    expect(screen.getAllByRole('radio').map((r) => r.getAttribute('aria-label'))).toEqual(['1', '2', '3', '4', '5']);
    expect(screen.getByText('Very dissatisfied')).toBeTruthy();
    expect(screen.getByText('Very satisfied')).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: '1' }));
    expect(client.submit).toHaveBeenCalledWith({ id: undefined, kind: 'csat', score: 1 }, { holdMs: HOLD_MS });
  });
});

describe('a prompt taken off the page', () => {
  it('releases a held score at once instead of waiting for the hold to end', async () => {
    const { client } = answeringClient(queued);
    const { unmount } = render(<NpsPrompt client={client} />);
    fireEvent.click(screen.getByRole('radio', { name: '6' }));
    unmount();
    await waitFor(() => expect(client.followUp).toHaveBeenCalledWith('id-1', undefined));
    expect(client.followUp).toHaveBeenCalledTimes(1);
  });
});

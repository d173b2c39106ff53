/**
 * What the widget says after Send, from what the client answered (CONTRACT "honest words"):
 * sent; saved on this device, with the reason it is not sent yet; saved for this visit only;
 * refused by the server. Never "offline" unless the browser is; never "sent" unless it was.
 */
import type { SubmitResult } from '../client/client.js';
import type { IconName } from './icon-paths.js';
import type { Strings } from './strings.js';

export type Tone = 'success' | 'saved' | 'warning' | 'error';

/** A status to show: its tone (colour and icon) and the keys of its words. */
export interface StatusWords {
  tone: Tone;
  icon: IconName;
  title: keyof Strings;
  detail: keyof Strings;
}

/** Why a queued submission waits, worded for the person who wrote it. */
const SAVED_DETAIL = {
  offline: 'savedOffline',
  unreachable: 'savedUnreachable',
  unavailable: 'savedBusy',
  misconfigured: 'savedMisconfigured',
} as const;

/** The status for a result that is not `failed` (a failure keeps the form, with its error). */
export function describeResult(result: Exclude<SubmitResult, { status: 'failed' }>): StatusWords {
  if (result.status !== 'queued') return { tone: 'success', icon: 'check', title: 'sent', detail: 'sentDetail' };
  // Kept in memory only, it is lost with the page whatever the server says: that comes first.
  if (result.durability === 'memory') return { tone: 'warning', icon: 'warning', title: 'visitOnly', detail: 'visitOnlyDetail' };
  if (result.problem === 'refused') return { tone: 'error', icon: 'alert', title: 'refused', detail: 'refusedDetail' };
  const detail = result.problem === undefined ? 'savedLater' : SAVED_DETAIL[result.problem];
  return { tone: 'saved', icon: 'clock', title: 'saved', detail };
}

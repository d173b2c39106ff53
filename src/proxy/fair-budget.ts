/**
 * BuildBetter's budget, a sliding window per API key, shared fairly between the clients that
 * want it and never left idle while one does. A client may hold up to its share of the
 * window: all of it while no other client wants any, else an equal part. A client
 * wants slots while a delivery of its is under way, and after it was told to come back
 * later, until a little past that time, so that one turned away is counted when it returns
 * and the one that kept the window busy makes room for it. Pure: every method takes the time.
 */
import { setNewest } from './bounded-map.js';
import type { Budget, Ticket } from './shared-state.js';
import { SlidingWindow } from './sliding-window.js';

/**
 * How long past its Retry-After a turned-away client still counts as waiting (browsers back
 * off with jitter); the budget in Redis counts the same.
 */
export const WAITING_SLACK_MS = 30_000;
/** Waiting clients remembered at most; past it the longest-known is forgotten (in Redis too). */
export const MAX_WAITING_CLIENTS = 10_000;

export type { Ticket };

export class FairBudget implements Budget {
  readonly window: SlidingWindow;
  /** Deliveries under way, per client. */
  #active = new Map<string, number>();
  /** Clients told to come back, and until when they count as waiting. */
  #waiting = new Map<string, number>();

  constructor(limit: number, windowMs: number) {
    this.window = new SlidingWindow(limit, windowMs);
  }

  /** A delivery for `client` starts. */
  begin(client: string): void {
    this.#active.set(client, (this.#active.get(client) ?? 0) + 1);
  }

  /** A delivery for `client` ends, every item sent, or some told to come back in `comeBackInMs`. */
  end(client: string, now: number, comeBackInMs?: number): void {
    const left = (this.#active.get(client) ?? 1) - 1;
    if (left > 0) this.#active.set(client, left);
    else this.#active.delete(client);
    if (comeBackInMs === undefined) this.#waiting.delete(client);
    else setNewest(this.#waiting, client, now + comeBackInMs + WAITING_SLACK_MS, MAX_WAITING_CLIENTS);
  }

  /** How many slots of the window `client` may hold at `now`. */
  shareOf(client: string, now: number): number {
    let others = 0;
    for (const other of this.#active.keys()) if (other !== client) others++;
    for (const [other, until] of this.#waiting)
      if (until <= now) this.#waiting.delete(other);
      else if (other !== client && !this.#active.has(other)) others++;
    return Math.max(1, Math.floor(this.window.limit / (others + 1)));
  }

  /**
   * Takes `n` slots for `client` at `now` and returns 0, or takes none and returns the ms until
   * it may: until the window has room, and until `client` is within its share. A client that
   * holds nothing may take more than its share for one item (an item with many parts).
   */
  take(client: string, n: number, now: number): number {
    const held = this.window.used(now, client);
    const share = this.shareOf(client, now);
    const shareWait = held === 0 ? 0 : this.window.ownerWaitMs(client, n, share, now);
    if (shareWait > 0) return Math.max(shareWait, this.window.waitMs(n, now));
    return this.window.take(n, now, client);
  }

  /**
   * Reserves `n` slots for one item's requests, so that pacing never leaves an item half-sent;
   * returns 0, or the ms to wait. An item that needs more than a window reserves nothing: its
   * requests take slots one by one.
   */
  reserve(ticket: Ticket, n: number): number {
    if (n < 1 || n > this.window.limit) return 0;
    const wait = this.window.blockedMs(ticket.at) || this.take(ticket.client, n, ticket.at);
    if (wait === 0) ticket.left = n;
    return wait;
  }

  /** Uses one of the ticket's slots for a request going out at `now`, or a fresh one; returns 0, or the ms to wait. */
  spend(ticket: Ticket, now: number): number {
    const blocked = this.window.blockedMs(now);
    if (!blocked && ticket.left > 0) {
      ticket.left--;
      if (this.window.restamp(ticket.at, now, ticket.client)) return 0;
    }
    return blocked || this.take(ticket.client, 1, now);
  }

  /** Gives back the slots the ticket did not use. */
  giveBack(ticket: Ticket): void {
    this.window.release(ticket.left, ticket.at, ticket.client);
    ticket.left = 0;
  }

  /** Nothing may be taken for `ms` after `now` (an upstream's `Retry-After`). */
  block(now: number, ms: number): void {
    this.window.blockUntil(now + ms);
  }
}

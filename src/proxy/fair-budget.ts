/**
 * BuildBetter's budget, a sliding window per API key, shared fairly between the clients that
 * want it and never left idle while one does (MAPPING.md). A client may hold up to its share
 * of the window: all of it while no other client wants any, else an equal part. A client
 * wants slots while a delivery of its is under way, and after it was told to come back
 * later, until a little past that time, so that one turned away is counted when it returns
 * and the one that kept the window busy makes room for it. Pure: every method takes the time.
 */
import { SlidingWindow } from './sliding-window.js';

/** How long past its Retry-After a turned-away client still counts as waiting (browsers back off with jitter). */
const WAITING_SLACK_MS = 30_000;
/** Waiting clients remembered at most; past it the longest-known is forgotten. */
const MAX_WAITING_CLIENTS = 10_000;

export class FairBudget {
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
    this.#waiting.delete(client);
    if (comeBackInMs === undefined) return;
    this.#waiting.set(client, now + comeBackInMs + WAITING_SLACK_MS);
    if (this.#waiting.size > MAX_WAITING_CLIENTS) this.#waiting.delete(this.#waiting.keys().next().value!);
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
}

/**
 * A sliding-window pacer: at most `limit` requests in any rolling window of `windowMs`.
 * Pure: every method takes the time, so tests drive it with a fake clock. A token bucket
 * is not enough here: one that holds 100 and refills 100 a minute lets ~200 through in one
 * window, where BuildBetter allows 100 in any rolling minute. Each slot may name its owner (a client), so that a fair share
 * can be kept on top (`fair-budget.ts`).
 */
interface Stamp {
  at: number;
  owner: string;
}

export class SlidingWindow {
  readonly limit: number;
  readonly windowMs: number;
  /** When each slot in the window was used (or reserved), and by whom; a slot is free again `windowMs` later. */
  #stamps: Stamp[] = [];
  #blockedUntil = -Infinity;

  constructor(limit: number, windowMs: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be a positive integer');
    if (!(windowMs > 0)) throw new RangeError('windowMs must be positive');
    this.limit = limit;
    this.windowMs = windowMs;
  }

  /** Takes `n` slots at `now` and returns 0, or takes none and returns the ms until `n` are free. */
  take(n: number, now: number, owner = ''): number {
    const wait = this.waitMs(n, now);
    if (wait === 0) for (let i = 0; i < n; i++) this.#stamps.push({ at: now, owner });
    return wait;
  }

  /** Milliseconds from `now` until `n` slots are free (0: now). */
  waitMs(n: number, now: number): number {
    if (!Number.isInteger(n) || n < 1 || n > this.limit)
      throw new RangeError(`n must be an integer from 1 to ${this.limit}`);
    this.#prune(now);
    const blocked = this.blockedMs(now);
    const excess = this.#stamps.length + n - this.limit;
    if (excess <= 0) return blocked;
    return Math.max(blocked, this.#freedAfter(this.#stamps, excess, now));
  }

  /** Milliseconds from `now` until `owner` holds at most `cap - n` slots, so that `n` more keep it within `cap`. */
  ownerWaitMs(owner: string, n: number, cap: number, now: number): number {
    this.#prune(now);
    const held = this.#stamps.filter((s) => s.owner === owner);
    const excess = held.length + n - cap;
    return excess <= 0 ? 0 : this.#freedAfter(held, excess, now);
  }

  /** Milliseconds from `now` until the `count` oldest of `stamps` have left the window. */
  #freedAfter(stamps: readonly Stamp[], count: number, now: number): number {
    const sorted = stamps.map((s) => s.at).sort((a, b) => a - b);
    return sorted[Math.min(count, sorted.length) - 1]! + this.windowMs - now;
  }

  /**
   * Moves one slot reserved at `from` to `to`, when the request it stands for goes out later.
   * Returns false when no such slot is left in the window (the reservation has expired).
   */
  restamp(from: number, to: number, owner = ''): boolean {
    this.#prune(to);
    const stamp = this.#stamps.find((s) => s.at === from && s.owner === owner);
    if (stamp) stamp.at = to;
    return stamp !== undefined;
  }

  /** Gives back `n` slots reserved at `at` and never used. */
  release(n: number, at: number, owner = ''): void {
    for (let k = 0; k < n; k++) {
      const i = this.#stamps.findLastIndex((s) => s.at === at && s.owner === owner);
      if (i < 0) return;
      this.#stamps.splice(i, 1);
    }
  }

  /** Nothing can be taken before `until` (an upstream `Retry-After`). */
  blockUntil(until: number): void {
    this.#blockedUntil = Math.max(this.#blockedUntil, until);
  }

  /** Milliseconds from `now` until a `Retry-After` block ends (0: not blocked). */
  blockedMs(now: number): number {
    return Math.max(0, this.#blockedUntil - now);
  }

  /** Slots in use in the window ending at `now`, by anyone or by `owner`. */
  used(now: number, owner?: string): number {
    this.#prune(now);
    return owner === undefined ? this.#stamps.length : this.#stamps.filter((s) => s.owner === owner).length;
  }

  #prune(now: number): void {
    this.#stamps = this.#stamps.filter((s) => s.at + this.windowMs > now);
  }
}

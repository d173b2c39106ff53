/**
 * A sliding-window pacer: at most `limit` requests in any rolling window of `windowMs`.
 * Pure: every method takes the time, so tests drive it with a fake clock. A token bucket
 * is not enough here (MAPPING.md): one that holds 100 and refills 100 a minute lets ~200
 * through in one window.
 */
export class SlidingWindow {
  readonly limit: number;
  readonly windowMs: number;
  /** When each slot in the window was used (or reserved); a slot is free again `windowMs` later. */
  #stamps: number[] = [];
  #blockedUntil = -Infinity;

  constructor(limit: number, windowMs: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be a positive integer');
    if (!(windowMs > 0)) throw new RangeError('windowMs must be positive');
    this.limit = limit;
    this.windowMs = windowMs;
  }

  /** Takes `n` slots at `now` and returns 0, or takes none and returns the ms until `n` are free. */
  take(n: number, now: number): number {
    const wait = this.waitMs(n, now);
    if (wait === 0) for (let i = 0; i < n; i++) this.#stamps.push(now);
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
    const sorted = [...this.#stamps].sort((a, b) => a - b);
    return Math.max(blocked, sorted[excess - 1]! + this.windowMs - now);
  }

  /**
   * Moves one slot reserved at `from` to `to`, when the request it stands for goes out later.
   * Returns false when no such slot is left in the window (the reservation has expired).
   */
  restamp(from: number, to: number): boolean {
    this.#prune(to);
    const i = this.#stamps.indexOf(from);
    if (i >= 0) this.#stamps[i] = to;
    return i >= 0;
  }

  /** Gives back `n` slots reserved at `at` and never used. */
  release(n: number, at: number): void {
    for (let k = 0; k < n; k++) {
      const i = this.#stamps.lastIndexOf(at);
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

  /** Slots in use in the window ending at `now`. */
  used(now: number): number {
    this.#prune(now);
    return this.#stamps.length;
  }

  #prune(now: number): void {
    this.#stamps = this.#stamps.filter((t) => t + this.windowMs > now);
  }
}

/**
 * The sender's pacing: how long a row waits before its next attempt (exponential backoff
 * with jitter, bounded), and how deliveries of one channel are spaced (--rate).
 */

export interface Backoff {
  /** The wait after the first failed attempt, before jitter, in milliseconds. */
  readonly baseMs: number;
  /** The longest wait, in milliseconds: the exponential stops growing here. */
  readonly maxMs: number;
}

/**
 * The wait before attempt `failures + 1`, after `failures` failed attempts (1 or more):
 * the ceiling `min(maxMs, baseMs · 2^(failures − 1))`, of which a random half is jitter
 * ("equal jitter"), so the wait is in [ceiling / 2, ceiling]. Senders that failed together
 * spread out, and each wait is at least the whole previous ceiling: waits never shrink
 * from one attempt to the next, beyond the jitter of the last one.
 *
 * @param random - a number in [0, 1); Math.random in the sender, fixed in tests
 *
 * @example
 * backoffDelay(3, { baseMs: 1000, maxMs: 60_000 }, () => 0.5); //=> 3000 (ceiling 4000)
 */
export function backoffDelay(failures: number, backoff: Backoff, random: () => number): number {
  // 2^40 already exceeds any cap a duration flag accepts: no Infinity, no overflow.
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.min(Math.max(failures, 1) - 1, 40));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/**
 * Spaces deliveries of each channel at least `1000 / perSecond` ms apart (--rate N caps a
 * channel at N a second). `slot(channel)` reserves the channel's next free instant and
 * resolves at it; reservations are taken in call order, so concurrent deliveries queue.
 */
export class ChannelRate {
  readonly #intervalMs: number;
  readonly #next = new Map<string, number>();

  constructor(perSecond: number) {
    this.#intervalMs = 1000 / perSecond;
  }

  /** Waits for the channel's next free slot. */
  async slot(channel: string, now: () => number = performance.now.bind(performance)): Promise<void> {
    const at = Math.max(now(), this.#next.get(channel) ?? 0);
    this.#next.set(channel, at + this.#intervalMs);
    const wait = at - now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

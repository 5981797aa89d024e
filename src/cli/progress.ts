/** At most this many progress updates a second. */
const UPDATES_PER_SECOND = 4;

/**
 * `batch`'s live line on a terminal: lines done, lines per second, failures so far, at most
 * a few times a second. Asked after each chunk of input, never per line, so it costs the
 * batch nothing measurable; off (not even asked) when stderr is not a terminal.
 */
export class Progress {
  private readonly started: number;
  private last: number;
  private shown = false;

  constructor(
    private readonly stderr: { write(text: string): unknown },
    private readonly clock: () => Date,
  ) {
    this.started = clock().getTime();
    this.last = this.started;
  }

  update(read: number, failed: number): void {
    const now = this.clock().getTime();
    if (now - this.last < 1000 / UPDATES_PER_SECOND) return;
    this.last = now;
    this.shown = true;
    const perSecond = Math.round(read / ((now - this.started) / 1000));
    this.stderr.write(
      `\r${read.toLocaleString('en-US')} lines, ${perSecond.toLocaleString('en-US')} lines/s, ${failed.toLocaleString('en-US')} failed\u001b[K`,
    );
  }

  /** Clears the live line, so the summary (or the shell prompt) starts on a clean one. */
  clear(): void {
    if (this.shown) this.stderr.write('\r\u001b[K');
  }
}

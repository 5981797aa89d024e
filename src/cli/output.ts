import type { Writable } from 'node:stream';
import { UsageError } from './options.js';

/** A failed write (a full disk: ENOSPC) is one line and exit 2, whatever the command. */
export function cannotWrite(error: NodeJS.ErrnoException): UsageError {
  return new UsageError(`cannot write the output: ${error.code ?? error.message}`);
}

/** The size of each write to the output stream. */
const CHUNK_BYTES = 65_536;
/**
 * Chunks kept for reuse. A write's callback comes on a later tick, and one input chunk
 * (64 KiB, about 870 lines) makes about 500 KiB of output: 16 covers it with room to spare.
 */
const SPARE_CHUNKS = 16;

/**
 * Joins small writes into 64 KiB chunks of bytes and respects the stream's back-pressure.
 * Text is encoded straight into the chunk, so the output never exists as one big string;
 * a chunk goes back to a small pool once the stream has written it. Once the stream fails
 * (a reader that closed the pipe: `EPIPE`), `failure` holds why and nothing more is written.
 */
export class BufferedWriter {
  failure: NodeJS.ErrnoException | undefined;
  private chunk: Buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private readonly spare: Buffer[] = [];
  private pending: Promise<void> | undefined;

  constructor(private readonly stream: Writable) {
    stream.once('error', (error: NodeJS.ErrnoException) => {
      this.failure ??= error;
    });
  }

  write(text: string): void {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8 (a surrogate pair, 2 units, takes 4).
    const most = text.length * 3;
    if (this.used + most > CHUNK_BYTES) this.push();
    if (most > CHUNK_BYTES) this.send(Buffer.from(text));
    else this.used += this.chunk.write(text, this.used);
  }

  /** Resolves once the stream can take more (or has failed). */
  drained(): Promise<void> | undefined {
    return this.pending;
  }

  async flush(): Promise<void> {
    this.push();
    await this.pending;
  }

  private push(): void {
    if (this.used === 0) return;
    const full = this.chunk;
    const used = this.used;
    this.chunk = this.spare.pop() ?? Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
    this.send(full.subarray(0, used), () => {
      if (this.spare.length < SPARE_CHUNKS) this.spare.push(full);
    });
  }

  private send(bytes: Buffer, written?: () => void): void {
    if (this.failure !== undefined || this.stream.destroyed) return;
    const more = this.stream.write(bytes, written);
    if (!more && this.pending === undefined) {
      this.pending = new Promise((resolve) => {
        const done = () => {
          this.stream.off('drain', done).off('close', done);
          this.pending = undefined;
          resolve();
        };
        this.stream.on('drain', done).on('close', done);
      });
    }
  }
}

import { readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Writable } from 'node:stream';

/**
 * Everything the tool touches outside itself, injected so that `run` can be tested in
 * process: the three streams, the clock, and file reading. `nodeIo()` is the real thing.
 */
export interface CliIo {
  /** Standard input as chunks (a `Readable` is one). */
  readonly stdin: AsyncIterable<Uint8Array | string>;
  readonly stdout: Writable;
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
  /** The wall clock: the default `--now`, and the time base of `batch`'s progress line. */
  readonly clock: () => Date;
  /** A whole text file (`--policy`, `--ticket`); throws an `ErrnoException` when it cannot. */
  readonly readText: (path: string) => string;
  /** A file's chunks (`batch FILE`); rejects with an `ErrnoException` when it cannot be opened. */
  readonly openFile: (path: string) => Promise<AsyncIterable<Uint8Array>>;
  /**
   * Calls `listener` on SIGINT or SIGTERM instead of letting the signal end the process
   * there and then (`batch` ends on a whole record); returns the function that stops it.
   */
  readonly onStop: (listener: (signal: 'SIGINT' | 'SIGTERM') => void) => () => void;
}

/** The real process: its streams, the system clock and the file system. */
export function nodeIo(): CliIo {
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    clock: () => new Date(),
    readText: (path) => readFileSync(path, 'utf8'),
    openFile: openChunks,
    onStop: (listener) => {
      const stop = (signal: 'SIGINT' | 'SIGTERM') => listener(signal);
      process.on('SIGINT', stop).on('SIGTERM', stop);
      return () => {
        process.off('SIGINT', stop).off('SIGTERM', stop);
      };
    },
  };
}

/**
 * Opens a file now (so a missing file, or a folder, is found before any output) and reads
 * it lazily through one reused 64 KiB buffer: a stream would hand over a new buffer for
 * every read, and over a long run those wait for the garbage collector by the hundred.
 * Each chunk is only valid until the next is asked for; `return()` closes the file.
 *
 * @internal exported for tests only
 */
export async function openChunks(path: string): Promise<AsyncIterable<Uint8Array>> {
  const file = await open(path, 'r');
  if ((await file.stat()).isDirectory()) {
    await file.close();
    throw Object.assign(new Error(`${path} is a folder`), { code: 'EISDIR' });
  }
  const buffer = Buffer.allocUnsafe(65_536);
  let isOpen = true;
  const close = async (): Promise<IteratorReturnResult<undefined>> => {
    if (isOpen) {
      isOpen = false;
      await file.close();
    }
    return { done: true, value: undefined };
  };
  const iterator: AsyncIterator<Uint8Array, undefined> = {
    next: async () => {
      if (!isOpen) return { done: true, value: undefined };
      const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
      return bytesRead === 0 ? close() : { done: false, value: buffer.subarray(0, bytesRead) };
    },
    return: close,
  };
  return { [Symbol.asyncIterator]: () => iterator };
}

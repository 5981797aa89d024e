import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { openChunks, type CliIo } from '../../src/cli/io.js';
import { run } from '../../src/cli/run.js';

/** What a run left behind: its exit code and everything it wrote. */
export interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /** Standard input, whole or as chunks (each chunk handed over as it is). */
  readonly input?: string | readonly (string | Uint8Array)[] | AsyncIterable<Uint8Array>;
  /** Whether stderr claims to be a terminal. */
  readonly tty?: boolean;
  /** The clock; default: a fixed instant that moves 100 ms each time it is read. */
  readonly clock?: () => Date;
  /** Fail stdout's writes with this error code after this many bytes were taken. */
  readonly stdoutFailsAfter?: { readonly bytes: number; readonly code: string };
  /** In-memory files, by name; other names go to the real file system. */
  readonly files?: Readonly<Record<string, string | readonly (string | Uint8Array)[]>>;
  /** Receives the function that delivers a signal to the run, once the run listens for one. */
  readonly signals?: (send: (signal: 'SIGINT' | 'SIGTERM') => void) => void;
}

/** Runs the tool in this process with injected streams, clock and files. */
export async function cli(args: readonly string[], options: RunOptions = {}): Promise<Ran> {
  const chunks: Buffer[] = [];
  let taken = 0;
  const stdout = new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _encoding, done) {
      const fails = options.stdoutFailsAfter;
      if (fails !== undefined && taken + chunk.length > fails.bytes) {
        done(Object.assign(new Error(`write ${fails.code}`), { code: fails.code }));
        return;
      }
      taken += chunk.length;
      // A copy, as a pipe takes one: the writer reuses its buffers once a write is done.
      chunks.push(Buffer.from(chunk));
      // Hand back control on a later tick, as a pipe does, so back-pressure is exercised.
      setImmediate(done);
    },
  });
  let stderr = '';
  let tick = Date.UTC(2026, 2, 20, 12);
  const io: CliIo = {
    stdin: typeof options.input === 'object' && Symbol.asyncIterator in options.input ? options.input : chunksOf(options.input ?? []),
    stdout,
    stderr: {
      write: (text: string) => {
        stderr += text;
        return true;
      },
      isTTY: options.tty ?? false,
    },
    clock:
      options.clock ??
      (() => {
        tick += 100;
        return new Date(tick);
      }),
    readText: (path) => {
      const file = options.files?.[path];
      return file === undefined
        ? readFileSync(path, 'utf8')
        : [file]
            .flat()
            .map((part) => Buffer.from(part).toString('utf8'))
            .join('');
    },
    openFile: async (path) => {
      const file = options.files?.[path];
      return file === undefined ? openChunks(path) : (chunksOf(file) as AsyncIterable<Uint8Array>);
    },
    onStop: (listener) => {
      options.signals?.(listener);
      return () => undefined;
    },
  };
  const code = await run(args, io);
  return { code, stdout: Buffer.concat(chunks).toString('utf8'), stderr };
}

async function* chunksOf(input: string | readonly (string | Uint8Array)[]): AsyncGenerator<string | Uint8Array> {
  for (const chunk of typeof input === 'string' ? [input] : input) yield chunk;
}

/** A batch's NDJSON records. */
// biome-ignore lint/suspicious/noExplicitAny: records are checked field by field by the assertions
export function records(stdout: string): any[] {
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as unknown);
}

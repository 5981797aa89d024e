import { setFlagsFromString } from 'node:v8';
import { nodeIo } from './io.js';
import { run, unexpectedFailureLine } from './run.js';

// The executable: everything it does is in `run` (tested in process); this file only wires
// it to the real process. Constant memory for `batch`: V8 doubles its young generation
// whenever objects keep surviving, and a batch's allocations are all short-lived, so the
// growth buys nothing but resident memory. Growth factor 1 keeps it at its starting size;
// this is the CLI's own process, never a library user's (docs/decisions.md).
setFlagsFromString('--semi-space-growth-factor=1');

run(process.argv.slice(2), nodeIo()).then(
  (code) => {
    process.exitCode = code;
    // A batch stopped by a signal has written its last whole record; standard input may
    // still be open and waiting, so the process ends now rather than when input closes.
    if (code === 130 || code === 143) process.exit();
  },
  (error: unknown) => {
    process.stderr.write(unexpectedFailureLine(error));
    process.exitCode = 70;
  },
);

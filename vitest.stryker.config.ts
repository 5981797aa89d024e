import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * The test suite as Stryker runs it (stryker.config.json → vitest.configFile): the same
 * tests and assertions, made cheaper to repeat for each of some 2,400 mutants
 * (docs/mutation.md, "Why a full run is fast"):
 *
 * - `fast-check` is test/support/fast-check.stryker.ts: each property runs a fifth of its
 *   runs (at least 10) and does not shrink a counterexample.
 * - `isolate: false`: the test files of one mutant run share one worker instead of starting
 *   a worker and re-importing the library per file. Stryker's runner starts a new Vitest
 *   run, and so a new worker, for every mutant, so static mutants are still activated
 *   before the library is imported.
 */
export default mergeConfig(
  base,
  defineConfig({
    resolve: {
      alias: [{ find: /^fast-check$/, replacement: fileURLToPath(new URL('./test/support/fast-check.stryker.ts', import.meta.url)) }],
    },
    test: { isolate: false },
  }),
);

import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
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
 * - Example files before property files, smaller before larger: Stryker stops a mutant's
 *   run at its first failing test, and a mutant that changes module-level code (a static
 *   mutant) runs every test file, so the run should reach a cheap killing test first.
 */
class ExamplesFirst extends BaseSequencer {
  override sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const cost = (file: TestSpecification) => (file.moduleId.includes('.property.') ? 1e12 : 0) + statSync(file.moduleId).size;
    return Promise.resolve([...files].sort((a, b) => cost(a) - cost(b)));
  }
}

export default mergeConfig(
  base,
  defineConfig({
    resolve: {
      alias: [{ find: /^fast-check$/, replacement: fileURLToPath(new URL('./test/support/fast-check.stryker.ts', import.meta.url)) }],
    },
    test: { isolate: false, sequence: { sequencer: ExamplesFirst } },
  }),
);

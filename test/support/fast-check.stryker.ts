/**
 * fast-check as the tests see it under Stryker: `vitest.stryker.config.ts` aliases
 * `fast-check` to this module; `npm test` and CI's test steps never load it.
 *
 * A mutation run executes the covering tests once per mutant, thousands of times in all, so
 * here each property runs a fifth of its runs (at least 10) and stops at its first
 * counterexample instead of shrinking it: Stryker needs a failure, not a readable one.
 * Everything else is the real fast-check. The full number of runs is what `npm test` proves.
 */
import real from '../../node_modules/fast-check/lib/fast-check.js';

const RUNS_DIVISOR = 5;
const MINIMUM_RUNS = 10;

const fewerRuns = (parameters: real.Parameters<never> | undefined): real.Parameters<never> => {
  const numRuns = parameters?.numRuns ?? real.readConfigureGlobal().numRuns ?? 100;
  return { ...parameters, numRuns: Math.max(MINIMUM_RUNS, Math.ceil(numRuns / RUNS_DIVISOR)), endOnFailure: true };
};

const assert = ((property: real.IRawProperty<never>, parameters?: real.Parameters<never>) =>
  real.assert(property, fewerRuns(parameters))) as typeof real.assert;

export default { ...real, assert };

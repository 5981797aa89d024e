import { ExpiryInputError, PolicyError } from '../../src/errors.js';

/** The error `run` throws; fails the test if it throws nothing or something else. */
export function thrownBy<E extends Error>(run: () => unknown, type: new (...args: never[]) => E): E {
  try {
    run();
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected ${type.name} to be thrown`);
}

export const inputErrorOf = (run: () => unknown): ExpiryInputError => thrownBy(run, ExpiryInputError);
export const policyErrorOf = (run: () => unknown): PolicyError => thrownBy(run, PolicyError);

/** Whatever `run` throws; fails the test if it throws nothing. */
export function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

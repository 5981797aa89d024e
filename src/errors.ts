/**
 * The two errors the library ever throws. Each carries a stable `code`,
 * the `path` of the offending field and a message a support agent can act on.
 * `name` and `code` are plain data so that an app loading both the ESM and the
 * CJS build can recognise them without `instanceof`.
 */

/**
 * Stable codes of {@link ExpiryInputError}: branch on these, never on the message.
 *
 * @example
 * function userMessage(code: ExpiryInputErrorCode): string {
 *   return code === 'invalid-date' ? 'Please pick a real calendar date.' : 'Please check your input.';
 * }
 */
export type ExpiryInputErrorCode =
  | 'missing'
  | 'wrong-type'
  | 'unreadable'
  | 'invalid-date'
  | 'date-out-of-range'
  | 'invalid-instant'
  | 'ambiguous-instant'
  | 'invalid-amount'
  | 'negative-amount'
  | 'too-many-fraction-digits'
  | 'amount-too-large'
  | 'invalid-time-zone'
  | 'invalid-value'
  | 'invalid-range';

/**
 * Stable codes of {@link PolicyError}: branch on these, never on the message.
 *
 * @example
 * try {
 *   definePolicy({ expiryTime: '24:30:00' });
 * } catch (error) {
 *   if (error instanceof PolicyError) {
 *     const code: PolicyErrorCode = error.code;
 *     console.log(code, error.path); // 'invalid-time' 'policy.expiryTime'
 *   }
 * }
 */
export type PolicyErrorCode =
  | 'wrong-type'
  | 'unknown-field'
  | 'missing'
  | 'unreadable'
  | 'invalid-time-zone'
  | 'invalid-time'
  | 'invalid-currency'
  | 'invalid-number'
  | 'invalid-amount'
  | 'invalid-tiers'
  | 'invalid-reminders'
  | 'invalid-value'
  | 'not-defined';

/**
 * Thrown when a subscription, an instant, an amount or another argument is not usable.
 *
 * @example
 * try {
 *   getExpiryStatus({ expirationDate: '2026-02-30' }, new Date());
 * } catch (error) {
 *   if (error instanceof ExpiryInputError) console.log(error.code, error.path); // 'invalid-date' 'subscription.expirationDate'
 * }
 */
export class ExpiryInputError extends Error {
  override readonly name = 'ExpiryInputError' as const;
  readonly code: ExpiryInputErrorCode;
  readonly path: string;

  constructor(code: ExpiryInputErrorCode, path: string, message: string) {
    super(`${path}: ${message}`);
    this.code = code;
    this.path = path;
  }
}

/**
 * One problem of a policy: its stable code, the path of the field and a message that
 * starts with the path, as a {@link PolicyError}'s own.
 */
export interface PolicyProblem {
  readonly code: PolicyErrorCode;
  readonly path: string;
  readonly message: string;
}

/**
 * Thrown when a policy cannot be right: unknown time zone, tiers not
 * increasing, negative rates, send times that are not times, and so on. Its `code`,
 * `path` and `message` are those of the first problem; `problems` lists every problem
 * `definePolicy` found, the first included, in the order the policy lists its fields.
 *
 * @example
 * try {
 *   definePolicy({ timeZone: 'Mars/Olympus_Mons', deletionDay: 0 });
 * } catch (error) {
 *   if (error instanceof PolicyError) {
 *     console.log(error.code, error.path); // 'invalid-time-zone' 'policy.timeZone'
 *     console.log(error.problems.map((problem) => problem.path)); // ['policy.timeZone', 'policy.deletionDay']
 *   }
 * }
 */
export class PolicyError extends Error {
  override readonly name = 'PolicyError' as const;
  readonly code: PolicyErrorCode;
  readonly path: string;
  /** Every problem found, this error's own first. */
  readonly problems: readonly PolicyProblem[];

  constructor(code: PolicyErrorCode, path: string, message: string, more: readonly PolicyProblem[] = []) {
    super(`${path}: ${message}`);
    this.code = code;
    this.path = path;
    this.problems = Object.freeze([Object.freeze({ code, path, message: this.message }), ...more]);
  }
}

/** True for either library error, from this build or another copy of it. */
export function isLibraryError(error: unknown): error is ExpiryInputError | PolicyError {
  if (typeof error !== 'object' || error === null) return false;
  const name = (error as { name?: unknown }).name;
  return name === 'ExpiryInputError' || name === 'PolicyError';
}

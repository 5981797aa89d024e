/**
 * What leaves the library is frozen (R-PURE-2). `Object.freeze` cannot stop a `Date`'s
 * setters, so instants in results are {@link ImmutableDate}s: real `Date`s (`instanceof
 * Date`, JSON, `getTime`) whose setters throw. That also lets one result be shared by
 * every call with the same inputs (a batch memoises per distinct date and "now") without
 * one caller's `setTime` reaching another's answer.
 */
class ImmutableDate extends Date {}

const SETTERS = [
  'setTime',
  'setMilliseconds',
  'setUTCMilliseconds',
  'setSeconds',
  'setUTCSeconds',
  'setMinutes',
  'setUTCMinutes',
  'setHours',
  'setUTCHours',
  'setDate',
  'setUTCDate',
  'setMonth',
  'setUTCMonth',
  'setFullYear',
  'setUTCFullYear',
  'setYear',
] as const;

let settersRefused = false;

/** Makes every setter of `ImmutableDate` throw: once, on the first result, never at import. */
function refuseSetters(): void {
  for (const name of SETTERS) {
    Object.defineProperty(ImmutableDate.prototype, name, {
      value: function refuse(this: Date): never {
        throw new TypeError(
          `Cannot call ${name} on a subscription-expiry result: its instants are frozen; copy it first (new Date(value))`,
        );
      },
    });
  }
  Object.freeze(ImmutableDate.prototype);
  settersRefused = true;
}

/** A frozen `Date` for an instant in a result. */
export function resultDate(instant: number): Date {
  if (!settersRefused) refuseSetters();
  return Object.freeze(new ImmutableDate(instant));
}

import { formatDayNumber, MS_PER_DAY } from './clock/civil.js';

/**
 * What leaves the library is frozen (R-PURE-2). `Object.freeze` cannot stop a `Date`'s
 * setters, so instants in results are {@link ImmutableDate}s: real `Date`s (`instanceof
 * Date`, JSON, `getTime`) whose setters throw, so no caller's `setTime` can reach an answer
 * another part of the program holds.
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
  // The same text as Date#toISOString, written from the day number: a batch writes several
  // instants per record, and V8's own takes about three times as long (docs/performance.md).
  for (const name of ['toISOString', 'toJSON'] as const) {
    Object.defineProperty(ImmutableDate.prototype, name, {
      value: function isoText(this: Date): string {
        return isoTextOf(Date.prototype.getTime.call(this));
      },
    });
  }
  Object.freeze(ImmutableDate.prototype);
  settersRefused = true;
}

/** The instants of the years 1000–9999, whose ISO text has a four-digit year. */
const FOUR_DIGIT_YEARS = { from: -30_610_224_000_000, to: 253_402_300_800_000 };

/** `YYYY-MM-DDTHH:mm:ss.sssZ`, exactly as `Date#toISOString` writes it. */
function isoTextOf(instant: number): string {
  if (instant < FOUR_DIGIT_YEARS.from || instant >= FOUR_DIGIT_YEARS.to) return new Date(instant).toISOString();
  const day = Math.floor(instant / MS_PER_DAY);
  const ms = instant - day * MS_PER_DAY;
  const seconds = (ms / 1000) | 0;
  const hours = (seconds / 3600) | 0;
  const minutes = ((seconds / 60) | 0) % 60;
  const millis = ms % 1000;
  return `${formatDayNumber(day)}T${twoDigits(hours)}:${twoDigits(minutes)}:${twoDigits(seconds % 60)}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
}

function twoDigits(value: number): string {
  return value < 10 ? `0${value}` : `${value}`;
}

/** A frozen `Date` for an instant in a result. */
export function resultDate(instant: number): Date {
  if (!settersRefused) refuseSetters();
  return Object.freeze(new ImmutableDate(instant));
}

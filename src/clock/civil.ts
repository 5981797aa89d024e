/**
 * Calendar arithmetic on day numbers (days since 1970-01-01 in the proleptic
 * Gregorian calendar), after Howard Hinnant's `days_from_civil`. Calendar days are
 * integers here, so no 24-hour span, host time zone or DST can touch them (R-TZ-1).
 *
 * Only the 400-year era is floored (it is negative before the year 0); every quantity
 * inside an era is a small non-negative integer, so its divisions truncate with `| 0`,
 * which is exact there and several times cheaper than `Math.floor` of a float division.
 */

const DAYS_PER_ERA = 146097;
/** Days from 0000-03-01, where Hinnant's eras start, to 1970-01-01. */
const EPOCH_SHIFT = 719468;

/** Days since 1970-01-01 of a civil date; `month` is 1–12. */
export function dayNumberOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = (((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) | 0) + day - 1;
  const dayOfEra = yearOfEra * 365 + ((yearOfEra / 4) | 0) - ((yearOfEra / 100) | 0) + dayOfYear;
  return era * DAYS_PER_ERA + dayOfEra - EPOCH_SHIFT;
}

/**
 * The civil date `[year, month, day]` of a day number.
 *
 * @internal exported for tests only
 */
export function civilOf(dayNumber: number): [year: number, month: number, day: number] {
  const z = dayNumber + EPOCH_SHIFT;
  const era = Math.floor(z / DAYS_PER_ERA);
  const dayOfEra = z - era * DAYS_PER_ERA;
  const yearOfEra = ((dayOfEra - ((dayOfEra / 1460) | 0) + ((dayOfEra / 36524) | 0) - ((dayOfEra / 146096) | 0)) / 365) | 0;
  const dayOfYear = dayOfEra - (365 * yearOfEra + ((yearOfEra / 4) | 0) - ((yearOfEra / 100) | 0));
  const mp = ((5 * dayOfYear + 2) / 153) | 0;
  const day = dayOfYear - (((153 * mp + 2) / 5) | 0) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/** Number of days in a month of a year (Gregorian leap rules). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Formats a day number as `YYYY-MM-DD` (years 1000–9999, which covers the supported 1900–2999). */
export function formatDayNumber(dayNumber: number): string {
  const [year, month, day] = civilOf(dayNumber);
  // One string made from its ten character codes: half the cost of joining five pieces.
  return String.fromCharCode(
    DIGIT_ZERO + ((year / 1000) | 0),
    DIGIT_ZERO + (((year / 100) | 0) % 10),
    DIGIT_ZERO + (((year / 10) | 0) % 10),
    DIGIT_ZERO + (year % 10),
    HYPHEN,
    DIGIT_ZERO + ((month / 10) | 0),
    DIGIT_ZERO + (month % 10),
    HYPHEN,
    DIGIT_ZERO + ((day / 10) | 0),
    DIGIT_ZERO + (day % 10),
  );
}

/** Character codes of `0` and `-`: how a `YYYY-MM-DD` text is written here and read at the door. */
/** Milliseconds in a day of UTC (never used to count calendar days across a zone's changes). */
export const MS_PER_DAY = 86_400_000;

export const DIGIT_ZERO = 48;
export const HYPHEN = 45;

/**
 * Adds calendar months with end-of-month clamping (R-TZ-4):
 * 2026-08-31 + 6 months is 2027-02-28.
 */
export function addMonthsToDayNumber(dayNumber: number, months: number): number {
  const [year, month, day] = civilOf(dayNumber);
  const monthIndex = year * 12 + (month - 1) + months;
  const newYear = Math.floor(monthIndex / 12);
  const newMonth = monthIndex - newYear * 12 + 1;
  return dayNumberOf(newYear, newMonth, Math.min(day, daysInMonth(newYear, newMonth)));
}

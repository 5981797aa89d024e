import { MS_PER_DAY } from '../clock/civil.js';

/**
 * The supported years, 1900–2999: the one place that says so. Every calendar date the
 * library reads or returns lies in them (R-IN-1, R-IN-5), and every instant lies within
 * them in some zone (±14 hours around their first and last day). Literals, not calls, so
 * nothing runs when the module loads; test/input/limits.test.ts checks them against the
 * calendar.
 */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;

/** Day number (days since 1970-01-01) of 1900-01-01. */
export const FIRST_SUPPORTED_DAY = -25_567;
/** Day number of 2999-12-31. */
export const LAST_SUPPORTED_DAY = 376_199;

const FOURTEEN_HOURS = 14 * 3_600_000;

/** The first and last instants whose local date is supported in some zone (UTC−12 … UTC+14). */
export const MIN_INSTANT = FIRST_SUPPORTED_DAY * MS_PER_DAY - FOURTEEN_HOURS;
export const MAX_INSTANT = (LAST_SUPPORTED_DAY + 1) * MS_PER_DAY + FOURTEEN_HOURS;

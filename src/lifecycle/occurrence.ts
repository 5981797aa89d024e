import { addMonthsToDayNumber } from '../clock/civil.js';
import type { CadenceUnit } from '../policy/types.js';

/** The day of occurrence k of a cadence: the expiration date shifted by k units (R-RM-1, R-TZ-4). */
export function occurrenceDay(cadence: CadenceUnit, expirationDay: number, k: number): number {
  switch (cadence) {
    case 'monthly':
      return addMonthsToDayNumber(expirationDay, k);
    case 'weekly':
      return expirationDay + 7 * k;
    case 'daily':
      return expirationDay + k;
  }
}

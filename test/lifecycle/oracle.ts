import { Temporal } from 'temporal-polyfill';
import type { Policy } from '../../src/policy/types.js';
import type { Phase } from '../../src/lifecycle/types.js';

/**
 * An independent reading of SPEC §2 on the TC39 Temporal polyfill (not on the
 * library's clock), to check the library against in properties.
 */
export interface ExpectedLifecycle {
  readonly renewalDueAt: number;
  readonly originalExpiresAt: number;
  readonly expiresAt: number;
  readonly deletedAt: number;
  readonly unrecoverableAt: number;
  readonly lastRecoverableDate: string;
  readonly phases: readonly { readonly phase: Phase; readonly from: number }[];
}

/** The local instant of a date and `HH:mm:ss` in a zone, disambiguated 'compatible' (R-TZ-3). */
export function localInstant(zone: string, date: Temporal.PlainDate | string, time = '00:00:00'): number {
  const plain = typeof date === 'string' ? Temporal.PlainDate.from(date) : date;
  return plain.toPlainDateTime(Temporal.PlainTime.from(time)).toZonedDateTime(zone, { disambiguation: 'compatible' }).epochMilliseconds;
}

/** The local calendar date of an instant in a zone. */
export function localDate(zone: string, instant: number): Temporal.PlainDate {
  return Temporal.Instant.fromEpochMilliseconds(instant).toZonedDateTimeISO(zone).toPlainDate();
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: Temporal.PlainDate | string, to: Temporal.PlainDate | string): number {
  return Temporal.PlainDate.from(from).until(Temporal.PlainDate.from(to), { largestUnit: 'days' }).days;
}

/** Shifts a `YYYY-MM-DD` date by days. */
export function addDays(date: string, days: number): string {
  return Temporal.PlainDate.from(date).add({ days }).toString();
}

/** What SPEC §2 says the boundaries and phases of a subscription are. */
export function expectedLifecycle(policy: Policy, expirationDate: string, extensionEndsOn?: string): ExpectedLifecycle {
  const zone = policy.timeZone;
  const original = Temporal.PlainDate.from(expirationDate);
  const effective = Temporal.PlainDate.from(extensionEndsOn ?? expirationDate);
  const renewalDueAt = localInstant(zone, original.subtract({ days: policy.renewalInvoiceDaysBefore }));
  const originalExpiresAt = localInstant(zone, original, policy.expiryTime);
  const expiresAt = localInstant(zone, effective, policy.expiryTime);
  const deletedAt = localInstant(zone, effective.add({ days: policy.deletionDay }));
  const lastRecoverable = effective.add({ months: policy.recoveryWindowMonths }, { overflow: 'constrain' });
  const unrecoverableAt = localInstant(zone, lastRecoverable.add({ days: 1 }));
  const extended = Temporal.PlainDate.compare(effective, original) !== 0;
  const phases: { phase: Phase; from: number }[] = [
    { phase: 'active', from: Number.NEGATIVE_INFINITY },
    { phase: 'renewal-due', from: renewalDueAt },
    ...(extended ? [{ phase: 'extended' as const, from: originalExpiresAt }] : []),
    { phase: 'expired', from: expiresAt },
    { phase: 'deleted', from: deletedAt },
    { phase: 'unrecoverable', from: unrecoverableAt },
  ];
  return {
    renewalDueAt,
    originalExpiresAt,
    expiresAt,
    deletedAt,
    unrecoverableAt,
    lastRecoverableDate: lastRecoverable.toString(),
    phases,
  };
}

/** The phase SPEC §2 gives an instant: the last phase begun at or before it. */
export function expectedPhaseAt(lifecycle: ExpectedLifecycle, instant: number): Phase {
  let phase: Phase = 'active';
  for (const start of lifecycle.phases) if (start.from <= instant) phase = start.phase;
  return phase;
}

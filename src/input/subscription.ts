import { ExpiryInputError } from '../errors.js';
import { findZone, type Zone } from '../clock/zone.js';
import { parseCalendarDate, type DayNumber } from './calendarDate.js';
import { describe, readField, requireRecord } from './read.js';
import type { Decimal } from '../money/decimal.js';
import type { TemporalPlainDateLike } from './temporal.js';

/**
 * A subscription as callers pass it. Only `expirationDate` is always required;
 * `invoiceAmount` is required only where a priced fee needs it. Every
 * function checks it at the door and throws {@link ExpiryInputError} with the field's path.
 *
 * @example
 * const subscription: Subscription = {
 *   id: 'acme-1',
 *   expirationDate: '2026-03-31',
 *   invoiceAmount: '300.00',
 *   paymentMethod: 'bank-transfer',
 *   recipientTimeZone: 'Europe/Berlin',
 * };
 * getExpiryStatus(subscription, '2026-04-01T12:00:00Z').phase; //=> 'expired'
 */
export interface Subscription {
  /** Your id for the subscription; it prefixes reminder keys. */
  readonly id?: string;
  /** The last day of service, `YYYY-MM-DD` (or an ISO-calendar `Temporal.PlainDate`) in the policy's time zone. */
  readonly expirationDate: string | TemporalPlainDateLike;
  /** The invoice amount as it stood at expiration, in major units: `"300.00"`, `300` or a decimal.js `Decimal`. */
  readonly invoiceAmount?: string | number | Decimal;
  /** A granted temporary extension. */
  readonly extension?: { readonly endsOn: string | TemporalPlainDateLike };
  /** `bank-transfer` adds the bank-transfer deadline to the timeline. */
  readonly paymentMethod?: string;
  /** Where SMS and phone reminders are received, for quiet hours. */
  readonly recipientTimeZone?: string;
}

/** A subscription checked once at the door. */
export interface ParsedSubscription {
  readonly id: string | undefined;
  /** The expiration date as sold, before any extension. */
  readonly originalExpirationDay: DayNumber;
  /** The effective expiration date: the extension's end when extended (R-ST-2). */
  readonly expirationDay: DayNumber;
  readonly extended: boolean;
  /** Raw; parsed by the fee module, which alone needs it. */
  readonly invoiceAmount: unknown;
  readonly paymentMethod: string | undefined;
  /** The recipient's zone engine, when the subscription names one (R-RM-6). */
  readonly recipientZone: Zone | undefined;
}

/**
 * The subscription's id, required where reminders must carry their de-duplication key
 * (R-RM-3: `getRemindersDue`, and the CLI's batch with a window).
 */
export function requireId(subscription: ParsedSubscription, path = 'subscription'): string {
  if (subscription.id === undefined) {
    throw new ExpiryInputError(
      'missing',
      `${path}.id`,
      "the subscription id is required to list reminders due: it makes each reminder's key unique, so a job can de-duplicate sends",
    );
  }
  return subscription.id;
}

/** Checks a subscription's fields (R-IN-1, R-IN-4); `path` names it in errors. */
export function parseSubscription(value: unknown, path = 'subscription'): ParsedSubscription {
  const record = requireRecord(value, path, 'a subscription');
  const originalExpirationDay = parseCalendarDate(readField(record, 'expirationDate', path), `${path}.expirationDate`);

  const id = readField(record, 'id', path);
  if (id !== undefined && (typeof id !== 'string' || id.length === 0 || id.length > 200)) {
    throw new ExpiryInputError('invalid-value', `${path}.id`, `expected a non-empty string of at most 200 characters, got ${describe(id)}`);
  }

  let expirationDay = originalExpirationDay;
  const extension = readField(record, 'extension', path);
  if (extension !== undefined && extension !== null) {
    const extensionRecord = requireRecord(extension, `${path}.extension`, 'an extension');
    const endsOnPath = `${path}.extension.endsOn`;
    const endsOn = parseCalendarDate(readField(extensionRecord, 'endsOn', `${path}.extension`), endsOnPath);
    if (endsOn < originalExpirationDay) {
      throw new ExpiryInputError('invalid-value', endsOnPath, 'an extension cannot end before the expiration date it extends');
    }
    expirationDay = endsOn;
  }

  const paymentMethod = readField(record, 'paymentMethod', path);
  if (paymentMethod !== undefined && typeof paymentMethod !== 'string') {
    throw new ExpiryInputError(
      'wrong-type',
      `${path}.paymentMethod`,
      `expected a string such as "card" or "bank-transfer", got ${describe(paymentMethod)}`,
    );
  }

  const recipientTimeZone = readField(record, 'recipientTimeZone', path);
  const recipientZone = typeof recipientTimeZone === 'string' ? findZone(recipientTimeZone) : undefined;
  if (recipientTimeZone !== undefined && recipientZone === undefined) {
    throw new ExpiryInputError(
      'invalid-time-zone',
      `${path}.recipientTimeZone`,
      `${describe(recipientTimeZone)} is not an IANA time zone such as "Europe/Berlin"`,
    );
  }

  return {
    id,
    originalExpirationDay,
    expirationDay,
    extended: expirationDay !== originalExpirationDay,
    invoiceAmount: readField(record, 'invoiceAmount', path),
    paymentMethod,
    recipientZone,
  };
}

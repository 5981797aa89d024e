import { PolicyError } from '../errors.js';
import { isKnownTimeZone } from '../clock/zone.js';
import { parseTimeOfDay } from '../clock/timeOfDay.js';
import {
  amountProblemMessage,
  amountProblemOf,
  compareAmountTexts,
  PLAIN_DECIMAL,
  significantFractionDigits,
  withFractionDigits,
} from '../money/amountText.js';
import { ROUNDING_MODE_NAMES, type RoundingMode } from '../money/rounding.js';
import { describe, excerpt, isRecord } from '../input/read.js';
import { MAX_MINOR_UNITS, fractionDigitsOf } from '../money/currencies.js';
import { markDefined } from './defined.js';
import { deepFreeze } from './freeze.js';
import type { CadenceUnit, FeeCap, Policy, ReactivationTier, ReminderCadence } from './types.js';

/**
 * Checks every field of a complete policy and returns a fresh, deeply frozen copy
 * (R-POL-1), marked as made by `definePolicy`. Each problem is a `PolicyError` naming the
 * field's path. The sections are checked in the order the policy lists them; a field no
 * section reads is an `unknown-field`, reported once every section has passed.
 */
export function validatePolicy(candidate: unknown, path = 'policy'): Policy {
  const root = new Fields(candidate, path);
  const clock = validateClock(root);
  const money = validateMoney(root);
  const days = validateDays(root);
  const fees = validateFees(root.object('fees'), money, days.deletionDay);
  const reminders = validateReminders(root.object('reminders'));
  const extensions = validateExtensions(root.object('extensions'));
  root.rejectUnknownInEveryObject();
  const { currencyDigits } = money;
  const policy: Policy = {
    ...clock,
    currency: money.currency,
    ...(currencyDigits === undefined ? {} : { currencyDigits }),
    rounding: money.rounding,
    renewalInvoiceDaysBefore: days.renewalInvoiceDaysBefore,
    bankTransferDaysBefore: days.bankTransferDaysBefore,
    deletionDay: days.deletionDay,
    recoveryWindowMonths: days.recoveryWindowMonths,
    fees,
    reminders,
    extensions,
  };
  return deepFreeze(markDefined(policy));
}

/** The business clock (R-TZ-1, R-TZ-2): a zone this runtime knows and the local expiry time. */
function validateClock(root: Fields): Pick<Policy, 'timeZone' | 'expiryTime'> {
  const timeZone = root.string('timeZone');
  if (!isKnownTimeZone(timeZone)) {
    throw new PolicyError(
      'invalid-time-zone',
      `${root.path}.timeZone`,
      `${describe(timeZone)} is not an IANA time zone this runtime knows, such as "America/New_York"`,
    );
  }
  return { timeZone, expiryTime: root.time('expiryTime') };
}

/** The money every amount is in (R-IN-3): currency, its fraction digits, and how percentages round. */
interface MoneyTerms {
  readonly currency: string;
  readonly currencyDigits: Record<string, number> | undefined;
  readonly fractionDigits: number;
  readonly rounding: RoundingMode;
}

function validateMoney(root: Fields): MoneyTerms {
  const currency = root.string('currency');
  const currencyDigitsFields = root.optionalObject('currencyDigits');
  const currencyDigits = currencyDigitsFields === undefined ? undefined : validateCurrencyDigits(currencyDigitsFields);
  const fractionDigits = currencyFractionDigits(currency, `${root.path}.currency`, currencyDigits);
  const rounding = root.string('rounding');
  if (!(ROUNDING_MODE_NAMES as readonly string[]).includes(rounding)) {
    throw new PolicyError(
      'invalid-value',
      `${root.path}.rounding`,
      `${describe(rounding)} is not one of ${ROUNDING_MODE_NAMES.join(', ')}`,
    );
  }
  return { currency, currencyDigits, fractionDigits, rounding: rounding as RoundingMode };
}

type Days = Pick<Policy, 'renewalInvoiceDaysBefore' | 'bankTransferDaysBefore' | 'recoveryWindowMonths' | 'deletionDay'>;

/** The lifecycle's day counts: invoice and bank-transfer lead times, deletion, the recovery window. */
function validateDays(root: Fields): Days {
  const renewalInvoiceDaysBefore = root.integer('renewalInvoiceDaysBefore', 0, 366);
  const bankTransferDaysBefore = root.integer('bankTransferDaysBefore', 0, 366);
  const recoveryWindowMonths = root.integer('recoveryWindowMonths', 1, 120);
  // Deletion must come before recovery closes even in the shortest month run.
  const deletionDay = root.integer('deletionDay', 1, Math.min(366, recoveryWindowMonths * 28));
  return { renewalInvoiceDaysBefore, bankTransferDaysBefore, recoveryWindowMonths, deletionDay };
}

/** Reactivation tiers and recovery pricing (R-FEE-1, R-FEE-4…6): fees never fall as days pass. */
function validateFees(fees: Fields, money: MoneyTerms, deletionDay: number): Policy['fees'] {
  const { fractionDigits, currency } = money;
  const tiers = validateTiers(fees, fractionDigits, currency, deletionDay);
  const recoveryFields = fees.object('recovery');
  const recoveryMinimum = recoveryFields.amount('minimum', fractionDigits, currency);
  const recovery = {
    rate: recoveryFields.rate('rate'),
    minimum: recoveryMinimum,
    dailyRate: recoveryFields.amount('dailyRate', fractionDigits, currency),
    ...validateCap(recoveryFields, recoveryMinimum, fractionDigits, currency),
  };
  const lastTier = tiers[tiers.length - 1] as ReactivationTier;
  // R-FEE-5: fees never decrease, so recovery starts at least where reactivation ends.
  if (compareAmountTexts(recovery.rate, lastTier.rate) < 0 || compareAmountTexts(recovery.minimum, lastTier.minimum) < 0) {
    throw new PolicyError(
      'invalid-tiers',
      `${fees.path}.recovery`,
      'the recovery rate and minimum must be at least those of the last reactivation tier, or fees would fall when data is deleted',
    );
  }
  checkCapsRise(lastTier, recovery, `${fees.path}.recovery`, 'the last reactivation tier');
  return { reactivationTiers: tiers, recovery };
}

/** Reminder cadences, a send time for each channel, and quiet hours (R-RM-1, R-RM-6). */
function validateReminders(reminderFields: Fields): Policy['reminders'] {
  const cadences = validateCadences(reminderFields);
  const sendTimesFields = reminderFields.object('sendTimes');
  const sendTimes: Record<string, string> = {};
  for (const channel of sendTimesFields.keys()) {
    checkChannelName(channel, `${sendTimesFields.path}.${channel}`);
    sendTimes[channel] = sendTimesFields.time(channel);
  }
  cadences.forEach((cadence, index) => {
    if (!Object.hasOwn(sendTimes, cadence.channel)) {
      throw new PolicyError(
        'invalid-reminders',
        `${reminderFields.path}.cadences[${index}].channel`,
        `channel ${describe(cadence.channel)} has no send time in reminders.sendTimes`,
      );
    }
  });
  return { cadences, sendTimes, quietHours: validateQuietHours(reminderFields.object('quietHours')) };
}

function validateQuietHours(quietFields: Fields): Policy['reminders']['quietHours'] {
  const channels = quietFields.array('channels', MAX_CHANNELS, 'channels').map((channel, index) => {
    const channelPath = `${quietFields.path}.channels[${index}]`;
    if (typeof channel !== 'string') throw new PolicyError('wrong-type', channelPath, `expected a channel name, got ${describe(channel)}`);
    checkChannelName(channel, channelPath);
    return channel;
  });
  const start = quietFields.time('start');
  const end = quietFields.time('end');
  if ((parseTimeOfDay(start) as number) >= (parseTimeOfDay(end) as number)) {
    throw new PolicyError('invalid-time', `${quietFields.path}.end`, `the allowed window must end after it starts (${start}–${end})`);
  }
  return { channels, start, end };
}

/** Temporary extensions: the order-id form, then the request window, duration and cooldown (R-EXT-1…5). */
function validateExtensions(extensionFields: Fields): Policy['extensions'] {
  const orderId = validateOrderIdFormat(extensionFields.object('orderId'));
  return {
    requestDaysBefore: extensionFields.integer('requestDaysBefore', 0, 366),
    durationDays: extensionFields.integer('durationDays', 1, 366),
    cooldownDays: extensionFields.integer('cooldownDays', 0, 3660),
    orderId,
  };
}

/** An order id's form (R-EXT-6): 1 to 8 groups of 1 to 32 characters, joined by one punctuation character. */
function validateOrderIdFormat(orderIdFields: Fields): Policy['extensions']['orderId'] {
  const groups = orderIdFields.array('groups', MAX_ORDER_ID_GROUPS, 'groups').map((group, index) => {
    const groupPath = `${orderIdFields.path}.groups[${index}]`;
    if (typeof group !== 'number' || !Number.isInteger(group) || group < 1 || group > 32) {
      throw new PolicyError('invalid-number', groupPath, `expected a group length from 1 to 32, got ${describe(group)}`);
    }
    return group;
  });
  if (groups.length === 0) {
    throw new PolicyError('invalid-value', `${orderIdFields.path}.groups`, 'an order id has from 1 to 8 groups');
  }
  const separator = orderIdFields.string('separator');
  if (separator.length !== 1 || /[\p{L}\p{N}\s]/u.test(separator)) {
    throw new PolicyError(
      'invalid-value',
      `${orderIdFields.path}.separator`,
      `expected one punctuation character such as "-", got ${describe(separator)}`,
    );
  }
  return { groups, separator };
}

/**
 * Fraction digits of a currency (R-IN-3): the policy's `currencyDigits` for it when set,
 * else its ISO 4217 minor units from the library's own table (USD 2, JPY 0, KWD 3), never
 * the runtime's locale data. A code that is not an active ISO 4217 code is a `PolicyError`.
 */
function currencyFractionDigits(currency: string, path: string, currencyDigits?: Readonly<Record<string, number>>): number {
  const digits = fractionDigitsOf(currency, currencyDigits);
  if (digits === undefined) {
    const shape = /^[A-Z]{3}$/.test(currency) ? 'an active ISO 4217 code' : 'an ISO 4217 code such as "USD"';
    throw new PolicyError('invalid-currency', path, `${describe(currency)} is not ${shape}`);
  }
  return digits;
}

/** `currencyDigits`: for an ISO code whose practice differs from ISO 4217, its fraction digits (0–4). */
function validateCurrencyDigits(fields: Fields): Record<string, number> {
  const digits: Record<string, number> = {};
  for (const code of fields.keys()) {
    currencyFractionDigits(code, `${fields.path}.${code}`);
    digits[code] = fields.integer(code, 0, MAX_MINOR_UNITS, true);
  }
  return digits;
}

/** The reactivation tiers (R-FEE-1): from day 0, on increasing days before deletion, never cheaper. */
function validateTiers(fees: Fields, fractionDigits: number, currency: string, deletionDay: number): ReactivationTier[] {
  const list = fees.array('reactivationTiers', MAX_TIERS, 'tiers');
  const listPath = `${fees.path}.reactivationTiers`;
  if (list.length === 0) throw new PolicyError('invalid-tiers', listPath, 'at least one reactivation tier is needed, from day 0');
  const tiers = list.map((item, index) => validateTier(new Fields(item, `${listPath}[${index}]`), fractionDigits, currency));
  for (const [index, tier] of tiers.entries()) checkTierFollows(tiers[index - 1], tier, `${listPath}[${index}]`, index);
  const last = tiers[tiers.length - 1] as ReactivationTier;
  if (last.fromDay >= deletionDay) {
    throw new PolicyError(
      'invalid-tiers',
      `${listPath}[${tiers.length - 1}].fromDay`,
      `the last tier starts on day ${last.fromDay}, not before the deletion day ${deletionDay}`,
    );
  }
  return tiers;
}

function validateTier(tier: Fields, fractionDigits: number, currency: string): ReactivationTier {
  const minimum = tier.amount('minimum', fractionDigits, currency);
  const result = {
    fromDay: tier.integer('fromDay', 0, 366),
    rate: tier.rate('rate'),
    minimum,
    ...validateCap(tier, minimum, fractionDigits, currency),
  };
  tier.rejectUnknown();
  return result;
}

/** The first tier starts on day 0; each later one on a later day, at no lower rate, minimum or cap (R-FEE-5). */
function checkTierFollows(previous: ReactivationTier | undefined, tier: ReactivationTier, path: string, index: number): void {
  if (previous === undefined) {
    if (tier.fromDay !== 0)
      throw new PolicyError('invalid-tiers', `${path}.fromDay`, 'the first tier must start on day 0, the expiration day');
    return;
  }
  if (tier.fromDay <= previous.fromDay) {
    throw new PolicyError(
      'invalid-tiers',
      `${path}.fromDay`,
      `tiers must start on increasing days; day ${tier.fromDay} does not follow day ${previous.fromDay}`,
    );
  }
  if (compareAmountTexts(tier.rate, previous.rate) < 0 || compareAmountTexts(tier.minimum, previous.minimum) < 0) {
    throw new PolicyError('invalid-tiers', path, 'a later tier may not have a lower rate or minimum: fees never decrease as days pass');
  }
  checkCapsRise(previous, tier, path, `tier ${index - 1}`);
}

/** The optional cap of a tier or of recovery (R-FEE-6): `maximum` (an amount) and `maximumRate` (of the invoice). */
function validateCap(fields: Fields, minimum: string, fractionDigits: number, currency: string): FeeCap {
  const maximum = fields.has('maximum') ? fields.amount('maximum', fractionDigits, currency) : undefined;
  const maximumRate = fields.has('maximumRate') ? fields.rate('maximumRate') : undefined;
  if (maximum !== undefined && compareAmountTexts(maximum, minimum) < 0) {
    throw new PolicyError(
      'invalid-amount',
      `${fields.path}.maximum`,
      `the maximum ${maximum} is below the minimum ${minimum}; a cap must at least allow the minimum`,
    );
  }
  return { ...(maximum === undefined ? {} : { maximum }), ...(maximumRate === undefined ? {} : { maximumRate }) };
}

/**
 * R-FEE-5 with caps: a later tier (or recovery) caps no lower than the one before it, part
 * by part, an absent part being no cap at all. Otherwise some invoice would pay less on a
 * later day: after an uncapped tier a `maximum` caps large invoices below the tier before,
 * and a `maximumRate` caps small ones below its minimum.
 */
function checkCapsRise(previous: FeeCap, next: FeeCap, path: string, previousName: string): void {
  for (const part of ['maximum', 'maximumRate'] as const) {
    const before = previous[part];
    const after = next[part];
    if (after === undefined) continue;
    if (before === undefined) {
      throw new PolicyError(
        'invalid-tiers',
        `${path}.${part}`,
        `${previousName} has no ${part}, so this one may not have one either: the fee would fall as days pass`,
      );
    }
    if (compareAmountTexts(after, before) < 0) {
      throw new PolicyError(
        'invalid-tiers',
        `${path}.${part}`,
        `the ${part} ${after} is below ${previousName}'s ${before}: the fee would fall as days pass`,
      );
    }
  }
}

const CADENCE_UNITS: readonly CadenceUnit[] = ['monthly', 'weekly', 'daily'];

/** The longest lists a policy may hold, checked before a list is read (policy.schema.json states the same). */
const MAX_TIERS = 366; // one a day, from day 0 to the last day before deletion (day 366 at most)
const MAX_CADENCES = 64;
const MAX_CHANNELS = 64;
const MAX_ORDER_ID_GROUPS = 8;

function validateCadences(reminders: Fields): ReminderCadence[] {
  const listPath = `${reminders.path}.cadences`;
  return reminders.array('cadences', MAX_CADENCES, 'cadences').map((item, index) => {
    const fields = new Fields(item, `${listPath}[${index}]`);
    const channel = fields.string('channel');
    checkChannelName(channel, `${fields.path}.channel`);
    const cadence = fields.string('cadence');
    if (!CADENCE_UNITS.includes(cadence as CadenceUnit)) {
      throw new PolicyError(
        'invalid-reminders',
        `${fields.path}.cadence`,
        `${describe(cadence)} is not one of ${CADENCE_UNITS.join(', ')}`,
      );
    }
    const from = fields.integer('from', -120, 120, true);
    const through = fields.integer('through', -120, 120, true);
    if (through < from) {
      throw new PolicyError('invalid-reminders', `${fields.path}.through`, `through (${through}) comes before from (${from})`);
    }
    fields.rejectUnknown();
    return { channel, cadence: cadence as CadenceUnit, from, through };
  });
}

function checkChannelName(channel: string, path: string): void {
  if (!/^[a-z][a-z0-9-]{0,31}$/.test(channel)) {
    throw new PolicyError(
      'invalid-reminders',
      path,
      `${describe(channel)} is not a channel name (lower-case letters, digits and dashes, such as "email")`,
    );
  }
}

/**
 * Reads fields of one policy object, remembering which were read. The objects opened from
 * one root (`object`, `optionalObject`) share a list, so the root can reject every unknown
 * field at the end, in the order the objects were opened.
 */
class Fields {
  readonly path: string;
  private readonly record: Record<string, unknown>;
  private readonly seen = new Set<string>();
  private readonly opened: Fields[];

  constructor(value: unknown, path: string, opened: Fields[] = []) {
    if (!isRecord(value)) {
      throw new PolicyError(value === undefined ? 'missing' : 'wrong-type', path, `expected an object, got ${describe(value)}`);
    }
    this.record = value;
    this.path = path;
    this.opened = opened;
    opened.push(this);
  }

  keys(): string[] {
    const keys = Object.keys(this.record);
    for (const key of keys) this.seen.add(key);
    return keys;
  }

  get(key: string): unknown {
    this.seen.add(key);
    let value: unknown;
    try {
      value = this.record[key];
    } catch {
      throw new PolicyError('unreadable', `${this.path}.${key}`, 'this field could not be read (its getter threw)');
    }
    if (value === undefined) throw new PolicyError('missing', `${this.path}.${key}`, 'this field is required');
    return value;
  }

  object(key: string): Fields {
    return new Fields(this.get(key), `${this.path}.${key}`, this.opened);
  }

  /** An object field that may be absent (`undefined`). */
  optionalObject(key: string): Fields | undefined {
    return this.has(key) ? this.object(key) : undefined;
  }

  /** Is the field present (not `undefined`)? Marks it as read. */
  has(key: string): boolean {
    this.seen.add(key);
    try {
      return this.record[key] !== undefined;
    } catch {
      throw new PolicyError('unreadable', `${this.path}.${key}`, 'this field could not be read (its getter threw)');
    }
  }

  /**
   * An array of at most `most` items, copied item by item. Its length is checked before
   * anything is copied or walked: a sparse `new Array(2 ** 32 - 1)`, or a proxy whose
   * length claims a billion, is a `PolicyError`, not an out-of-memory abort.
   */
  array(key: string, most: number, noun: string): unknown[] {
    const value = this.get(key);
    const path = `${this.path}.${key}`;
    if (!Array.isArray(value)) throw new PolicyError('wrong-type', path, `expected an array, got ${describe(value)}`);
    const length: unknown = (value as unknown[]).length;
    if (typeof length !== 'number' || !(length <= most))
      throw new PolicyError('invalid-value', path, `expected at most ${most} ${noun}, got a list of length ${describe(length)}`);
    return Array.from({ length }, (_, index) => (value as unknown[])[index]);
  }

  string(key: string): string {
    const value = this.get(key);
    if (typeof value !== 'string') throw new PolicyError('wrong-type', `${this.path}.${key}`, `expected a string, got ${describe(value)}`);
    return value;
  }

  time(key: string): string {
    const value = this.string(key);
    if (parseTimeOfDay(value) === undefined) {
      throw new PolicyError('invalid-time', `${this.path}.${key}`, `${describe(value)} is not a time of day such as "09:00" or "23:59:59"`);
    }
    return value;
  }

  integer(key: string, min: number, max: number, signed = false): number {
    const value = this.get(key);
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      const what = signed ? 'a whole number' : 'a whole number of days or months';
      throw new PolicyError('invalid-number', `${this.path}.${key}`, `expected ${what} from ${min} to ${max}, got ${describe(value)}`);
    }
    return value;
  }

  /** A fraction such as "0.15" (15 %), from 0 to 10. Numbers are taken only when exact in 6 places. */
  rate(key: string): string {
    const text = this.decimalText(key);
    if (text.startsWith('-') || compareAmountTexts(text, '10') > 0) {
      throw new PolicyError(
        'invalid-number',
        `${this.path}.${key}`,
        `a rate is a fraction from 0 to 10 ("0.15" is 15 %), got ${excerpt(text)}`,
      );
    }
    if (significantFractionDigits(text) > 6) {
      throw new PolicyError('invalid-number', `${this.path}.${key}`, `${excerpt(text)} has more than 6 decimal places`);
    }
    return text;
  }

  amount(key: string, fractionDigits: number, currency: string): string {
    const text = this.decimalText(key);
    // The rules of amounts in subscriptions (R-IN-3), in their words; every problem is an invalid amount here.
    const problem = amountProblemOf(text, fractionDigits);
    if (problem !== undefined) {
      throw new PolicyError(
        'invalid-amount',
        `${this.path}.${key}`,
        amountProblemMessage(problem, excerpt(text), text, currency, fractionDigits, describe),
      );
    }
    return withFractionDigits(text, fractionDigits);
  }

  private decimalText(key: string): string {
    const value = this.get(key);
    const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
    if (typeof text !== 'string' || !PLAIN_DECIMAL.test(text)) {
      throw new PolicyError(
        'invalid-number',
        `${this.path}.${key}`,
        `expected a decimal such as "0.15" or "25.00", got ${describe(value)}`,
      );
    }
    return text;
  }

  /** `rejectUnknown` on this object and every object opened from it, in the order they were opened. */
  rejectUnknownInEveryObject(): void {
    for (const fields of this.opened) fields.rejectUnknown();
  }

  rejectUnknown(): void {
    for (const key of Object.keys(this.record)) {
      if (!this.seen.has(key))
        throw new PolicyError('unknown-field', `${this.path}.${key}`, 'this is not a policy field (check its spelling)');
    }
  }
}

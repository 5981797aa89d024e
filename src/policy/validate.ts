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
 * (R-POL-1), marked as made by `definePolicy`. Every problem is found, not only the first:
 * each field is checked on its own, in the order the policy lists them, and a rule that
 * needs another field (a fee needs the currency's digits) is checked once that field is
 * right. The `PolicyError` thrown is the first problem, with `problems` listing them all; a
 * field no section reads is an `unknown-field`, listed after the others.
 */
export function validatePolicy(candidate: unknown, path = 'policy'): Policy {
  const root = new Fields(candidate, path);
  const clock = validateClock(root);
  const money = validateMoney(root);
  const days = validateDays(root);
  const fees = root.check(() => root.object('fees'));
  // Fees are priced in the currency's digits and tiered before the deletion day: without
  // those, the fees are left unread until they are right.
  const feeTerms = fees && (money && days ? validateFees(fees, money, days.deletionDay) : fees.skip());
  const reminderFields = root.check(() => root.object('reminders'));
  const reminders = reminderFields && validateReminders(reminderFields);
  const extensionFields = root.check(() => root.object('extensions'));
  const extensions = extensionFields && validateExtensions(extensionFields);
  root.rejectUnknownInEveryObject();
  root.throwProblems();
  // No problem was found, so every part is there.
  const { currencyDigits } = money as MoneyTerms;
  const policy: Policy = {
    ...(clock as Required<typeof clock>),
    currency: (money as MoneyTerms).currency,
    ...(currencyDigits === undefined ? {} : { currencyDigits }),
    rounding: (money as MoneyTerms).rounding,
    ...(days as Days),
    fees: feeTerms as Policy['fees'],
    reminders: reminders as Policy['reminders'],
    extensions: extensions as Policy['extensions'],
  };
  return deepFreeze(markDefined(policy));
}

/** The business clock (R-TZ-1, R-TZ-2): a zone this runtime knows and the local expiry time. */
function validateClock(root: Fields): Partial<Pick<Policy, 'timeZone' | 'expiryTime'>> {
  const timeZone = root.check(() => {
    const zone = root.string('timeZone');
    if (!isKnownTimeZone(zone)) {
      throw new PolicyError(
        'invalid-time-zone',
        `${root.path}.timeZone`,
        `${describe(zone)} is not an IANA time zone this runtime knows, such as "America/New_York"`,
      );
    }
    return zone;
  });
  const expiryTime = root.check(() => root.time('expiryTime'));
  return { timeZone, expiryTime } as Partial<Pick<Policy, 'timeZone' | 'expiryTime'>>;
}

/** The money every amount is in (R-IN-3): currency, its fraction digits, and how percentages round. */
interface MoneyTerms {
  readonly currency: string;
  readonly currencyDigits: Record<string, number> | undefined;
  readonly fractionDigits: number;
  readonly rounding: RoundingMode;
}

function validateMoney(root: Fields): MoneyTerms | undefined {
  const currency = root.check(() => root.string('currency'));
  const currencyDigits = root.check(() => {
    const fields = root.optionalObject('currencyDigits');
    return fields === undefined ? null : validateCurrencyDigits(fields);
  });
  const fractionDigits =
    currency === undefined || currencyDigits === undefined
      ? undefined
      : root.check(() => currencyFractionDigits(currency, `${root.path}.currency`, currencyDigits ?? undefined));
  const rounding = root.check(() => {
    const mode = root.string('rounding');
    if (!(ROUNDING_MODE_NAMES as readonly string[]).includes(mode)) {
      throw new PolicyError('invalid-value', `${root.path}.rounding`, `${describe(mode)} is not one of ${ROUNDING_MODE_NAMES.join(', ')}`);
    }
    return mode as RoundingMode;
  });
  if (currency === undefined || fractionDigits === undefined || rounding === undefined) return undefined;
  return { currency, currencyDigits: currencyDigits ?? undefined, fractionDigits, rounding };
}

type Days = Pick<Policy, 'renewalInvoiceDaysBefore' | 'bankTransferDaysBefore' | 'recoveryWindowMonths' | 'deletionDay'>;

/** The lifecycle's day counts: invoice and bank-transfer lead times, deletion, the recovery window. */
function validateDays(root: Fields): Days | undefined {
  const renewalInvoiceDaysBefore = root.check(() => root.integer('renewalInvoiceDaysBefore', 0, 366));
  const bankTransferDaysBefore = root.check(() => root.integer('bankTransferDaysBefore', 0, 366));
  const recoveryWindowMonths = root.check(() => root.integer('recoveryWindowMonths', 1, 120));
  // Deletion must come before recovery closes even in the shortest month run (without a
  // valid window, only the bound every policy has is checked).
  const deletionDay = root.check(() => root.integer('deletionDay', 1, Math.min(366, (recoveryWindowMonths ?? 14) * 28)));
  if (
    renewalInvoiceDaysBefore === undefined ||
    bankTransferDaysBefore === undefined ||
    recoveryWindowMonths === undefined ||
    deletionDay === undefined
  )
    return undefined;
  return { renewalInvoiceDaysBefore, bankTransferDaysBefore, recoveryWindowMonths, deletionDay };
}

/** Reactivation tiers and recovery pricing (R-FEE-1, R-FEE-4…6): fees never fall as days pass. */
function validateFees(fees: Fields, money: MoneyTerms, deletionDay: number): Policy['fees'] | undefined {
  const { fractionDigits, currency } = money;
  const tiers = validateTiers(fees, fractionDigits, currency, deletionDay);
  const recoveryFields = fees.check(() => fees.object('recovery'));
  if (recoveryFields === undefined) return undefined;
  const recoveryMinimum = recoveryFields.check(() => recoveryFields.amount('minimum', fractionDigits, currency));
  const rate = recoveryFields.check(() => recoveryFields.rate('rate'));
  const dailyRate = recoveryFields.check(() => recoveryFields.amount('dailyRate', fractionDigits, currency));
  const cap =
    recoveryMinimum === undefined
      ? recoveryFields.skip()
      : recoveryFields.check(() => validateCap(recoveryFields, recoveryMinimum, fractionDigits, currency));
  if (tiers === undefined || recoveryMinimum === undefined || rate === undefined || dailyRate === undefined || cap === undefined)
    return undefined;
  const recovery = { rate, minimum: recoveryMinimum, dailyRate, ...cap };
  const lastTier = tiers[tiers.length - 1] as ReactivationTier;
  return fees.check(() => {
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
  });
}

/** Reminder cadences, a send time for each channel, and quiet hours (R-RM-1, R-RM-6). */
function validateReminders(reminderFields: Fields): Policy['reminders'] {
  const cadences = validateCadences(reminderFields);
  const sendTimesFields = reminderFields.check(() => reminderFields.object('sendTimes'));
  const sendTimes: Record<string, string> = {};
  if (sendTimesFields !== undefined) {
    const named = sendTimesFields.keys();
    for (const channel of named) {
      sendTimesFields.check(() => {
        checkChannelName(channel, `${sendTimesFields.path}.${channel}`);
        sendTimes[channel] = sendTimesFields.time(channel);
      });
    }
    cadences.forEach((cadence, index) => {
      // A channel whose send time is named but wrong has had its problem reported already.
      if (cadence === undefined || named.includes(cadence.channel)) return;
      reminderFields.check(() => {
        throw new PolicyError(
          'invalid-reminders',
          `${reminderFields.path}.cadences[${index}].channel`,
          `channel ${describe(cadence.channel)} has no send time in reminders.sendTimes`,
        );
      });
    });
  }
  const quietFields = reminderFields.check(() => reminderFields.object('quietHours'));
  const quietHours = quietFields === undefined ? undefined : validateQuietHours(quietFields);
  // Any gap here was recorded as a problem, so this value is only returned whole.
  return { cadences: cadences as ReminderCadence[], sendTimes, quietHours: quietHours as Policy['reminders']['quietHours'] };
}

function validateQuietHours(quietFields: Fields): Policy['reminders']['quietHours'] | undefined {
  const channels = quietFields.check(() =>
    quietFields.array('channels', MAX_CHANNELS, 'channels').map((channel, index) => {
      const channelPath = `${quietFields.path}.channels[${index}]`;
      if (typeof channel !== 'string')
        throw new PolicyError('wrong-type', channelPath, `expected a channel name, got ${describe(channel)}`);
      checkChannelName(channel, channelPath);
      return channel;
    }),
  );
  const start = quietFields.check(() => quietFields.time('start'));
  const end = quietFields.check(() => quietFields.time('end'));
  if (start === undefined || end === undefined) return undefined;
  quietFields.check(() => {
    if ((parseTimeOfDay(start) as number) >= (parseTimeOfDay(end) as number)) {
      throw new PolicyError('invalid-time', `${quietFields.path}.end`, `the allowed window must end after it starts (${start}–${end})`);
    }
  });
  return channels === undefined ? undefined : { channels, start, end };
}

/** Temporary extensions: the order-id form, then the request window, duration and cooldown (R-EXT-1…5). */
function validateExtensions(extensionFields: Fields): Policy['extensions'] {
  const orderId = extensionFields.check(() => validateOrderIdFormat(extensionFields.object('orderId')));
  const requestDaysBefore = extensionFields.check(() => extensionFields.integer('requestDaysBefore', 0, 366));
  const durationDays = extensionFields.check(() => extensionFields.integer('durationDays', 1, 366));
  const cooldownDays = extensionFields.check(() => extensionFields.integer('cooldownDays', 0, 3660));
  // Any gap here was recorded as a problem, so this value is only returned whole.
  return { requestDaysBefore, durationDays, cooldownDays, orderId } as Policy['extensions'];
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
function validateTiers(fees: Fields, fractionDigits: number, currency: string, deletionDay: number): ReactivationTier[] | undefined {
  const listPath = `${fees.path}.reactivationTiers`;
  const list = fees.check(() => {
    const items = fees.array('reactivationTiers', MAX_TIERS, 'tiers');
    if (items.length === 0) throw new PolicyError('invalid-tiers', listPath, 'at least one reactivation tier is needed, from day 0');
    return items;
  });
  if (list === undefined) return undefined;
  const tiers = list.map((item, index) =>
    fees.check(() => validateTier(fees.open(item, `${listPath}[${index}]`), fractionDigits, currency)),
  );
  if (tiers.includes(undefined)) return undefined;
  return fees.check(() => {
    const valid = tiers as ReactivationTier[];
    for (const [index, tier] of valid.entries()) checkTierFollows(valid[index - 1], tier, `${listPath}[${index}]`, index);
    const last = valid[valid.length - 1] as ReactivationTier;
    if (last.fromDay >= deletionDay) {
      throw new PolicyError(
        'invalid-tiers',
        `${listPath}[${valid.length - 1}].fromDay`,
        `the last tier starts on day ${last.fromDay}, not before the deletion day ${deletionDay}`,
      );
    }
    return valid;
  });
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
  // Both parts are looked at first, so neither is taken for an unknown field when the other is wrong.
  const hasMaximum = fields.has('maximum');
  const hasMaximumRate = fields.has('maximumRate');
  const maximum = hasMaximum ? fields.amount('maximum', fractionDigits, currency) : undefined;
  const maximumRate = hasMaximumRate ? fields.rate('maximumRate') : undefined;
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

/** Each cadence, checked on its own: an entry with a problem is `undefined`. */
function validateCadences(reminders: Fields): (ReminderCadence | undefined)[] {
  const listPath = `${reminders.path}.cadences`;
  const list = reminders.check(() => reminders.array('cadences', MAX_CADENCES, 'cadences')) ?? [];
  return list.map((item, index) =>
    reminders.check(() => {
      const fields = reminders.open(item, `${listPath}[${index}]`);
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
    }),
  );
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

/** What the objects of one policy share: the objects opened so far, and the problems found. */
interface Checks {
  readonly opened: Fields[];
  readonly problems: PolicyError[];
}

/**
 * Reads fields of one policy object, remembering which were read. The objects opened from
 * one root (`object`, `optionalObject`, `open`) share the problems found and a list of
 * objects, so the root can name every unknown field at the end, in the order the objects
 * were opened: in an object read whole, a field that was not read is not a policy field.
 */
class Fields {
  readonly path: string;
  private readonly record: Record<string, unknown>;
  private readonly seen = new Set<string>();
  private readonly checks: Checks;
  /** A check failed while this object was being read: its unread fields are not known to be unknown. */
  private incomplete = false;
  /** Its unknown fields were looked for already. */
  private checked = false;

  constructor(value: unknown, path: string, checks: Checks = { opened: [], problems: [] }) {
    if (!isRecord(value)) {
      throw new PolicyError(value === undefined ? 'missing' : 'wrong-type', path, `expected an object, got ${describe(value)}`);
    }
    this.record = value;
    this.path = path;
    this.checks = checks;
    checks.opened.push(this);
  }

  /**
   * Runs one check: its value, or `undefined` once its `PolicyError` is recorded, so the
   * checks after it still run. An object opened during a check that failed was not read
   * whole, so its unread fields are not reported as unknown.
   */
  check<T>(run: () => T): T | undefined {
    const before = this.checks.opened.length;
    try {
      return run();
    } catch (error) {
      if (!(error instanceof PolicyError)) throw error;
      this.checks.problems.push(error);
      for (const fields of this.checks.opened.slice(before)) fields.incomplete = true;
      return undefined;
    }
  }

  /** Leaves this object's unread fields unjudged: a check they depend on failed. */
  skip(): undefined {
    this.incomplete = true;
    return undefined;
  }

  /** A value read as another object of this policy (a tier, a cadence). */
  open(value: unknown, path: string): Fields {
    return new Fields(value, path, this.checks);
  }

  /** Throws the first problem found, with every problem in its `problems`; nothing when there is none. */
  throwProblems(): void {
    const [first, ...rest] = this.checks.problems;
    if (first === undefined) return;
    if (rest.length === 0) throw first;
    throw new PolicyError(
      first.code,
      first.path,
      first.message.slice(first.path.length + 2),
      rest.flatMap((problem) => problem.problems),
    );
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
    return new Fields(this.get(key), `${this.path}.${key}`, this.checks);
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

  /** Records every unknown field of each object read whole, in the order they were opened. */
  rejectUnknownInEveryObject(): void {
    for (const fields of this.checks.opened) {
      if (fields.incomplete || fields.checked) continue;
      for (const key of fields.unknownKeys()) this.check(() => fields.throwUnknown(key));
    }
  }

  /** Throws for the first unknown field of this object, read whole; the root does not look again. */
  rejectUnknown(): void {
    this.checked = true;
    const [key] = this.unknownKeys();
    if (key !== undefined) this.throwUnknown(key);
  }

  private unknownKeys(): string[] {
    return Object.keys(this.record).filter((key) => !this.seen.has(key));
  }

  private throwUnknown(key: string): never {
    throw new PolicyError('unknown-field', `${this.path}.${key}`, 'this is not a policy field (check its spelling)');
  }
}

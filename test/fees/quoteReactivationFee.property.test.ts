import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import DecimalJs from 'decimal.js';
import { ExpiryInputError, PolicyError } from '../../src/errors.js';
import { quoteReactivationFee, type FeeQuote } from '../../src/fees/quoteReactivationFee.js';
import type { Money } from '../../src/money/money.js';
import { instantOf } from '../support/zone.js';
import { parseTimeOfDay } from '../../src/clock/timeOfDay.js';
import { definePolicy } from '../../src/policy/definePolicy.js';
import type { Policy, ReactivationTier } from '../../src/policy/types.js';
import type { RoundingMode } from '../../src/money/rounding.js';
import { dayNumberArbitrary, zoneArbitrary } from '../support/arbitraries.js';
import { policyArbitrary } from '../support/policies.js';
import { anyValue } from '../support/hostile.js';

// ---------------------------------------------------------------------------------------
// An independent model of the fee, in integer minor units (BigInt), and of the calendar,
// on Date.UTC and Intl: none of it goes through the Decimal or day-number code under test.
// ---------------------------------------------------------------------------------------

const MS_PER_DAY = 86_400_000;
const RATE_SCALE = 1_000_000n; // rates are generated with 6 decimal places

/** An amount string with exactly `digits` fraction digits, as minor units. */
function minorUnits(money: Money, currency: string, digits: number): bigint {
  expect(money.currency).toBe(currency);
  expect(money.amount).toMatch(digits === 0 ? /^\d+$/ : new RegExp(`^\\d+\\.\\d{${digits}}$`));
  return BigInt(money.amount.replace('.', ''));
}

/** Minor units as a decimal string with `digits` fraction digits. */
function majorText(minor: bigint, digits: number): string {
  if (digits === 0) return minor.toString();
  const text = minor.toString().padStart(digits + 1, '0');
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** A decimal string such as "0.15" as units of 1/1,000,000. */
function rateUnits(text: string): bigint {
  const [whole = '0', fraction = ''] = text.split('.');
  expect(fraction.length).toBeLessThanOrEqual(6);
  return BigInt(whole) * RATE_SCALE + BigInt(fraction.padEnd(6, '0'));
}

/** numerator / denominator (both ≥ 0) rounded to an integer with a named mode. */
function divideRounded(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  const quotient = numerator / denominator;
  const twiceRemainder = (numerator % denominator) * 2n;
  switch (mode) {
    case 'down':
      return quotient;
    case 'up':
      return twiceRemainder > 0n ? quotient + 1n : quotient;
    case 'half-up':
      return twiceRemainder >= denominator ? quotient + 1n : quotient;
    case 'half-down':
      return twiceRemainder > denominator ? quotient + 1n : quotient;
    case 'half-even':
      return twiceRemainder > denominator || (twiceRemainder === denominator && quotient % 2n === 1n) ? quotient + 1n : quotient;
  }
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** Days since 1970-01-01 of the local calendar date of `instant` in `zone`, via Intl. */
function localDay(zone: string, instant: number): number {
  let format = dayFormats.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, calendar: 'gregory', year: 'numeric', month: 'numeric', day: 'numeric' });
    dayFormats.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]));
  return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day)) / MS_PER_DAY;
}

function dateText(dayNumber: number): string {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

/** `dayNumber` plus calendar months, clamped to the month's end (R-TZ-4), via Date.UTC. */
function addMonths(dayNumber: number, months: number): number {
  const date = new Date(dayNumber * MS_PER_DAY);
  const first = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1);
  const target = new Date(first);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return first / MS_PER_DAY + Math.min(date.getUTCDate(), lastDay) - 1;
}

/** The fee of a quote in minor units: none is nothing; unrecoverable has no fee. */
function feeOf(quote: FeeQuote): bigint | undefined {
  if (quote.kind === 'none') return 0n;
  if (quote.kind === 'unrecoverable') return undefined;
  return BigInt(quote.fee.amount.replace('.', ''));
}

const KIND_ORDER: readonly FeeQuote['kind'][] = ['none', 'reactivation', 'recovery', 'unrecoverable'];

function expectDeeplyFrozen(value: unknown): void {
  if (typeof value !== 'object' || value === null) return;
  expect(Object.isFrozen(value)).toBe(true);
  for (const child of Object.values(value)) expectDeeplyFrozen(child);
}

// ---------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------

const CURRENCIES = [
  { currency: 'USD', digits: 2 },
  { currency: 'EUR', digits: 2 },
  { currency: 'JPY', digits: 0 },
  { currency: 'KWD', digits: 3 },
] as const;

const ROUNDINGS: readonly RoundingMode[] = ['half-up', 'half-even', 'half-down', 'up', 'down'];

/** A fee schedule in integer units, from which the test builds the policy and its own model. */
interface FeeSchedule {
  readonly timeZone: string;
  readonly expiryTime: string;
  readonly currency: string;
  readonly digits: number;
  readonly rounding: RoundingMode;
  readonly deletionDay: number;
  readonly recoveryWindowMonths: number;
  /** Tiers: first day, rate in millionths, minimum in minor units, optional caps (R-FEE-6). */
  readonly tiers: readonly ({ readonly fromDay: number } & ScheduleTerms)[];
  readonly recovery: ScheduleTerms & { readonly dailyRate: bigint };
}

/** Rate and maximumRate in millionths, minimum and maximum in minor units. */
interface ScheduleTerms {
  readonly rate: bigint;
  readonly minimum: bigint;
  readonly maximum?: bigint;
  readonly maximumRate?: bigint;
}

const rateArbitrary = fc.oneof(fc.constantFrom(0n, 100_000n, 150_000n, 125_000n, 1_000_000n), fc.bigInt({ min: 0n, max: 2_000_000n }));

const feeScheduleArbitrary: fc.Arbitrary<FeeSchedule> = fc
  .record({
    timeZone: zoneArbitrary,
    expirySecond: fc.integer({ min: 0, max: 86_399 }),
    money: fc.constantFrom(...CURRENCIES),
    rounding: fc.constantFrom(...ROUNDINGS),
    deletionDay: fc.integer({ min: 1, max: 28 }),
    recoveryWindowMonths: fc.integer({ min: 1, max: 12 }),
    tierCount: fc.integer({ min: 1, max: 4 }),
    rates: fc.array(rateArbitrary, { minLength: 5, maxLength: 5 }),
    minimums: fc.array(fc.bigInt({ min: 0n, max: 5_000_000n }), { minLength: 5, maxLength: 5 }),
    dailyRate: fc.bigInt({ min: 0n, max: 100_000n }),
    // R-FEE-6: whether each kind of cap is set (on every term: a cap may not start after an
    // uncapped term, or a fee could fall), and its values.
    hasMaximum: fc.boolean(),
    hasMaximumRate: fc.boolean(),
    maximums: fc.array(fc.bigInt({ min: 0n, max: 20_000_000n }), { minLength: 5, maxLength: 5 }),
    maximumRates: fc.array(rateArbitrary, { minLength: 5, maxLength: 5 }),
  })
  .map((r) => {
    const sortedRates = [...r.rates].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const sortedMinimums = [...r.minimums].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const tierCount = Math.min(r.tierCount, r.deletionDay);
    // Caps never fall from one term to the next, and a maximum is never below its minimum.
    const sortedMaximumRates = [...r.maximumRates].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    let runningMaximum = 0n;
    const maximums = [...r.maximums]
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((maximum, i) => {
        const atLeastMinimum = maximum > (sortedMinimums[i] as bigint) ? maximum : (sortedMinimums[i] as bigint);
        runningMaximum = atLeastMinimum > runningMaximum ? atLeastMinimum : runningMaximum;
        return runningMaximum;
      });
    // Values come from index i of the sorted lists (recovery: 4), so they never fall.
    const capsOf = (i: number) => ({
      ...(r.hasMaximum ? { maximum: maximums[i] as bigint } : {}),
      ...(r.hasMaximumRate ? { maximumRate: sortedMaximumRates[i] as bigint } : {}),
    });
    const starts = [...new Set([0, ...Array.from({ length: tierCount - 1 }, (_, i) => Math.floor(((i + 1) * r.deletionDay) / tierCount))])];
    const hh = String(Math.floor(r.expirySecond / 3600)).padStart(2, '0');
    const mm = String(Math.floor(r.expirySecond / 60) % 60).padStart(2, '0');
    const ss = String(r.expirySecond % 60).padStart(2, '0');
    return {
      timeZone: r.timeZone,
      expiryTime: `${hh}:${mm}:${ss}`,
      currency: r.money.currency,
      digits: r.money.digits,
      rounding: r.rounding,
      deletionDay: r.deletionDay,
      recoveryWindowMonths: r.recoveryWindowMonths,
      tiers: starts.map((fromDay, i) => ({ fromDay, rate: sortedRates[i] as bigint, minimum: sortedMinimums[i] as bigint, ...capsOf(i) })),
      recovery: { rate: sortedRates[4] as bigint, minimum: sortedMinimums[4] as bigint, dailyRate: r.dailyRate, ...capsOf(4) },
    };
  });

function policyOf(schedule: FeeSchedule): Policy {
  const rate = (units: bigint) => majorText(units, 6);
  const money = (minor: bigint) => majorText(minor, schedule.digits);
  const caps = (terms: ScheduleTerms) => ({
    ...(terms.maximum === undefined ? {} : { maximum: money(terms.maximum) }),
    ...(terms.maximumRate === undefined ? {} : { maximumRate: rate(terms.maximumRate) }),
  });
  return definePolicy({
    timeZone: schedule.timeZone,
    expiryTime: schedule.expiryTime,
    currency: schedule.currency,
    rounding: schedule.rounding,
    deletionDay: schedule.deletionDay,
    recoveryWindowMonths: schedule.recoveryWindowMonths,
    fees: {
      reactivationTiers: schedule.tiers.map((tier) => ({
        fromDay: tier.fromDay,
        rate: rate(tier.rate),
        minimum: money(tier.minimum),
        ...caps(tier),
      })),
      recovery: {
        rate: rate(schedule.recovery.rate),
        minimum: money(schedule.recovery.minimum),
        dailyRate: money(schedule.recovery.dailyRate),
        ...caps(schedule.recovery),
      },
    },
  });
}

/** Up to 10,000,000 major units, in minor units; small amounts (near the minimums) often. */
const amountArbitrary = (digits: number) =>
  fc.oneof(fc.bigInt({ min: 0n, max: 100_000n * 10n ** BigInt(digits) }), fc.bigInt({ min: 0n, max: 10_000_000n * 10n ** BigInt(digits) }));

const TIER_EDGES = ['before-deletion', 'deletion', 'last-recoverable', 'after-last-recoverable'] as const;
type TierEdge = (typeof TIER_EDGES)[number];

const caseArbitrary = feeScheduleArbitrary.chain((schedule) =>
  fc.record({
    schedule: fc.constant(schedule),
    expirationDay: dayNumberArbitrary,
    extensionDays: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 20 })),
    // Every day count from the expiration day to past the end of the longest window, and
    // the tier edges often: the deletion day, the last recoverable day, and the days either side.
    offset: fc.oneof(
      { arbitrary: fc.integer({ min: 0, max: schedule.recoveryWindowMonths * 31 + 3 }), weight: 3 },
      { arbitrary: fc.constantFrom<TierEdge>(...TIER_EDGES), weight: 1 },
    ),
    msOfDay: fc.integer({ min: 0, max: MS_PER_DAY - 1 }),
    amount: amountArbitrary(schedule.digits),
  }),
);

type Case = typeof caseArbitrary extends fc.Arbitrary<infer T> ? T : never;

/**
 * Quotes a case and checks every field against the BigInt model. `policy` is built by the
 * caller (so a test can build it under hostile global settings).
 */
function checkAgainstIntegerModel(c: Case, policy: Policy): void {
  const { schedule, amount } = c;
  const effectiveDay = c.expirationDay + c.extensionDays;
  const lastRecoverableOffset = addMonths(effectiveDay, schedule.recoveryWindowMonths) - effectiveDay;
  const offset =
    typeof c.offset === 'number'
      ? c.offset
      : {
          'before-deletion': schedule.deletionDay - 1,
          deletion: schedule.deletionDay,
          'last-recoverable': lastRecoverableOffset,
          'after-last-recoverable': lastRecoverableOffset + 1,
        }[c.offset];
  const expiresAt = instantOf(schedule.timeZone, effectiveDay, parseTimeOfDay(schedule.expiryTime) as number);
  const now = Math.max(expiresAt, instantOf(schedule.timeZone, effectiveDay + offset, c.msOfDay));
  const subscription = {
    expirationDate: dateText(c.expirationDay),
    invoiceAmount: majorText(amount, schedule.digits),
    ...(c.extensionDays > 0 ? { extension: { endsOn: dateText(effectiveDay) } } : {}),
  };
  const quote = quoteReactivationFee(subscription, new Date(now), policy);
  expectDeeplyFrozen(quote);

  // R-TZ-5: calendar days in the policy's zone, from the effective expiration date.
  const daysPastExpiry = localDay(schedule.timeZone, now) - effectiveDay;
  const kind =
    daysPastExpiry < schedule.deletionDay ? 'reactivation' : daysPastExpiry <= lastRecoverableOffset ? 'recovery' : 'unrecoverable';
  expect(quote.kind).toBe(kind);
  if (quote.kind === 'none') return;
  expect(quote.daysPastExpiry).toBe(daysPastExpiry);
  expect(quote.expirationDate).toBe(dateText(effectiveDay));
  if (quote.kind === 'unrecoverable') {
    expect(quote.lastRecoverableDate).toBe(dateText(effectiveDay + lastRecoverableOffset));
    return;
  }

  const tier =
    quote.kind === 'recovery'
      ? schedule.recovery
      : ([...schedule.tiers].reverse().find((candidate) => candidate.fromDay <= daysPastExpiry) ??
        (schedule.tiers[0] as FeeSchedule['tiers'][number]));
  const percentageFee = divideRounded(amount * tier.rate, RATE_SCALE, schedule.rounding);
  const minimumApplied = percentageFee < tier.minimum;
  const dailyCharge = quote.kind === 'recovery' ? schedule.recovery.dailyRate * BigInt(daysPastExpiry) : 0n;
  const uncapped = (minimumApplied ? tier.minimum : percentageFee) + dailyCharge;
  // R-FEE-6: the lower of the maximum and the rounded maximumRate share; it wins over everything.
  const byRate = tier.maximumRate === undefined ? undefined : divideRounded(amount * tier.maximumRate, RATE_SCALE, schedule.rounding);
  const cap = tier.maximum === undefined ? byRate : byRate === undefined || tier.maximum < byRate ? tier.maximum : byRate;
  const capApplied = cap !== undefined && uncapped > cap;
  const fee = capApplied ? cap : uncapped;
  const units = (money: Money) => minorUnits(money, schedule.currency, schedule.digits);

  expect(rateUnits(quote.rate)).toBe(tier.rate);
  expect(units(quote.minimum)).toBe(tier.minimum);
  expect(units(quote.percentageFee)).toBe(percentageFee);
  expect(quote.minimumApplied).toBe(minimumApplied);
  expect(quote.capApplied).toBe(capApplied);
  expect(quote.cap === undefined ? undefined : units(quote.cap)).toBe(cap);
  expect(units(quote.fee)).toBe(fee);
  expect(units(quote.invoiceAmount)).toBe(amount);
  expect(units(quote.total)).toBe(amount + fee);
  if (quote.kind === 'recovery') {
    expect(units(quote.dailyRate)).toBe(schedule.recovery.dailyRate);
    expect(units(quote.dailyCharge)).toBe(dailyCharge);
  }
}

/**
 * The random policies of test/support with random caps added (R-FEE-6): a maximum and/or a
 * maximumRate on every term or none (a cap may not start after an uncapped term), never
 * falling from term to term, each maximum at least its minimum.
 */
const cappedPolicyArbitrary: fc.Arbitrary<Policy> = fc
  .record({
    policy: policyArbitrary,
    hasMaximum: fc.boolean(),
    hasMaximumRate: fc.boolean(),
    maximumCents: fc.array(fc.oneof(fc.constantFrom(2500n, 5000n, 10_000n), fc.bigInt({ min: 0n, max: 50_000_000n })), {
      minLength: 5,
      maxLength: 5,
    }),
    maximumBasisPoints: fc.array(fc.integer({ min: 0, max: 20_000 }), { minLength: 5, maxLength: 5 }),
  })
  .map((r) => {
    const { reactivationTiers, recovery } = r.policy.fees;
    const terms = [...reactivationTiers, recovery];
    const rates = [...r.maximumBasisPoints].sort((a, b) => a - b).map((bp) => (bp / 10_000).toFixed(4));
    let running = 0n;
    const maximums = [...r.maximumCents]
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, terms.length)
      .map((cents, i) => {
        const minimum = BigInt((terms[i] as ReactivationTier).minimum.replace('.', ''));
        const floor = cents > minimum ? cents : minimum;
        running = floor > running ? floor : running;
        return majorText(running, 2);
      });
    const capsOf = (i: number) => ({
      ...(r.hasMaximum ? { maximum: maximums[i] as string } : {}),
      ...(r.hasMaximumRate ? { maximumRate: rates[i] as string } : {}),
    });
    return definePolicy(
      {
        fees: {
          reactivationTiers: reactivationTiers.map((tier, i) => ({ ...tier, ...capsOf(i) })),
          recovery: { ...recovery, ...capsOf(terms.length - 1) },
        },
      },
      r.policy,
    );
  });

/** A subscription on a random day with a USD amount in cents, for the random policies of test/support, capped or not. */
const usdCaseArbitrary = fc.record({
  policy: fc.oneof(policyArbitrary, cappedPolicyArbitrary),
  expirationDay: dayNumberArbitrary,
  extensionDays: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 20 })),
  cents: fc.oneof(fc.bigInt({ min: 0n, max: 10_000_000n }), fc.bigInt({ min: 0n, max: 1_000_000_000n })),
});

function usdSubscription(c: { expirationDay: number; extensionDays: number; cents: bigint }) {
  return {
    expirationDate: dateText(c.expirationDay),
    invoiceAmount: majorText(c.cents, 2),
    ...(c.extensionDays > 0 ? { extension: { endsOn: dateText(c.expirationDay + c.extensionDays) } } : {}),
  };
}

/** An instant from three days before the effective expiration date to past any recovery window. */
const offsetMsArbitrary = fc.integer({ min: -3 * MS_PER_DAY, max: 400 * MS_PER_DAY });

// ---------------------------------------------------------------------------------------

describe('quoteReactivationFee (properties)', () => {
  it('R-FEE-1 R-FEE-3 R-FEE-6 equals an independent computation in integer minor units (BigInt), caps included, for amounts up to 10,000,000 and every day count', () => {
    fc.assert(
      fc.property(caseArbitrary, (c) => checkAgainstIntegerModel(c, policyOf(c.schedule))),
      { numRuns: 200 },
    );
  });

  it("R-PURE-3 the host's Decimal.set({ precision: 3, rounding: ROUND_DOWN }) changes nothing", () => {
    fc.assert(
      fc.property(caseArbitrary, (c) => {
        const { precision, rounding } = DecimalJs;
        DecimalJs.set({ precision: 3, rounding: DecimalJs.ROUND_DOWN });
        try {
          // The policy is defined and compiled under the host's settings.
          checkAgainstIntegerModel(c, policyOf(c.schedule));
        } finally {
          DecimalJs.set({ precision, rounding });
        }
      }),
      { numRuns: 100 },
    );
  });

  it('R-FEE-5 the fee never decreases as days pass, and the kind only moves forward', () => {
    fc.assert(
      fc.property(usdCaseArbitrary, offsetMsArbitrary, fc.integer({ min: 0, max: 400 * MS_PER_DAY }), (c, offset, later) => {
        const start = (c.expirationDay + c.extensionDays) * MS_PER_DAY + offset;
        const subscription = usdSubscription(c);
        const earlier = quoteReactivationFee(subscription, start, c.policy);
        const afterward = quoteReactivationFee(subscription, start + later, c.policy);
        expect(KIND_ORDER.indexOf(afterward.kind)).toBeGreaterThanOrEqual(KIND_ORDER.indexOf(earlier.kind));
        const before = feeOf(earlier);
        const after = feeOf(afterward);
        if (before !== undefined && after !== undefined) expect(after >= before).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('R-FEE-1 R-FEE-6 the fee is never below the minimum of the tier that applies, unless a lower cap wins', () => {
    fc.assert(
      fc.property(usdCaseArbitrary, offsetMsArbitrary, (c, offset) => {
        const now = (c.expirationDay + c.extensionDays) * MS_PER_DAY + offset;
        const quote = quoteReactivationFee(usdSubscription(c), now, c.policy);
        if (quote.kind !== 'reactivation' && quote.kind !== 'recovery') return;
        const { reactivationTiers, recovery } = c.policy.fees;
        const tier =
          quote.kind === 'recovery'
            ? recovery
            : [...reactivationTiers].reverse().find((candidate) => candidate.fromDay <= quote.daysPastExpiry);
        const cents = (text: string) => BigInt(new DecimalJs(text).times(100).toFixed(0));
        expect(quote.minimum.amount).toBe(new DecimalJs(tier?.minimum ?? 'NaN').toFixed(2));
        const lowerOf = (a: bigint, b: bigint) => (a < b ? a : b);
        const cap = quote.cap === undefined ? undefined : cents(quote.cap.amount);
        const capped = (value: bigint) => (cap === undefined ? value : lowerOf(value, cap));
        const floor = cents(quote.minimum.amount) + (quote.kind === 'recovery' ? cents(quote.dailyCharge.amount) : 0n);
        expect(cents(quote.fee.amount) >= capped(floor)).toBe(true);
        expect(cents(quote.fee.amount) >= capped(cents(quote.percentageFee.amount))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('R-FEE-6 the fee never exceeds the cap, and capApplied says exactly when the cap cut it', () => {
    fc.assert(
      fc.property(usdCaseArbitrary, offsetMsArbitrary, (c, offset) => {
        const quote = quoteReactivationFee(usdSubscription(c), (c.expirationDay + c.extensionDays) * MS_PER_DAY + offset, c.policy);
        if (quote.kind !== 'reactivation' && quote.kind !== 'recovery') return;
        const cents = (money: Money) => BigInt(money.amount.replace('.', ''));
        const terms =
          quote.kind === 'recovery'
            ? c.policy.fees.recovery
            : [...c.policy.fees.reactivationTiers].reverse().find((tier) => tier.fromDay <= quote.daysPastExpiry);
        expect(quote.cap !== undefined).toBe(terms?.maximum !== undefined || terms?.maximumRate !== undefined);
        if (quote.cap === undefined) {
          expect(quote.capApplied).toBe(false);
          return;
        }
        expect(cents(quote.fee) <= cents(quote.cap)).toBe(true);
        if (terms?.maximum !== undefined) expect(cents(quote.cap) <= BigInt(terms.maximum.replace('.', ''))).toBe(true);
        const uncapped =
          (quote.minimumApplied ? cents(quote.minimum) : cents(quote.percentageFee)) +
          (quote.kind === 'recovery' ? cents(quote.dailyCharge) : 0n);
        expect(quote.capApplied).toBe(uncapped > cents(quote.cap));
        expect(cents(quote.fee)).toBe(quote.capApplied ? cents(quote.cap) : uncapped);
      }),
      { numRuns: 200 },
    );
  });

  it('R-FEE-5 R-FEE-6 the fee never decreases as the invoice grows, capped or not', () => {
    fc.assert(
      fc.property(usdCaseArbitrary, offsetMsArbitrary, fc.bigInt({ min: 0n, max: 1_000_000_000n }), (c, offset, more) => {
        const now = (c.expirationDay + c.extensionDays) * MS_PER_DAY + offset;
        const smaller = feeOf(quoteReactivationFee(usdSubscription(c), now, c.policy));
        const larger = feeOf(quoteReactivationFee(usdSubscription({ ...c, cents: c.cents + more }), now, c.policy));
        if (smaller !== undefined && larger !== undefined) expect(larger >= smaller).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('R-FEE-1 R-FEE-6 in recovery each extra day adds exactly the daily rate, up to the cap', () => {
    fc.assert(
      fc.property(
        usdCaseArbitrary,
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: MS_PER_DAY - 1 }),
        fc.integer({ min: 0, max: 400 * MS_PER_DAY }),
        (c, day, msOfDay, later) => {
          const { timeZone, fees } = c.policy;
          const effectiveDay = c.expirationDay + c.extensionDays;
          const subscription = usdSubscription(c);
          const dailyRate = BigInt(fees.recovery.dailyRate.replace('.', ''));
          // The next calendar day, at a random time of each.
          const today = quoteReactivationFee(subscription, instantOf(timeZone, effectiveDay + day, msOfDay), c.policy);
          const tomorrow = quoteReactivationFee(
            subscription,
            instantOf(timeZone, effectiveDay + day + 1, MS_PER_DAY - 1 - msOfDay),
            c.policy,
          );
          // R-FEE-6: until the cap is reached; from there the fee is the cap.
          const expected = (base: bigint, added: bigint, cap: Money | undefined) => {
            const capCents = cap === undefined ? undefined : BigInt(cap.amount.replace('.', ''));
            return capCents !== undefined && base + added > capCents ? capCents : base + added;
          };
          if (today.kind === 'recovery' && tomorrow.kind === 'recovery') {
            expect(tomorrow.daysPastExpiry).toBe(today.daysPastExpiry + 1);
            if (!today.capApplied) expect(feeOf(tomorrow)).toBe(expected(feeOf(today) as bigint, dailyRate, tomorrow.cap));
            else expect(feeOf(tomorrow)).toBe(feeOf(today));
          }
          // Any two recovery instants differ by the daily rate times the days between them.
          const afterward = quoteReactivationFee(subscription, instantOf(timeZone, effectiveDay + day, msOfDay) + later, c.policy);
          if (today.kind === 'recovery' && afterward.kind === 'recovery' && !today.capApplied) {
            const days = BigInt(afterward.daysPastExpiry - today.daysPastExpiry);
            expect(feeOf(afterward)).toBe(expected(feeOf(today) as bigint, dailyRate * days, afterward.cap));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('R-FEE-2 nextIncrease is the first instant at which the fee is higher', () => {
    fc.assert(
      fc.property(usdCaseArbitrary, offsetMsArbitrary, fc.integer({ min: 1, max: 400 * MS_PER_DAY }), (c, offset, later) => {
        const subscription = usdSubscription(c);
        const now = (c.expirationDay + c.extensionDays) * MS_PER_DAY + offset;
        const quote = quoteReactivationFee(subscription, now, c.policy);
        if (quote.kind !== 'reactivation' && quote.kind !== 'recovery') return;
        const fee = feeOf(quote) as bigint;
        if (quote.nextIncrease === undefined) {
          // Nothing rises again: any later quote costs the same, or is unrecoverable.
          const afterward = quoteReactivationFee(subscription, now + later, c.policy);
          if (afterward.kind !== 'unrecoverable') expect(feeOf(afterward)).toBe(fee);
          return;
        }
        const next = quote.nextIncrease.getTime();
        expect(next).toBeGreaterThan(now);
        expect(feeOf(quoteReactivationFee(subscription, next - 1, c.policy))).toBe(fee);
        const raised = feeOf(quoteReactivationFee(subscription, next, c.policy));
        expect(raised !== undefined && raised > fee).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("R-IN-4 throws nothing but the library's errors, for any input at all", () => {
    const maybe = fc.oneof(anyValue, fc.constant(undefined));
    fc.assert(
      fc.property(
        fc.oneof(
          anyValue,
          maybe.map((invoiceAmount) => ({ expirationDate: '2026-03-31', invoiceAmount })),
          maybe.map((endsOn) => ({ expirationDate: '2026-03-31', invoiceAmount: '1.00', extension: { endsOn } })),
        ),
        fc.oneof(anyValue, fc.constant('2026-04-20T00:00:00Z')),
        fc.oneof(fc.constant(undefined), anyValue),
        (subscription, now, policy) => {
          try {
            quoteReactivationFee(subscription as never, now as never, policy as never);
          } catch (error) {
            expect(error instanceof ExpiryInputError || error instanceof PolicyError).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

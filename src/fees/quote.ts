import { formatDayNumber } from '../clock/civil.js';
import { instantOf, localDayOf } from '../clock/zone.js';
import { ExpiryInputError } from '../errors.js';
import { parseMoney } from '../input/money.js';
import type { ParsedSubscription } from '../input/subscription.js';
import { boundariesOf, type Boundaries } from '../lifecycle/boundaries.js';
import { phaseIndexAt, phasesOf, type PhaseStart } from '../lifecycle/phases.js';
import { exampleAmount } from '../money/amountText.js';
import type { Decimal } from '../money/decimal.js';
import type { CompiledPolicy } from '../policy/compile.js';
import { resultDate } from '../results.js';
import { moneyOf } from '../money/money.js';
import { feesOf, type FeeTerms, type PolicyFees, type TierTerms } from './terms.js';
import type { FeeQuote } from './types.js';

const INVOICE_PATH = 'subscription.invoiceAmount';

/**
 * R-FEE-5: parses the invoice amount when present, in the policy's currency (R-IN-3);
 * `undefined` when absent (null too), which only a priced quote turns into an error.
 * Only a priced quote writes it out again.
 */
export function parseInvoice(raw: unknown, policy: CompiledPolicy): Decimal | undefined {
  if (raw === undefined || raw === null) return undefined;
  return parseMoney(raw, policy.currency, feesOf(policy).fractionDigits, INVOICE_PATH);
}

/**
 * The fee quote of a parsed subscription at an instant (R-FEE-1, R-FEE-5, R-FEE-6): by the
 * phase at `now`, one of the four kinds (R-FEE-2): none, a reactivation fee by tier, a
 * recovery fee by day, or unrecoverable.
 */
export function quoteFee(subscription: ParsedSubscription, now: number, invoice: Decimal | undefined, policy: CompiledPolicy): FeeQuote {
  const boundaries = boundariesOf(subscription, policy);
  const phases = phasesOf(boundaries);
  const phase = (phases[phaseIndexAt(phases, now)] as PhaseStart).phase;
  const expirationDate = formatDayNumber(boundaries.expirationDay);
  const daysPastExpiry = localDayOf(policy.zone, now) - boundaries.expirationDay;
  switch (phase) {
    case 'active':
    case 'renewal-due':
    case 'extended':
      return Object.freeze({ kind: 'none', phase, expirationDate, expiresAt: resultDate(boundaries.expiresAt) });
    case 'unrecoverable':
      return unrecoverableQuote(daysPastExpiry, expirationDate, boundaries);
    case 'expired':
      return reactivationQuote(
        requireInvoice(invoice, 'reactivation', daysPastExpiry, policy),
        daysPastExpiry,
        expirationDate,
        boundaries,
        policy,
      );
    case 'deleted':
      return recoveryQuote(requireInvoice(invoice, 'recovery', daysPastExpiry, policy), daysPastExpiry, expirationDate, boundaries, policy);
  }
}

/** R-FEE-5: a priced quote needs the invoice amount. */
function requireInvoice(
  invoice: Decimal | undefined,
  kind: 'reactivation' | 'recovery',
  daysPastExpiry: number,
  policy: CompiledPolicy,
): Decimal {
  if (invoice !== undefined) return invoice;
  throw new ExpiryInputError(
    'missing',
    INVOICE_PATH,
    `the invoice amount as it stood at expiration is required to quote a ${kind} fee (${daysPastExpiry} days past expiry); pass it in ${policy.currency}, such as "${exampleAmount(feesOf(policy).fractionDigits)}"`,
  );
}

/** The fee of some terms for an invoice, before any of it is written out (R-FEE-1, R-FEE-6). */
interface Fee {
  readonly percentageFee: Decimal;
  readonly minimumApplied: boolean;
  readonly dailyCharge: Decimal | undefined;
  readonly cap: Decimal | undefined;
  readonly capApplied: boolean;
  readonly fee: Decimal;
}

/** R-FEE-1: the percentage, rounded, then the minimum, then the daily charge; R-FEE-6: then the cap. */
function feeOf(invoice: Decimal, terms: FeeTerms, dailyRate: Decimal | undefined, days: number, fees: PolicyFees): Fee {
  const percentageFee = invoice.times(terms.rate).toDecimalPlaces(fees.fractionDigits, fees.rounding);
  // The minimum applies only when the percentage falls below it; equal is not "applied".
  const minimumApplied = percentageFee.lessThan(terms.minimum);
  const base = minimumApplied ? terms.minimum : percentageFee;
  const dailyCharge = dailyRate === undefined ? undefined : dailyRate.times(days);
  const uncapped = dailyCharge === undefined ? base : base.plus(dailyCharge);
  // The cap wins over the minimum and the daily charge; equal is not "applied".
  const cap = capOf(invoice, terms, fees);
  const capApplied = cap !== undefined && uncapped.greaterThan(cap);
  return { percentageFee, minimumApplied, dailyCharge, cap, capApplied, fee: capApplied ? cap : uncapped };
}

/** R-FEE-6: the lower of `maximum` and `maximumRate` × invoice (rounded as the policy rounds); none without either. */
function capOf(invoice: Decimal, terms: FeeTerms, fees: PolicyFees): Decimal | undefined {
  const { maximum, maximumRate } = terms;
  if (maximumRate === undefined) return maximum;
  const byRate = invoice.times(maximumRate).toDecimalPlaces(fees.fractionDigits, fees.rounding);
  return maximum === undefined || byRate.lessThan(maximum) ? byRate : maximum;
}

/** The last tier whose `fromDay` is at or before the day count (tier 0 starts on day 0). */
function tierIndexFor(fees: PolicyFees, daysPastExpiry: number): number {
  const { tiers } = fees;
  let index = 0;
  while (index + 1 < tiers.length && (tiers[index + 1] as TierTerms).fromDay <= daysPastExpiry) index += 1;
  return index;
}

function reactivationQuote(
  invoice: Decimal,
  daysPastExpiry: number,
  expirationDate: string,
  boundaries: Boundaries,
  policy: CompiledPolicy,
): FeeQuote {
  const fees = feesOf(policy);
  const tierIndex = tierIndexFor(fees, daysPastExpiry);
  const terms = fees.tiers[tierIndex] as FeeTerms;
  const fee = feeOf(invoice, terms, undefined, 0, fees);
  // The next increase: the start of the first later tier that charges more, else the deletion
  // instant if recovery charges more, else none. Tier starts come from the boundaries.
  let nextIncrease: number | undefined;
  for (let index = tierIndex + 1; index < fees.tiers.length && nextIncrease === undefined; index += 1) {
    if (feeOf(invoice, fees.tiers[index] as FeeTerms, undefined, 0, fees).fee.greaterThan(fee.fee))
      nextIncrease = boundaries.tierStartsAt[index] as number;
  }
  if (nextIncrease === undefined) {
    const firstRecoveryDay = boundaries.deletionDay - boundaries.expirationDay;
    if (feeOf(invoice, fees.recovery, fees.recovery.dailyRate, firstRecoveryDay, fees).fee.greaterThan(fee.fee))
      nextIncrease = boundaries.deletedAt;
  }
  const money = (value: Decimal) => moneyOf(value, fees.currency, fees.fractionDigits);
  // The same working as recovery's, written out in both: shared through spread helpers it
  // cost 7 % of a quote (measured with bench/cpu.ts).
  return Object.freeze({
    kind: 'reactivation',
    daysPastExpiry,
    expirationDate,
    rate: terms.rateText,
    minimum: terms.minimumMoney,
    percentageFee: money(fee.percentageFee),
    minimumApplied: fee.minimumApplied,
    ...(fee.cap === undefined ? {} : { cap: money(fee.cap) }),
    capApplied: fee.capApplied,
    fee: money(fee.fee),
    invoiceAmount: money(invoice),
    total: money(invoice.plus(fee.fee)),
    ...(nextIncrease === undefined ? {} : { nextIncrease: resultDate(nextIncrease) }),
  });
}

/** Recovery (R-FEE-4): the percentage fee or minimum, plus the daily rate for every day past expiry, then any cap. */
function recoveryQuote(
  invoice: Decimal,
  daysPastExpiry: number,
  expirationDate: string,
  boundaries: Boundaries,
  policy: CompiledPolicy,
): FeeQuote {
  const fees = feesOf(policy);
  const { recovery } = fees;
  const fee = feeOf(invoice, recovery, recovery.dailyRate, daysPastExpiry, fees);
  // The fee rises at each local midnight by the daily rate, through the last recoverable
  // day, until it reaches the cap (R-FEE-6): from there it stays.
  const tomorrow = boundaries.expirationDay + daysPastExpiry + 1;
  const rises =
    !recovery.dailyRate.isZero() &&
    tomorrow <= boundaries.lastRecoverableDay &&
    !(fee.cap !== undefined && fee.fee.greaterThanOrEqualTo(fee.cap));
  const money = (value: Decimal) => moneyOf(value, fees.currency, fees.fractionDigits);
  return Object.freeze({
    kind: 'recovery',
    daysPastExpiry,
    expirationDate,
    rate: recovery.rateText,
    minimum: recovery.minimumMoney,
    percentageFee: money(fee.percentageFee),
    minimumApplied: fee.minimumApplied,
    dailyRate: recovery.dailyRateMoney,
    dailyCharge: money(fee.dailyCharge as Decimal),
    ...(fee.cap === undefined ? {} : { cap: money(fee.cap) }),
    capApplied: fee.capApplied,
    fee: money(fee.fee),
    invoiceAmount: money(invoice),
    total: money(invoice.plus(fee.fee)),
    ...(rises ? { nextIncrease: resultDate(instantOf(policy.zone, tomorrow, 0)) } : {}),
  });
}

function unrecoverableQuote(daysPastExpiry: number, expirationDate: string, boundaries: Boundaries): FeeQuote {
  const lastRecoverableDate = formatDayNumber(boundaries.lastRecoverableDay);
  return Object.freeze({
    kind: 'unrecoverable',
    daysPastExpiry,
    expirationDate,
    lastRecoverableDate,
    reason: `The data could be recovered only through ${lastRecoverableDate}; it is gone, and a new subscription must be bought.`,
  });
}

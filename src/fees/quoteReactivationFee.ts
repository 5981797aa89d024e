import { requireLifecycleInRange } from '../lifecycle/range.js';
import { ExpiryInputError } from '../errors.js';
import { formatDayNumber } from '../clock/civil.js';
import { instantOf, localDayOf } from '../clock/zone.js';
import { parseInstant, type InstantInput } from '../input/instant.js';
import { parseMoney } from '../input/money.js';
import { atTheDoor } from '../input/read.js';
import { parseSubscription, type ParsedSubscription, type Subscription } from '../input/subscription.js';
import { boundariesOf, type Boundaries } from '../lifecycle/boundaries.js';
import { phaseIndexAt, phasesOf, type PhaseStart } from '../lifecycle/phases.js';
import type { Decimal } from '../money/decimal.js';
import { policyMemo, remember, resolvePolicy, type CompiledPolicy, type CompiledTerms } from '../policy/compile.js';
import type { Policy } from '../policy/types.js';
import { resultDate } from '../results.js';
import { moneyOf, type Money } from './money.js';

/**
 * The working every priced quote shows (R-FEE-2), so a widget can explain the number and an agent defend it.
 *
 * @inline
 */
interface PricedQuote {
  /** Calendar days from the effective expiration date to the local date of `now` (R-TZ-5). */
  readonly daysPastExpiry: number;
  /** The effective expiration date, `YYYY-MM-DD` (R-ST-2). */
  readonly expirationDate: string;
  /** The rate applied to the invoice, a decimal fraction such as `"0.15"` (15 %). */
  readonly rate: string;
  /** The least the percentage part may be. */
  readonly minimum: Money;
  /** `invoiceAmount × rate`, rounded to the minor unit with the policy's rounding (R-FEE-1). */
  readonly percentageFee: Money;
  /** True when the minimum was charged because the percentage fee fell below it. */
  readonly minimumApplied: boolean;
  /**
   * The cap on the fee, when the tier (or recovery) has one (R-FEE-6): the lower of its
   * `maximum` and `maximumRate` × the invoice, rounded with the policy's rounding.
   */
  readonly cap?: Money;
  /** True when the fee was cut to the cap: the fee without it would have been higher. */
  readonly capApplied: boolean;
  /** What the customer owes on top of the invoice. */
  readonly fee: Money;
  /** The invoice amount as it stood at expiration. */
  readonly invoiceAmount: Money;
  /** `invoiceAmount + fee`: what the customer pays. */
  readonly total: Money;
  /** The instant from which the fee is next higher; absent when it never rises again. */
  readonly nextIncrease?: Date;
}

/**
 * A fee quote, a discriminated union on `kind` (R-FEE-2): `none` before expiry or while
 * an extension runs, `reactivation` while expired, `recovery` once the data is deleted,
 * `unrecoverable` once the recovery window has closed.
 *
 * @example
 * function feeText(quote: FeeQuote): string {
 *   switch (quote.kind) {
 *     case 'none': return `No fee before ${quote.expirationDate}`;
 *     case 'reactivation':
 *     case 'recovery': return `${formatMoney(quote.fee)} (${quote.daysPastExpiry} days late)`;
 *     case 'unrecoverable': return quote.reason;
 *   }
 * }
 * feeText(quoteReactivationFee({ expirationDate: '2026-03-31', invoiceAmount: '300.00' }, '2026-04-09T12:00:00Z'));
 * //=> '$50.00 (9 days late)'
 */
export type FeeQuote =
  | {
      readonly kind: 'none';
      readonly phase: 'active' | 'renewal-due' | 'extended';
      /** The effective expiration date, `YYYY-MM-DD`. */
      readonly expirationDate: string;
      /** The instant the subscription expires and a reactivation fee starts to apply. */
      readonly expiresAt: Date;
    }
  | (PricedQuote & { readonly kind: 'reactivation' })
  | (PricedQuote & {
      readonly kind: 'recovery';
      /** The charge per calendar day past expiry. */
      readonly dailyRate: Money;
      /** `dailyRate × daysPastExpiry`. */
      readonly dailyCharge: Money;
    })
  | {
      readonly kind: 'unrecoverable';
      readonly daysPastExpiry: number;
      readonly expirationDate: string;
      /** The last day on which the data could still be recovered. */
      readonly lastRecoverableDate: string;
      /** Why no fee is quoted, in words a customer can read. */
      readonly reason: string;
    };

/**
 * Quotes the fee to reactivate an expired subscription or recover its deleted data at
 * `now` (SPEC §4, R-FEE-1…6), showing its working.
 *
 * Tiers are chosen by calendar days past the effective expiration date in the policy's
 * time zone; the fee is based on `subscription.invoiceAmount`, the invoice as it stood at
 * expiration, which is required only when a priced quote needs it. Every amount is exact
 * and carries the policy's currency. Where the policy caps a tier or recovery, the fee is
 * at most the cap, and the quote says so (`capApplied`, `cap`; R-FEE-6).
 *
 * @param subscription - `expirationDate` (`YYYY-MM-DD`), `invoiceAmount`, optional `extension`
 * @param now - the instant to quote at: a `Date`, epoch milliseconds or an ISO string with an offset
 * @param policy - fee tiers, recovery rates, currency and rounding (default: {@link defaultPolicy})
 * @returns a frozen {@link FeeQuote}
 * @throws ExpiryInputError for a bad subscription or instant, or a missing invoice amount on a priced quote
 * @throws PolicyError for an invalid policy
 *
 * @example
 * const quote = quoteReactivationFee(
 *   { expirationDate: '2026-03-31', invoiceAmount: '300.00' },
 *   new Date('2026-05-15T12:00:00Z'), // 45 days past expiry in New York
 * );
 * if (quote.kind === 'recovery') {
 *   quote.fee; //=> { amount: '230.00', currency: 'USD' }: max(15 % of $300, $50) + 45 × $4
 * }
 */
export function quoteReactivationFee(subscription: Subscription, now: InstantInput, policy?: Policy): FeeQuote {
  const compiled = atTheDoor('policy', () => resolvePolicy(policy));
  const parsed = atTheDoor('subscription', () => parseSubscription(subscription, 'subscription'));
  const instant = atTheDoor('now', () => parseInstant(now, 'now'));
  requireLifecycleInRange(parsed, compiled);
  return quoteOf(parsed, instant, compiled);
}

/** The quote for a parsed subscription at an instant (for callers that parsed already). */
export function quoteOf(parsed: ParsedSubscription, instant: number, compiled: CompiledPolicy): FeeQuote {
  // A present invoice amount is always checked, whatever the kind: a malformed amount is a
  // caller's bug that must not hide until the day a fee falls due (see docs/decisions.md).
  const invoice = atTheDoor(INVOICE_PATH, () => parseInvoice(parsed.invoiceAmount, compiled));

  const boundaries = boundariesOf(parsed, compiled);
  // A quote depends only on the boundaries, "now" and the invoice, and it is frozen, so a
  // batch at one instant computes it once per distinct date and amount.
  let known = lastQuotes.get(boundaries);
  if (known === undefined || known.now !== instant) {
    known = { now: instant, byInvoice: new Map() };
    lastQuotes.set(boundaries, known);
  }
  const cached = known.byInvoice.get(invoice);
  if (cached !== undefined) return cached;
  return remember(known.byInvoice, invoice, quoteAt(boundaries, instant, invoice, compiled));
}

/** The last quotes computed for each set of boundaries, by invoice, with their instant. */
const lastQuotes = new WeakMap<Boundaries, { readonly now: number; readonly byInvoice: Map<Invoice | undefined, FeeQuote> }>();

function quoteAt(boundaries: Boundaries, instant: number, invoice: Invoice | undefined, compiled: CompiledPolicy): FeeQuote {
  const phases = phasesOf(boundaries);
  const phase = (phases[phaseIndexAt(phases, instant)] as PhaseStart).phase;
  const expirationDate = formatDayNumber(boundaries.expirationDay);

  switch (phase) {
    case 'active':
    case 'renewal-due':
    case 'extended':
      return Object.freeze({ kind: 'none', phase, expirationDate, expiresAt: resultDate(boundaries.expiresAt) });
    case 'unrecoverable':
      return unrecoverableQuote(localDayOf(compiled.zone, instant) - boundaries.expirationDay, expirationDate, boundaries);
    case 'expired':
    case 'deleted': {
      const daysPastExpiry = localDayOf(compiled.zone, instant) - boundaries.expirationDay;
      const kind = phase === 'expired' ? 'reactivation' : 'recovery';
      if (invoice === undefined) {
        throw new ExpiryInputError(
          'missing',
          INVOICE_PATH,
          `the invoice amount as it stood at expiration is required to quote a ${kind} fee (${daysPastExpiry} days past expiry); pass it in ${compiled.currency}, such as "${compiled.fractionDigits === 0 ? '300' : `300.${'0'.repeat(compiled.fractionDigits)}`}"`,
        );
      }
      const pricing = kind === 'reactivation' ? reactivationPricing(invoice, tierIndexFor(compiled, daysPastExpiry), compiled) : recoveryPricing(invoice, daysPastExpiry, compiled);
      const nextIncrease =
        kind === 'reactivation'
          ? nextIncreaseInReactivation(invoice, pricing, daysPastExpiry, boundaries, compiled)
          : nextIncreaseInRecovery(pricing, daysPastExpiry, boundaries, compiled);
      return Object.freeze({
        kind,
        daysPastExpiry,
        expirationDate,
        ...pricing.working,
        ...(nextIncrease === undefined ? {} : { nextIncrease: resultDate(nextIncrease) }),
      }) as FeeQuote;
    }
  }
}

const INVOICE_PATH = 'subscription.invoiceAmount';

/** A checked invoice amount: the exact value and its `Money`, memoised per raw input. */
interface Invoice {
  readonly value: Decimal;
  readonly money: Money;
}

/** The money part of a priced quote, shared (frozen) by every quote with the same invoice, tier and day. */
interface Pricing {
  readonly fee: Decimal;
  /** The cap that applied to this tier or day, if the terms have one. */
  readonly cap: Decimal | undefined;
  readonly working: Omit<PricedQuote, 'daysPastExpiry' | 'expirationDate' | 'nextIncrease'> & {
    readonly dailyRate?: Money;
    readonly dailyCharge?: Money;
  };
}

/**
 * R-FEE-5: parses the invoice amount when present; `undefined` when absent (null too),
 * which only a priced quote turns into an error. Strings and numbers are memoised per
 * policy, so a batch parses each distinct amount once.
 */
function parseInvoice(raw: unknown, compiled: CompiledPolicy): Invoice | undefined {
  if (raw === undefined || raw === null) return undefined;
  const memoisable = typeof raw === 'string' || typeof raw === 'number';
  const memo = policyMemo<unknown, Invoice>(compiled, 'fees.invoice');
  if (memoisable) {
    const known = memo.get(raw);
    if (known !== undefined) return known;
  }
  const value = parseMoney(raw, compiled.currency, compiled.fractionDigits, INVOICE_PATH);
  const invoice: Invoice = Object.freeze({ value, money: moneyOf(value, compiled.currency, compiled.fractionDigits) });
  return memoisable ? remember(memo, raw, invoice) : invoice;
}

/** The last tier whose `fromDay` is at or before the day count (tier 0 starts on day 0). */
function tierIndexFor(compiled: CompiledPolicy, daysPastExpiry: number): number {
  const { tiers } = compiled;
  let index = 0;
  while (index + 1 < tiers.length && (tiers[index + 1] as CompiledPolicy['tiers'][number]).fromDay <= daysPastExpiry) index += 1;
  return index;
}

/** R-FEE-1 for a reactivation tier: the percentage, rounded, then the minimum, then the cap. */
function reactivationPricing(invoice: Invoice, tierIndex: number, compiled: CompiledPolicy): Pricing {
  const memo = policyMemo<string, Pricing>(compiled, 'fees.pricing');
  const key = `r${tierIndex}|${invoice.money.amount}`;
  const known = memo.get(key);
  if (known !== undefined) return known;
  return remember(memo, key, price(invoice, compiled.tiers[tierIndex] as CompiledTerms, undefined, 0, compiled));
}

/** R-FEE-1 for recovery: the percentage, rounded, then the minimum, then the daily charge, then the cap. */
function recoveryPricing(invoice: Invoice, daysPastExpiry: number, compiled: CompiledPolicy): Pricing {
  const memo = policyMemo<string, Pricing>(compiled, 'fees.pricing');
  const key = `d${daysPastExpiry}|${invoice.money.amount}`;
  const known = memo.get(key);
  if (known !== undefined) return known;
  return remember(memo, key, price(invoice, compiled.recovery, compiled.recovery.dailyRate, daysPastExpiry, compiled));
}

function price(invoice: Invoice, terms: CompiledTerms, dailyRate: Decimal | undefined, days: number, compiled: CompiledPolicy): Pricing {
  const { currency, fractionDigits, rounding } = compiled;
  const { rate, minimum } = terms;
  const percentageFee = invoice.value.times(rate).toDecimalPlaces(fractionDigits, rounding);
  // R-FEE-1: the minimum applies only when the percentage falls below it; equal is not "applied".
  const minimumApplied = percentageFee.lessThan(minimum);
  const base = minimumApplied ? minimum : percentageFee;
  const dailyCharge = dailyRate === undefined ? undefined : dailyRate.times(days);
  const uncapped = dailyCharge === undefined ? base : base.plus(dailyCharge);
  // R-FEE-6: the cap wins over the minimum and the daily charge; equal is not "applied".
  const cap = capOf(invoice, terms, compiled);
  const capApplied = cap !== undefined && uncapped.greaterThan(cap);
  const fee = capApplied ? cap : uncapped;
  const money = (value: Decimal) => moneyOf(value, currency, fractionDigits);
  return {
    fee,
    cap,
    working: Object.freeze({
      rate: rate.toFixed(),
      minimum: money(minimum),
      percentageFee: money(percentageFee),
      minimumApplied,
      ...(dailyRate === undefined || dailyCharge === undefined ? {} : { dailyRate: money(dailyRate), dailyCharge: money(dailyCharge) }),
      ...(cap === undefined ? {} : { cap: money(cap) }),
      capApplied,
      fee: money(fee),
      invoiceAmount: invoice.money,
      total: money(invoice.value.plus(fee)),
    }),
  };
}

/** R-FEE-6: the lower of `maximum` and `maximumRate` × invoice (rounded as the policy rounds); none without either. */
function capOf(invoice: Invoice, terms: CompiledTerms, compiled: CompiledPolicy): Decimal | undefined {
  const { maximum, maximumRate } = terms;
  if (maximumRate === undefined) return maximum;
  const byRate = invoice.value.times(maximumRate).toDecimalPlaces(compiled.fractionDigits, compiled.rounding);
  return maximum === undefined || byRate.lessThan(maximum) ? byRate : maximum;
}

/**
 * The first instant after which a reactivation fee is higher: the start of the first later
 * tier that charges more, else the deletion instant if recovery charges more, else none.
 * Tier starts come from the boundaries, the one source of every lifecycle instant.
 */
function nextIncreaseInReactivation(invoice: Invoice, current: Pricing, daysPastExpiry: number, boundaries: Boundaries, compiled: CompiledPolicy): number | undefined {
  for (let index = tierIndexFor(compiled, daysPastExpiry) + 1; index < compiled.tiers.length; index += 1) {
    if (reactivationPricing(invoice, index, compiled).fee.greaterThan(current.fee)) return boundaries.tierStartsAt[index] as number;
  }
  const firstRecoveryDay = boundaries.deletionDay - boundaries.expirationDay;
  return recoveryPricing(invoice, firstRecoveryDay, compiled).fee.greaterThan(current.fee) ? boundaries.deletedAt : undefined;
}

/**
 * In recovery the fee rises at each local midnight by the daily rate, through the last
 * recoverable day, until it reaches the cap (R-FEE-6): from there it stays.
 */
function nextIncreaseInRecovery(current: Pricing, daysPastExpiry: number, boundaries: Boundaries, compiled: CompiledPolicy): number | undefined {
  const tomorrow = boundaries.expirationDay + daysPastExpiry + 1;
  if (compiled.recovery.dailyRate.isZero() || tomorrow > boundaries.lastRecoverableDay) return undefined;
  if (current.cap !== undefined && current.fee.greaterThanOrEqualTo(current.cap)) return undefined;
  return instantOf(compiled.zone, tomorrow, 0);
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

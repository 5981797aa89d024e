import { PolicyError } from '../errors.js';
import { parseTimeOfDay } from '../clock/timeOfDay.js';
import { zoneOf, type Zone } from '../clock/zone.js';
import type DecimalJs from 'decimal.js';
import { Decimal, ROUNDING_MODES } from '../money/decimal.js';
import { defaultPolicy } from './defaultPolicy.js';
import { atThePolicyDoor } from './definePolicy.js';
import type { FeeCap, Policy, ReminderCadence } from './types.js';
import { currencyFractionDigits, validatePolicy } from './validate.js';

/**
 * A policy turned once into what the hot paths need: times as milliseconds of the
 * day, rates and minimums as `Decimal`s. Modules read only this, never a constant.
 */
export interface CompiledPolicy {
  readonly policy: Policy;
  readonly timeZone: string;
  /** The policy zone's engine (R-TZ-1): every business date is local to it. */
  readonly zone: Zone;
  readonly expiryMs: number;
  readonly currency: string;
  readonly fractionDigits: number;
  readonly rounding: DecimalJs.Rounding;
  readonly tiers: readonly CompiledTier[];
  readonly recovery: CompiledTerms & { readonly dailyRate: Decimal };
  readonly cadences: readonly ReminderCadence[];
  readonly sendTimeMs: ReadonlyMap<string, number>;
  readonly quietHours: { readonly channels: ReadonlySet<string>; readonly startMs: number; readonly endMs: number };
  /** Per-policy memo for modules (boundaries by date, quotes by amount…), bounded by its users. */
  readonly memo: Map<string, Map<unknown, unknown>>;
}

/** The terms of a fee: rate, minimum and the optional cap (R-FEE-1, R-FEE-6). */
export interface CompiledTerms {
  readonly rate: Decimal;
  readonly minimum: Decimal;
  readonly maximum: Decimal | undefined;
  readonly maximumRate: Decimal | undefined;
}

export interface CompiledTier extends CompiledTerms {
  readonly fromDay: number;
}

/** Do two fee terms charge the same for every invoice (rate, minimum and cap alike)? */
export function sameTerms(a: CompiledTerms, b: CompiledTerms): boolean {
  const same = (x: Decimal | undefined, y: Decimal | undefined) => (x === undefined ? y === undefined : y !== undefined && x.eq(y));
  return a.rate.eq(b.rate) && a.minimum.eq(b.minimum) && same(a.maximum, b.maximum) && same(a.maximumRate, b.maximumRate);
}

const compiledPolicies = new WeakMap<object, CompiledPolicy>();
const compiledDefault = compile(defaultPolicy);

/**
 * The compiled form of the policy a caller passed (R-POL-2): the default when
 * omitted; a frozen policy is validated and compiled once and remembered; an
 * unfrozen object is validated on every call, since it may change between calls.
 */
export function resolvePolicy(policy: unknown): CompiledPolicy {
  if (policy === undefined || policy === defaultPolicy) return compiledDefault;
  if (typeof policy !== 'object' || policy === null) {
    throw new PolicyError('wrong-type', 'policy', 'the policy must be an object made by definePolicy, or omitted');
  }
  const known = compiledPolicies.get(policy);
  if (known !== undefined) return known;
  const compiled = compile(atThePolicyDoor(() => validatePolicy(policy)));
  let frozen = false;
  try {
    frozen = Object.isFrozen(policy);
  } catch {
    frozen = false;
  }
  if (frozen) compiledPolicies.set(policy, compiled);
  return compiled;
}

function compile(policy: Policy): CompiledPolicy {
  const { fees, reminders } = policy;
  return {
    policy,
    timeZone: policy.timeZone,
    zone: zoneOf(policy.timeZone),
    expiryMs: parseTimeOfDay(policy.expiryTime) as number,
    currency: policy.currency,
    fractionDigits: currencyFractionDigits(policy.currency, 'policy.currency', policy.currencyDigits),
    rounding: ROUNDING_MODES[policy.rounding],
    tiers: fees.reactivationTiers.map((tier) => ({ fromDay: tier.fromDay, ...termsOf(tier) })),
    recovery: { ...termsOf(fees.recovery), dailyRate: new Decimal(fees.recovery.dailyRate) },
    cadences: reminders.cadences,
    sendTimeMs: new Map(Object.entries(reminders.sendTimes).map(([channel, time]) => [channel, parseTimeOfDay(time) as number])),
    quietHours: {
      channels: new Set(reminders.quietHours.channels),
      startMs: parseTimeOfDay(reminders.quietHours.start) as number,
      endMs: parseTimeOfDay(reminders.quietHours.end) as number,
    },
    memo: new Map(),
  };
}

function termsOf(terms: FeeCap & { readonly rate: string; readonly minimum: string }): CompiledTerms {
  const optional = (text: string | undefined) => (text === undefined ? undefined : new Decimal(text));
  return { rate: new Decimal(terms.rate), minimum: new Decimal(terms.minimum), maximum: optional(terms.maximum), maximumRate: optional(terms.maximumRate) };
}

/** A bounded memo of one module for one policy: cleared whole when full. */
export function policyMemo<K, V>(compiled: CompiledPolicy, name: string): Map<K, V> {
  let memo = compiled.memo.get(name);
  if (memo === undefined) {
    memo = new Map();
    compiled.memo.set(name, memo);
  }
  return memo as Map<K, V>;
}

export { remember } from '../memo.js';

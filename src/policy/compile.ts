import { parseTimeOfDay } from '../clock/timeOfDay.js';
import { zoneOf, type Zone } from '../clock/zone.js';
import { memoised } from '../memo.js';
import { defaultPolicy } from './defaultPolicy.js';
import { definedPolicy } from './defined.js';
import type { Policy, ReactivationTier, ReminderCadence } from './types.js';

/**
 * A policy turned once into what the hot paths need: times as milliseconds of the day, the
 * zone's engine, the currency's digits. Amounts and rates stay as the policy's text: only
 * the fee module turns them into decimals (lazily, once per policy), so code that computes
 * no money never loads decimal.js.
 */
export interface CompiledPolicy {
  readonly policy: Policy;
  readonly timeZone: string;
  /** The policy zone's engine (R-TZ-1): every business date is local to it. */
  readonly zone: Zone;
  readonly expiryMs: number;
  readonly currency: string;
  readonly tiers: readonly ReactivationTier[];
  readonly cadences: readonly ReminderCadence[];
  readonly sendTimeMs: ReadonlyMap<string, number>;
  readonly quietHours: { readonly channels: ReadonlySet<string>; readonly startMs: number; readonly endMs: number };
}

/** Each policy's compiled form, made on first use (the default policy's too). */
const compiledPolicies = /* @__PURE__ */ new WeakMap<Policy, CompiledPolicy>();

/**
 * The compiled form of the policy a caller passed (R-POL-2): the default when omitted, else
 * a policy made by `definePolicy` (validated there, so never again here), compiled once.
 */
export function resolvePolicy(policy: unknown): CompiledPolicy {
  return memoised(compiledPolicies, policy === undefined ? defaultPolicy : definedPolicy(policy), compile);
}

function compile(policy: Policy): CompiledPolicy {
  const { reminders } = policy;
  return {
    policy,
    timeZone: policy.timeZone,
    zone: zoneOf(policy.timeZone),
    expiryMs: parseTimeOfDay(policy.expiryTime) as number,
    currency: policy.currency,
    tiers: policy.fees.reactivationTiers,
    cadences: reminders.cadences,
    sendTimeMs: new Map(Object.entries(reminders.sendTimes).map(([channel, time]) => [channel, parseTimeOfDay(time) as number])),
    quietHours: {
      channels: new Set(reminders.quietHours.channels),
      startMs: parseTimeOfDay(reminders.quietHours.start) as number,
      endMs: parseTimeOfDay(reminders.quietHours.end) as number,
    },
  };
}

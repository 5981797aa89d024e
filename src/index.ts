/**
 * subscription-expiry: exact answers about SaaS subscription expiry.
 * The public surface: re-exports only. Every export is pure (R-PURE-1): it reads
 * no clock, does no I/O, keeps no state a later answer depends on, and never changes what
 * it is given.
 */
export { ExpiryInputError, PolicyError } from './errors.js';
export type { ExpiryInputErrorCode, PolicyErrorCode, PolicyProblem } from './errors.js';
export { defaultPolicy } from './policy/defaultPolicy.js';
export { definePolicy } from './policy/definePolicy.js';
export type { Policy, PolicyOverrides, ReminderCadence, ReactivationTier, FeeCap, CadenceUnit, OrderIdFormat } from './policy/types.js';
export type { Subscription } from './input/subscription.js';
export type { TemporalInstantLike, TemporalZonedDateTimeLike, TemporalPlainDateLike } from './input/temporal.js';
export type { RoundingMode } from './money/rounding.js';

export { getExpiryStatus } from './lifecycle/getExpiryStatus.js';
export { getCapabilities } from './lifecycle/getCapabilities.js';
export { getTimeline } from './timeline/getTimeline.js';
export type {
  Phase,
  Access,
  NextPhase,
  ExpiryStatus,
  KnownRole,
  Capabilities,
} from './lifecycle/types.js';
export type { TimelineEventKind, TimelineEvent } from './timeline/types.js';

export { getReminderSchedule } from './reminders/getReminderSchedule.js';
export { getRemindersDue } from './reminders/getRemindersDue.js';
export type { DueReminder, Reminder, ReminderWindow } from './reminders/types.js';

export { quoteReactivationFee } from './fees/quoteReactivationFee.js';
export type { FeeQuote } from './fees/quoteReactivationFee.js';
export { formatMoney } from './fees/formatMoney.js';
export type { Money } from './money/money.js';

export { checkExtensionEligibility } from './extensions/checkExtensionEligibility.js';
export { findOrderId } from './extensions/findOrderId.js';
export type {
  ExtensionRequest,
  ExtensionDecision,
  ExtensionRefusal,
  ExtensionRefusalCode,
  GrantedExtension,
  InstantInput,
} from './extensions/types.js';

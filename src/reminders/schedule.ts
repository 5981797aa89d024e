import { addMonthsToDayNumber, formatDayNumber } from '../clock/civil.js';
import { instantOf, wallTimeAt } from '../clock/zone.js';
import type { ParsedSubscription } from '../input/subscription.js';
import { policyMemo, remember, type CompiledPolicy } from '../policy/compile.js';
import type { CadenceUnit } from '../policy/types.js';
import type { Reminder } from './types.js';
import { resultDate } from '../results.js';

/**
 * The reminder schedule of a parsed subscription under a compiled policy (R-RM-1…3,
 * R-RM-5, R-RM-6): sorted by `sendAt`, then channel, deeply frozen. No parsing here;
 * the public functions and the timeline call it after their door.
 *
 * The id-free part of a schedule (dates, instants, keys without the id) depends only
 * on the effective expiration date and, when a channel keeps quiet hours, on the
 * recipient's zone; it is computed once per policy and remembered, so a batch pays
 * only for building the reminders themselves.
 */
export function reminderScheduleOf(subscription: ParsedSubscription, policy: CompiledPolicy): readonly Reminder[] {
  const planned = plannedReminders(subscription.expirationDay, subscription.recipientTimeZone, policy);
  return materialize(planned, 0, planned.length, subscription.id);
}

/** The reminders of {@link reminderScheduleOf} whose `sendAt` lies in `[from, to)` (R-RM-4). */
export function remindersDueOf(subscription: ParsedSubscription, from: number, to: number, policy: CompiledPolicy): readonly Reminder[] {
  const planned = plannedReminders(subscription.expirationDay, subscription.recipientTimeZone, policy);
  return materialize(planned, firstAtOrAfter(planned, from), firstAtOrAfter(planned, to), subscription.id);
}

const MS_PER_DAY = 86_400_000;
const MS_PER_MINUTE = 60_000;

/** Finer cadences have lower ranks (R-RM-2). */
const RANK: Readonly<Record<CadenceUnit, number>> = { daily: 0, weekly: 1, monthly: 2 };

/** A policy cadence, ready for the hot path. */
interface CadencePlan {
  readonly channel: string;
  readonly cadence: CadenceUnit;
  readonly from: number;
  readonly through: number;
  readonly sendTimeMs: number;
  readonly quiet: boolean;
  /** Indexes (into the plan) of the strictly finer cadences of the same channel. */
  readonly finer: readonly number[];
}

/** Cadences grouped by channel, finest first, then in policy order. */
interface SchedulePlan {
  readonly cadences: readonly CadencePlan[];
  /** Does any scheduled channel keep quiet hours (so the recipient's zone matters)? */
  readonly usesRecipientZone: boolean;
}

/** A reminder without the subscription's id: what every subscription of a date shares. */
interface PlannedReminder {
  readonly channel: string;
  readonly cadence: CadenceUnit;
  readonly date: string;
  readonly sendAt: number;
  readonly daysBeforeExpiry: number;
  /** `${channel}:${date}`; the id, if any, goes in front. */
  readonly keySuffix: string;
}

function planOf(policy: CompiledPolicy): SchedulePlan {
  const memo = policyMemo<0, SchedulePlan>(policy, 'reminders.plan');
  const known = memo.get(0);
  if (known !== undefined) return known;

  const channels: string[] = [];
  for (const { channel } of policy.cadences) if (!channels.includes(channel)) channels.push(channel);
  const ordered = policy.cadences
    .map((cadence, index) => ({ cadence, index }))
    .sort((a, b) =>
      channels.indexOf(a.cadence.channel) - channels.indexOf(b.cadence.channel) ||
      RANK[a.cadence.cadence] - RANK[b.cadence.cadence] ||
      a.index - b.index)
    .map(({ cadence }) => cadence);
  const cadences = ordered.map((cadence): CadencePlan => ({
    channel: cadence.channel,
    cadence: cadence.cadence,
    from: cadence.from,
    through: cadence.through,
    // Validation guarantees every cadence's channel has a send time.
    sendTimeMs: policy.sendTimeMs.get(cadence.channel) as number,
    quiet: policy.quietHours.channels.has(cadence.channel),
    finer: ordered.flatMap((other, index) =>
      other.channel === cadence.channel && RANK[other.cadence] < RANK[cadence.cadence] ? [index] : []),
  }));
  return remember(memo, 0, { cadences, usesRecipientZone: cadences.some((cadence) => cadence.quiet) });
}

function plannedReminders(expirationDay: number, recipientTimeZone: string | undefined, policy: CompiledPolicy): readonly PlannedReminder[] {
  const plan = planOf(policy);
  const recipientZone = plan.usesRecipientZone ? recipientTimeZone ?? policy.timeZone : policy.timeZone;
  const memo = policyMemo<number | string, readonly PlannedReminder[]>(policy, 'reminders.planned');
  const memoKey = recipientZone === policy.timeZone ? expirationDay : `${expirationDay} ${recipientZone}`;
  const known = memo.get(memoKey);
  if (known !== undefined) return known;
  return remember(memo, memoKey, planReminders(plan, expirationDay, recipientZone, policy));
}

function planReminders(plan: SchedulePlan, expirationDay: number, recipientZone: string, policy: CompiledPolicy): readonly PlannedReminder[] {
  // Each cadence's occurrences are increasing in k, so its span is [first, last].
  const spans = plan.cadences.map((cadence) => [
    occurrence(cadence.cadence, expirationDay, cadence.from),
    occurrence(cadence.cadence, expirationDay, cadence.through),
  ] as const);
  const planned: PlannedReminder[] = [];
  let channel: string | undefined;
  const takenDays = new Set<number>();
  plan.cadences.forEach((cadence) => {
    if (cadence.channel !== channel) {
      channel = cadence.channel;
      takenDays.clear();
    }
    for (let k = cadence.from; k <= cadence.through; k += 1) {
      const day = occurrence(cadence.cadence, expirationDay, k);
      // R-RM-2: a finer cadence of the channel takes over from its first through its last date.
      if (cadence.finer.some((index) => {
        const span = spans[index] as readonly [number, number];
        return span[0] <= day && day <= span[1];
      })) continue;
      // R-RM-2: one reminder per channel and date; the finer (then earlier) cadence came first.
      if (takenDays.has(day)) continue;
      takenDays.add(day);
      const policySendAt = instantOf(policy.timeZone, day, cadence.sendTimeMs);
      const sendAt = cadence.quiet ? outsideQuietHours(policySendAt, day, recipientZone, policy) : policySendAt;
      if (sendAt === undefined) continue;
      const date = formatDayNumber(day);
      planned.push({
        channel: cadence.channel,
        cadence: cadence.cadence,
        date,
        sendAt,
        daysBeforeExpiry: expirationDay - day,
        keySuffix: `${cadence.channel}:${date}`,
      });
    }
  });
  // R-RM-3: by sendAt, then channel (code-unit order, never the host's locale), then date.
  planned.sort((a, b) =>
    a.sendAt - b.sendAt ||
    (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : 0) ||
    (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return Object.freeze(planned);
}

/** The day of occurrence k of a cadence: the expiration date shifted by k units (R-RM-1, R-TZ-4). */
function occurrence(cadence: CadenceUnit, expirationDay: number, k: number): number {
  switch (cadence) {
    case 'monthly':
      return addMonthsToDayNumber(expirationDay, k);
    case 'weekly':
      return expirationDay + 7 * k;
    case 'daily':
      return expirationDay + k;
  }
}

/**
 * R-RM-6: a send time inside the recipient's quiet hours moves to the next allowed
 * minute (the local start of the allowed window) if that is still on the same
 * business date (before the policy zone's next local midnight); failing that, to the
 * last allowed minute before it on that date (the window's end − 1 minute). Never to
 * another date: when the business date holds no allowed minute at all, there is no
 * reminder on that channel that day (`undefined`).
 */
function outsideQuietHours(sendAt: number, day: number, recipientZone: string, policy: CompiledPolicy): number | undefined {
  const { startMs, endMs } = policy.quietHours;
  const wall = wallTimeAt(recipientZone, sendAt);
  const localDay = Math.floor(wall / MS_PER_DAY);
  const localMs = wall - localDay * MS_PER_DAY;
  if (localMs >= startMs && localMs < endMs) return sendAt;

  const dayStart = instantOf(policy.timeZone, day, 0);
  const nextDayStart = instantOf(policy.timeZone, day + 1, 0);
  const allowed = (instant: number): boolean => {
    if (instant < dayStart || instant >= nextDayStart) return false;
    const ms = wallTimeAt(recipientZone, instant) - Math.floor(wallTimeAt(recipientZone, instant) / MS_PER_DAY) * MS_PER_DAY;
    return ms >= startMs && ms < endMs;
  };
  const next = instantOf(recipientZone, localMs < startMs ? localDay : localDay + 1, startMs);
  if (next > sendAt && allowed(next)) return next;
  const lastMinute = Math.max(startMs, endMs - MS_PER_MINUTE);
  const previous = instantOf(recipientZone, localMs < startMs ? localDay - 1 : localDay, lastMinute);
  if (previous < sendAt && allowed(previous)) return previous;
  return undefined;
}

/** Index of the first planned reminder sent at or after `instant` (binary search). */
function firstAtOrAfter(planned: readonly PlannedReminder[], instant: number): number {
  let low = 0;
  let high = planned.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((planned[middle] as PlannedReminder).sendAt < instant) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Fresh, frozen reminders (a new `Date` each, so no caller can mutate a shared one). */
function materialize(planned: readonly PlannedReminder[], start: number, end: number, id: string | undefined): readonly Reminder[] {
  const reminders: Reminder[] = [];
  for (let index = start; index < end; index += 1) {
    const { channel, cadence, date, sendAt, daysBeforeExpiry, keySuffix } = planned[index] as PlannedReminder;
    reminders.push(Object.freeze({
      channel,
      cadence,
      date,
      sendAt: resultDate(sendAt),
      daysBeforeExpiry,
      key: id === undefined ? keySuffix : `${id}:${keySuffix}`,
    }));
  }
  return Object.freeze(reminders);
}

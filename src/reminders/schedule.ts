import { formatDayNumber, MS_PER_DAY } from '../clock/civil.js';
import { instantOf, localDayOf, nextTransitionAfter, offsetAt, wallTimeAt, type Zone } from '../clock/zone.js';
import type { ParsedSubscription } from '../input/subscription.js';
import { occurrenceDay } from '../lifecycle/occurrence.js';
import type { CompiledPolicy } from '../policy/compile.js';
import type { CadenceUnit } from '../policy/types.js';
import type { Reminder } from './types.js';
import { memoised } from '../memo.js';
import { resultDate } from '../results.js';

/**
 * The reminder schedule of a parsed subscription under a compiled policy (R-RM-1…3,
 * R-RM-5, R-RM-6): sorted by `sendAt`, then channel, deeply frozen. No parsing here;
 * the public functions and the timeline call it after their door.
 * Keys need the subscription's id (R-RM-3): without one, the reminders carry no `key`.
 */
export function reminderScheduleOf(subscription: ParsedSubscription, policy: CompiledPolicy): readonly Reminder[] {
  const planned = plannedReminders(subscription, policy, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
  return materialize(planned, 0, planned.length);
}

/** The reminders of {@link reminderScheduleOf} whose `sendAt` lies in `[from, to)` (R-RM-4). */
export function remindersDueOf(subscription: ParsedSubscription, from: number, to: number, policy: CompiledPolicy): readonly Reminder[] {
  const planned = plannedReminders(subscription, policy, from, to);
  return materialize(planned, firstAtOrAfter(planned, from), firstAtOrAfter(planned, to));
}

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

/** A reminder before it is written out: its instant as a number, to sort and search by. */
interface PlannedReminder {
  readonly channel: string;
  readonly cadence: CadenceUnit;
  readonly date: string;
  readonly sendAt: number;
  readonly daysBeforeExpiry: number;
  /** `${id}:${channel}:`, written once per cadence, so a key is one join; none without an id (R-RM-3). */
  readonly keyPrefix: string | undefined;
}

/** Each policy's cadences, ordered once, on first use (a policy is compiled once). */
const plans = /* @__PURE__ */ new WeakMap<CompiledPolicy, SchedulePlan>();

function planOf(policy: CompiledPolicy): SchedulePlan {
  return memoised(plans, policy, buildPlan);
}

function buildPlan(policy: CompiledPolicy): SchedulePlan {
  const channels: string[] = [];
  for (const { channel } of policy.cadences) if (!channels.includes(channel)) channels.push(channel);
  const ordered = policy.cadences
    .map((cadence, index) => ({ cadence, index }))
    .sort(
      (a, b) =>
        channels.indexOf(a.cadence.channel) - channels.indexOf(b.cadence.channel) ||
        RANK[a.cadence.cadence] - RANK[b.cadence.cadence] ||
        a.index - b.index,
    )
    .map(({ cadence }) => cadence);
  const cadences = ordered.map(
    (cadence): CadencePlan => ({
      channel: cadence.channel,
      cadence: cadence.cadence,
      from: cadence.from,
      through: cadence.through,
      // Validation guarantees every cadence's channel has a send time.
      sendTimeMs: policy.sendTimeMs.get(cadence.channel) as number,
      quiet: policy.quietHours.channels.has(cadence.channel),
      finer: ordered.flatMap((other, index) =>
        other.channel === cadence.channel && RANK[other.cadence] < RANK[cadence.cadence] ? [index] : [],
      ),
    }),
  );
  return { cadences, usesRecipientZone: cadences.some((cadence) => cadence.quiet) };
}

/**
 * The reminders of an expiration date, sorted (R-RM-3). Only those that can fall in `[from, to)`
 * are worked out: a reminder is sent within its business date, which lies within a day of
 * the same date in UTC, so a date more than two days outside the window is skipped before
 * any time-zone work (a nightly job asks for one day of a schedule that spans months).
 */
function plannedReminders(subscription: ParsedSubscription, policy: CompiledPolicy, from: number, to: number): readonly PlannedReminder[] {
  const plan = planOf(policy);
  return planReminders(
    plan,
    subscription,
    subscription.recipientZone ?? policy.zone,
    policy,
    Math.floor(from / MS_PER_DAY) - 2,
    Math.floor(to / MS_PER_DAY) + 2,
  );
}

function planReminders(
  plan: SchedulePlan,
  { expirationDay, id }: ParsedSubscription,
  recipientZone: Zone,
  policy: CompiledPolicy,
  firstDay: number,
  lastDay: number,
): PlannedReminder[] {
  const { cadences } = plan;
  // Each cadence's occurrences are increasing in k, so its span is [first, last].
  const firstDays: number[] = [];
  const lastDays: number[] = [];
  for (const cadence of cadences) {
    firstDays.push(occurrenceDay(cadence.cadence, expirationDay, cadence.from));
    lastDays.push(occurrenceDay(cadence.cadence, expirationDay, cadence.through));
  }
  const planned: PlannedReminder[] = [];
  let channel: string | undefined;
  const takenDays: number[] = [];
  for (const cadence of cadences) {
    if (cadence.channel !== channel) {
      channel = cadence.channel;
      takenDays.length = 0;
    }
    const keyPrefix = id === undefined ? undefined : `${id}:${cadence.channel}:`;
    for (let k = cadence.from; k <= cadence.through; k += 1) {
      const day = occurrenceDay(cadence.cadence, expirationDay, k);
      // R-RM-2: a finer cadence of the channel takes over from its first through its last date;
      // one reminder per channel and date (the finer, then earlier, cadence came first).
      if (coveredByFiner(cadence.finer, day, firstDays, lastDays) || takenDays.includes(day)) continue;
      takenDays.push(day);
      if (day < firstDay || day > lastDay) continue;
      const policySendAt = instantOf(policy.zone, day, cadence.sendTimeMs);
      const sendAt = cadence.quiet ? outsideQuietHours(policySendAt, day, recipientZone, policy) : policySendAt;
      if (sendAt === undefined) continue;
      planned.push({
        channel: cadence.channel,
        cadence: cadence.cadence,
        date: formatDayNumber(day),
        sendAt,
        daysBeforeExpiry: expirationDay - day,
        keyPrefix,
      });
    }
  }
  sortInScheduleOrder(planned);
  return planned;
}

/** R-RM-3: by sendAt, then channel (code-unit order, never the host's locale), then date. */
function scheduleOrder(a: PlannedReminder, b: PlannedReminder): number {
  return (
    a.sendAt - b.sendAt || (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : 0) || (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)
  );
}

/** Above this length, insertion sort's quadratic worst case would cost more than the engine's sort saves. */
const INSERTION_SORT_LIMIT = 64;

/**
 * Sorts in {@link scheduleOrder}, in place. A plan arrives as one sorted run per channel, so
 * a short one (every default schedule: about 21) is sorted by insertion, a few moves with the
 * comparison inlined; `Array#sort` calls its comparator through the engine, which measured
 * as a sixth of a whole default schedule.
 */
function sortInScheduleOrder(planned: PlannedReminder[]): void {
  if (planned.length > INSERTION_SORT_LIMIT) {
    planned.sort(scheduleOrder);
    return;
  }
  for (let index = 1; index < planned.length; index += 1) {
    const reminder = planned[index] as PlannedReminder;
    let position = index;
    while (position > 0 && scheduleOrder(planned[position - 1] as PlannedReminder, reminder) > 0) {
      planned[position] = planned[position - 1] as PlannedReminder;
      position -= 1;
    }
    planned[position] = reminder;
  }
}

/** Does one of the finer cadences (by index) span `day`? */
function coveredByFiner(finer: readonly number[], day: number, firstDays: readonly number[], lastDays: readonly number[]): boolean {
  for (const index of finer) if ((firstDays[index] as number) <= day && day <= (lastDays[index] as number)) return true;
  return false;
}

/**
 * R-RM-6, defined on instants: the allowed instants of business date `day` are those inside
 * it (in the policy's zone) whose local time in the recipient's zone lies in the allowed
 * window `[start, end)`. A reminder goes at the earliest allowed instant at or after its
 * scheduled one; failing that, at the latest allowed whole minute (recipient's local time)
 * before it; when the date has no allowed instant at all, not at all (`undefined`). Walking
 * the recipient zone's stretches of constant offset makes gaps and overlaps need no special
 * case: a local time that does not exist has no instant, one that exists twice has two.
 */
function outsideQuietHours(sendAt: number, day: number, recipientZone: Zone, policy: CompiledPolicy): number | undefined {
  const { startMs, endMs } = policy.quietHours;
  const wall = wallTimeAt(recipientZone, sendAt);
  const localMs = wall - Math.floor(wall / MS_PER_DAY) * MS_PER_DAY;
  if (localMs >= startMs && localMs < endMs && localDayOf(policy.zone, sendAt) === day) return sendAt;

  let latestBefore: number | undefined;
  const dayStart = instantOf(policy.zone, day, 0);
  const dayEnd = instantOf(policy.zone, day + 1, 0);
  for (let from = dayStart, to = dayStart; from < dayEnd; from = to) {
    // A stretch of constant offset, and the allowed window on each local day it touches.
    to = nextTransitionAfter(recipientZone, from, dayEnd);
    const offset = offsetAt(recipientZone, from);
    for (let localDay = Math.floor((from + offset) / MS_PER_DAY); localDay * MS_PER_DAY - offset < to; localDay += 1) {
      const low = Math.max(from, localDay * MS_PER_DAY + startMs - offset);
      const high = Math.min(to, localDay * MS_PER_DAY + endMs - offset);
      if (low >= high) continue;
      if (high > sendAt) return Math.max(low, sendAt);
      const lastWholeMinute = Math.floor((high - 1 + offset) / MS_PER_MINUTE) * MS_PER_MINUTE - offset;
      if (lastWholeMinute >= low) latestBefore = lastWholeMinute;
    }
  }
  return latestBefore;
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
function materialize(planned: readonly PlannedReminder[], start: number, end: number): readonly Reminder[] {
  const reminders: Reminder[] = [];
  for (let index = start; index < end; index += 1) {
    const { channel, cadence, date, sendAt, daysBeforeExpiry, keyPrefix } = planned[index] as PlannedReminder;
    const reminder: Reminder =
      keyPrefix === undefined
        ? { channel, cadence, date, sendAt: resultDate(sendAt), daysBeforeExpiry }
        : { channel, cadence, date, sendAt: resultDate(sendAt), daysBeforeExpiry, key: keyPrefix + date };
    reminders.push(Object.freeze(reminder));
  }
  return Object.freeze(reminders);
}

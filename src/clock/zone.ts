import { dayNumberOf, MS_PER_DAY } from './civil.js';

/**
 * The business clock's time-zone engine (R-TZ-1…3). `Intl.DateTimeFormat` (with a fixed
 * locale and calendar, so neither the host's `TZ` nor its locale matter: R-PURE-3) is the
 * only source of zone data, but it is read once per zone and period, not once per instant:
 * a zone's UTC-offset transitions are learnt lazily, a period at a time, and kept in a
 * sorted table, as the Temporal polyfills do. After that, "offset at an instant", "local day
 * of an instant" and "instant of a local date and time" are a table lookup and integer
 * arithmetic.
 *
 * Memory is bounded by the calendar, not by the inputs: one entry per learnt period (at most
 * {@link PERIODS_1900_TO_2999} per zone for the supported years) plus one per transition in
 * it (about two a year in a zone with daylight saving time, so about 2,200 for 1900–2999).
 */
export interface Zone {
  readonly timeZone: string;
  /** Learnt periods by index (`Math.floor(instant / PERIOD_MS)`). */
  readonly periods: Map<number, Period>;
  /** Built on first need: reading a table that is already learnt needs no formatter. */
  format: Intl.DateTimeFormat | undefined;
}

/**
 * The offsets of one period: `offsets[0]` holds before `transitions[0]` (in the whole period
 * when it has none), `offsets[i + 1]` from `transitions[i]` on (both in epoch milliseconds;
 * transitions ascending, each in `[start, end)` of the period). A transition at the period's
 * first instant is listed, so `offsets[0]` is then the previous period's last offset.
 */
interface Period {
  readonly transitions: readonly number[];
  readonly offsets: readonly number[];
}

/**
 * A period is 32 days: short enough that a first call learns little it does not need. A
 * power of two, so `dayNumber >> PERIOD_SHIFT` is the index of the period holding a day
 * (an arithmetic shift floors).
 */
const PERIOD_SHIFT = 5;
const PERIOD_MS = (1 << PERIOD_SHIFT) * MS_PER_DAY;

/**
 * The probe spacing inside a period. Two probes with the same offset are taken to have no
 * transition between them, so this must be shorter than the shortest time between two
 * transitions of any zone. Scanning every zone of ICU's tz data every 6 hours over 1900–2100,
 * the closest consecutive transitions are 7 days apart (Brazil in 2000, Gaza and Hebron from
 * 2040); 4 days leaves a margin. test/clock/zoneTable.property.test.ts compares the table
 * with Intl around real transitions of the zones with the oddest histories.
 */
const PROBE_MS = 4 * MS_PER_DAY;

/**
 * How many periods the supported years 1900–2999 span (the bound on a zone's table): their
 * 401,767 days over 32-day periods, plus one where the ends fall mid-period. A literal, so
 * nothing runs at import; test/clock/zone.test.ts works it out again.
 *
 * @internal exported for tests and benchmarks only
 */
export const PERIODS_1900_TO_2999 = 12_557;

const zones = /* @__PURE__ */ new Map<string, Zone>();

/** How many zone names the registry keeps (about 600 zones exist; their other spellings are few). */
const MAX_SPELLINGS = 2048;

/**
 * The engine of an IANA time zone, or `undefined` when this runtime does not know it. Never
 * throws. One engine per zone that exists, however many spellings callers use.
 */
export function findZone(timeZone: string): Zone | undefined {
  const known = zones.get(timeZone);
  if (known !== undefined) return known;
  // Engines of ES2024 and later (Node 22+, Bun, current browsers) take a UTC offset such as
  // "+05:00" as a zone; Node 20 refuses it. An offset is no IANA name: refused in every
  // runtime, so a policy valid in one is valid in all (docs/decisions.md).
  if (isOffset(timeZone)) return undefined;
  let format: Intl.DateTimeFormat;
  try {
    format = formatterFor(timeZone);
  } catch {
    return undefined;
  }
  const canonical = format.resolvedOptions().timeZone;
  const zone = zones.get(canonical) ?? { timeZone: canonical, periods: new Map<number, Period>(), format };
  zones.set(canonical, zone);
  // Other spellings (Asia/Kolkata is ICU's Asia/Calcutta; any case is accepted) are remembered
  // too, up to a bound, so a hostile caller cannot grow the registry without limit.
  if (zones.size < MAX_SPELLINGS) zones.set(timeZone, zone);
  return zone;
}

/** Does `text` start as a UTC offset (`+05:00`, `-0330`) does, rather than as an IANA name? */
function isOffset(text: string): boolean {
  return text.startsWith('+') || text.startsWith('-');
}

/** The engine of a zone known to be valid (validated at the door). */
export function zoneOf(timeZone: string): Zone {
  return findZone(timeZone) as Zone;
}

/** Is `timeZone` an IANA time zone this runtime knows? Never throws. */
export function isKnownTimeZone(timeZone: string): boolean {
  return findZone(timeZone) !== undefined;
}

/** The zone's UTC offset in milliseconds at an instant (local wall time − UTC). */
export function offsetAt(zone: Zone, instant: number): number {
  const index = Math.floor(instant / PERIOD_MS);
  const period = zone.periods.get(index) ?? learnPeriod(zone, index);
  const { transitions, offsets } = period;
  let position = 0;
  while (position < transitions.length && (transitions[position] as number) <= instant) position += 1;
  return offsets[position] as number;
}

/** The local wall time, as milliseconds since 1970-01-01T00:00 local, of an instant. */
export function wallTimeAt(zone: Zone, instant: number): number {
  return instant + offsetAt(zone, instant);
}

/** The local calendar day number of an instant in a zone (R-TZ-5). */
export function localDayOf(zone: Zone, instant: number): number {
  return Math.floor(wallTimeAt(zone, instant) / MS_PER_DAY);
}

/**
 * The instant of a local day and time of day, disambiguated as Temporal's `'compatible'`
 * does (R-TZ-3, after its GetNamedTimeZoneEpochNanoseconds): in a fall-back overlap the
 * earlier instant; in a spring-forward gap the wall time is pushed forward by the length of
 * the gap (02:30 in New York on 2026-03-08 is 03:30 EDT). `msOfDay` is a time of day,
 * `0 ≤ msOfDay < 86,400,000`.
 */
export function instantOf(zone: Zone, dayNumber: number, msOfDay: number): number {
  const wall = dayNumber * MS_PER_DAY + msOfDay;
  // The offsets a day either side bound every offset this wall time could have. When both
  // lie in one period without transitions (nearly always), the offset is that period's.
  // Periods are whole days, so the wall times a day either side lie in the periods of the
  // days either side: integer shifts, not float divisions.
  const index = (dayNumber - 1) >> PERIOD_SHIFT;
  if (index === (dayNumber + 1) >> PERIOD_SHIFT) {
    const period = zone.periods.get(index) ?? learnPeriod(zone, index);
    if (period.transitions.length === 0) return wall - (period.offsets[0] as number);
  }
  const offsetBefore = offsetAt(zone, wall - MS_PER_DAY);
  const offsetAfter = offsetAt(zone, wall + MS_PER_DAY);
  const earlier = wall - offsetBefore;
  const later = wall - offsetAfter;
  const earlierFits = offsetAt(zone, earlier) === offsetBefore;
  const laterFits = offsetAt(zone, later) === offsetAfter;
  if (earlierFits && laterFits) return Math.min(earlier, later); // an overlap: the earlier instant
  if (earlierFits) return earlier;
  if (laterFits) return later;
  // A gap: shift the wall time forward by the gap's length and take the later offset.
  return wall + (offsetAfter - offsetBefore) - offsetAfter;
}

/**
 * The first transition strictly after `instant` and before `limit`, else `limit`: the end of
 * the stretch of constant offset that `instant` is in. Rules defined on instants (quiet
 * hours, R-RM-6) walk these stretches instead of special-casing gaps and overlaps.
 */
export function nextTransitionAfter(zone: Zone, instant: number, limit: number): number {
  for (let index = Math.floor(instant / PERIOD_MS); index * PERIOD_MS < limit; index += 1) {
    const { transitions } = zone.periods.get(index) ?? learnPeriod(zone, index);
    for (const transition of transitions) if (transition > instant) return Math.min(transition, limit);
  }
  return limit;
}

/**
 * Reads a period's offsets from Intl: probes every {@link PROBE_MS}, and between two probes
 * whose offsets differ, bisects to the second at which each change happens (tz transitions
 * fall on whole seconds).
 *
 * Every transition belongs to exactly one period, the one holding its instant: a transition
 * at a period's first instant is this period's (its `offsets[0]` then holds for no instant
 * of it), and one at the period's end is the next period's. Without the first, a walk from
 * the period before ({@link nextTransitionAfter}) would cross that transition unseen.
 */
function learnPeriod(zone: Zone, index: number): Period {
  const start = index * PERIOD_MS;
  const end = start + PERIOD_MS;
  const transitions: number[] = [];
  const offsetAtStart = intlOffsetAt(zone, start);
  // Transitions fall on whole seconds, so the offset one second before the start is the
  // offset of every instant before it in the previous period's last second.
  const offsetBeforeStart = intlOffsetAt(zone, start - 1000);
  const offsets: number[] = [offsetBeforeStart];
  if (offsetBeforeStart !== offsetAtStart) {
    transitions.push(start);
    offsets.push(offsetAtStart);
  }
  let probe = start;
  let probeOffset = offsetAtStart;
  while (probe < end) {
    const next = Math.min(end, probe + PROBE_MS);
    const nextOffset = intlOffsetAt(zone, next);
    // Between two probes: find each change in turn, until the offset is the later probe's.
    let from = probe;
    let fromOffset = probeOffset;
    while (fromOffset !== nextOffset) {
      let low = from;
      let high = next;
      while (high - low > 1000) {
        const middle = low + Math.floor((high - low) / 2000) * 1000;
        if (intlOffsetAt(zone, middle) === fromOffset) low = middle;
        else high = middle;
      }
      fromOffset = intlOffsetAt(zone, high);
      if (high < end) {
        transitions.push(high);
        offsets.push(fromOffset);
      }
      from = high;
    }
    probe = next;
    probeOffset = nextOffset;
  }
  const period: Period = { transitions, offsets };
  zone.periods.set(index, period);
  return period;
}

/** The offset at an instant read directly from Intl (whole seconds: Intl shows no less). */
function intlOffsetAt(zone: Zone, instant: number): number {
  zone.format ??= formatterFor(zone.timeZone);
  const format = zone.format;
  const wholeSecond = instant - (((instant % 1000) + 1000) % 1000);
  let year = 0,
    month = 0,
    day = 0,
    hour = 0,
    minute = 0,
    second = 0;
  for (const part of format.formatToParts(wholeSecond)) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value);
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        second = Number(part.value);
        break;
    }
  }
  return dayNumberOf(year, month, day) * MS_PER_DAY + hour * 3_600_000 + minute * 60_000 + second * 1000 - wholeSecond;
}

/** A formatter whose parts give the wall time in the zone; throws for an unknown zone. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    calendar: 'gregory',
    numberingSystem: 'latn',
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
}

/**
 * The offset Intl itself gives at an instant, bypassing the table: the oracle the table is
 * tested against.
 *
 * @internal exported for tests only
 */
export function offsetFromIntl(zone: Zone, instant: number): number {
  return intlOffsetAt(zone, instant);
}

/**
 * Forgets every learnt table (benchmarks of a first call, and tests that must relearn under
 * another host `TZ`). The answers never change: only the cost of the next call does.
 *
 * @internal exported for tests and benchmarks only
 */
export function forgetZoneTables(): void {
  zones.clear();
}

import { ALL_ZONES } from './arbitraries.js';

/**
 * The zone engine learns a zone a period at a time: 32 days from 1970-01-01T00:00Z
 * (src/clock/zone.ts). A transition at a period's first instant is the case a table can
 * most easily miss, and random sampling almost never draws one (43 in 1900–2100 among about
 * 42,700 transitions of every zone, with this Node's tz data). So these are found by
 * search, read from Intl directly (not from the engine): every zone this runtime knows,
 * every period edge of 1900–2100, the offset one second before the edge against the
 * offset at it.
 */
export const PERIOD_MS = 32 * 86_400_000;

export interface EdgeTransition {
  readonly timeZone: string;
  /** The transition's instant, a multiple of {@link PERIOD_MS}. */
  readonly instant: number;
}

let found: readonly EdgeTransition[] | undefined;

/** Every transition of every zone, 1900–2100, that falls exactly on a period's first instant. */
export function periodEdgeTransitions(): readonly EdgeTransition[] {
  found ??= search();
  return found;
}

function search(): readonly EdgeTransition[] {
  const first = Math.ceil(Date.UTC(1900, 0, 1) / PERIOD_MS);
  const last = Math.floor(Date.UTC(2101, 0, 1) / PERIOD_MS);
  const edges: EdgeTransition[] = [];
  for (const timeZone of new Set(ALL_ZONES)) {
    const offsetOf = offsetTextReader(timeZone);
    for (let index = first; index <= last; index += 1) {
      const instant = index * PERIOD_MS;
      if (offsetOf(instant - 1000) !== offsetOf(instant)) edges.push({ timeZone, instant });
    }
  }
  return edges;
}

/** The zone's UTC offset at an instant as Intl writes it (`GMT+03:00`, `GMT+00:13:35`). */
function offsetTextReader(timeZone: string): (instant: number) => string {
  const format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset', hour: 'numeric', hourCycle: 'h23' });
  return (instant) => {
    const text = format.format(instant);
    return text.slice(text.indexOf(' ') + 1);
  };
}

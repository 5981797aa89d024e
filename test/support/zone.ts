import * as engine from '../../src/clock/zone.js';

/**
 * The zone engine's functions taking zone names, as tests and oracles speak of zones; the
 * library itself resolves a name to its engine once, at the door.
 */
const zone = (timeZone: string): engine.Zone => engine.zoneOf(timeZone);

export const offsetAt = (timeZone: string, instant: number): number => engine.offsetAt(zone(timeZone), instant);
export const wallTimeAt = (timeZone: string, instant: number): number => engine.wallTimeAt(zone(timeZone), instant);
export const localDayOf = (timeZone: string, instant: number): number => engine.localDayOf(zone(timeZone), instant);
export const instantOf = (timeZone: string, dayNumber: number, msOfDay: number): number =>
  engine.instantOf(zone(timeZone), dayNumber, msOfDay);
/** Forgets every learnt table, so the next call relearns from Intl (under the host zone of the moment). */
export const forgetZoneTables = (): void => engine.forgetZoneTables();

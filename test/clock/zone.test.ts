import { describe, expect, it } from 'vitest';
import { formatDayNumber } from '../../src/clock/civil.js';
import { PERIODS_1900_TO_2999 } from '../../src/clock/zone.js';
import { instantOf, localDayOf, offsetAt } from '../support/zone.js';
import { day } from '../support/arbitraries.js';

const H = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const at = (zone: string, date: string, hours: number, minutes = 0, seconds = 0) =>
  iso(instantOf(zone, day(date), hours * H + minutes * 60_000 + seconds * 1000));

describe('instantOf', () => {
  it('R-TZ-2 puts the default expiry (23:59:59 New York) at 03:59:59Z after spring forward and 04:59:59Z after fall back', () => {
    expect(at('America/New_York', '2026-03-08', 23, 59, 59)).toBe('2026-03-09T03:59:59.000Z');
    expect(at('America/New_York', '2026-11-01', 23, 59, 59)).toBe('2026-11-02T04:59:59.000Z');
    expect(at('America/New_York', '2026-07-01', 23, 59, 59)).toBe('2026-07-02T03:59:59.000Z');
    expect(at('America/New_York', '2026-01-15', 23, 59, 59)).toBe('2026-01-16T04:59:59.000Z');
  });

  it('R-TZ-3 pushes a New York spring-forward gap time forward by the gap (02:30 → 03:30 EDT)', () => {
    expect(at('America/New_York', '2026-03-08', 2, 30)).toBe('2026-03-08T07:30:00.000Z');
    expect(at('America/New_York', '2026-03-08', 2, 0)).toBe('2026-03-08T07:00:00.000Z');
    expect(at('America/New_York', '2026-03-08', 1, 59, 59)).toBe('2026-03-08T06:59:59.000Z');
    expect(at('America/New_York', '2026-03-08', 3, 0)).toBe('2026-03-08T07:00:00.000Z');
  });

  it('R-TZ-3 takes the earlier instant of a New York fall-back overlap (01:30 EDT, not EST)', () => {
    expect(at('America/New_York', '2026-11-01', 1, 30)).toBe('2026-11-01T05:30:00.000Z');
    expect(at('America/New_York', '2026-11-01', 0, 59, 59)).toBe('2026-11-01T04:59:59.000Z');
    expect(at('America/New_York', '2026-11-01', 2, 0)).toBe('2026-11-01T07:00:00.000Z');
  });

  it('R-TZ-3 handles Berlin: 02:30 on 2026-03-29 is 03:30 CEST; 02:30 on 2026-10-25 is the CEST one', () => {
    expect(at('Europe/Berlin', '2026-03-29', 2, 30)).toBe('2026-03-29T01:30:00.000Z');
    expect(at('Europe/Berlin', '2026-10-25', 2, 30)).toBe('2026-10-25T00:30:00.000Z');
    expect(at('Europe/Berlin', '2026-10-25', 3, 0)).toBe('2026-10-25T02:00:00.000Z');
  });

  it("R-TZ-3 handles Lord Howe's half-hour shift: 02:15 on 2026-10-04 is 02:45 +11; 01:45 on 2026-04-05 is the +11 one", () => {
    expect(at('Australia/Lord_Howe', '2026-10-04', 2, 15)).toBe('2026-10-03T15:45:00.000Z');
    expect(at('Australia/Lord_Howe', '2026-10-04', 1, 59)).toBe('2026-10-03T15:29:00.000Z');
    expect(at('Australia/Lord_Howe', '2026-04-05', 1, 45)).toBe('2026-04-04T14:45:00.000Z');
    expect(at('Australia/Lord_Howe', '2026-04-05', 2, 0)).toBe('2026-04-04T15:30:00.000Z');
  });

  it("R-TZ-3 handles Apia's skipped day 2011-12-30: its midnight is the first instant of 2011-12-31", () => {
    expect(at('Pacific/Apia', '2011-12-29', 23, 59, 59)).toBe('2011-12-30T09:59:59.000Z');
    expect(at('Pacific/Apia', '2011-12-30', 0, 0)).toBe('2011-12-30T10:00:00.000Z');
    expect(at('Pacific/Apia', '2011-12-31', 0, 0)).toBe('2011-12-30T10:00:00.000Z');
    // Temporal's 'compatible' pushes a gap time forward by the gap: here 24 hours.
    expect(at('Pacific/Apia', '2011-12-30', 12, 0)).toBe('2011-12-30T22:00:00.000Z');
  });
});

describe('localDayOf', () => {
  it('R-TZ-5 gives the local calendar date of an instant in the zone', () => {
    const local = (zone: string, instant: string) => formatDayNumber(localDayOf(zone, Date.parse(instant)));
    expect(local('America/New_York', '2026-03-09T03:59:59.999Z')).toBe('2026-03-08');
    expect(local('America/New_York', '2026-03-09T04:00:00.000Z')).toBe('2026-03-09');
    expect(local('America/New_York', '2026-11-02T04:59:59.999Z')).toBe('2026-11-01');
    expect(local('America/New_York', '2026-11-02T05:00:00.000Z')).toBe('2026-11-02');
    expect(local('Pacific/Kiritimati', '2026-03-08T10:00:00.000Z')).toBe('2026-03-09');
    expect(local('Pacific/Apia', '2011-12-30T09:59:59.000Z')).toBe('2011-12-29');
    expect(local('Pacific/Apia', '2011-12-30T10:00:00.000Z')).toBe('2011-12-31');
  });

  it('R-TZ-1 reads offsets before 1970 and with seconds exactly (Monrovia 1960: -00:44:30, São Paulo 1910: -03:06:28)', () => {
    expect(offsetAt('Africa/Monrovia', Date.UTC(1960, 0, 1))).toBe(-(44 * 60 + 30) * 1000);
    expect(offsetAt('America/Sao_Paulo', Date.UTC(1910, 0, 1))).toBe(-(3 * 3600 + 6 * 60 + 28) * 1000);
  });
});

describe('the zone table', () => {
  it('R-TZ-1 is bounded by the 32-day periods 1900–2999 span: 12,557 per zone', () => {
    const period = 32 * 86_400_000;
    const first = Math.floor(Date.UTC(1900, 0, 1) / period);
    const last = Math.floor((Date.UTC(3000, 0, 1) - 1) / period);
    expect(PERIODS_1900_TO_2999).toBe(Math.ceil((Date.UTC(3000, 0, 1) - Date.UTC(1900, 0, 1)) / period) + 1);
    // The bound holds for the periods actually touched, whatever their alignment.
    expect(last - first + 1).toBeLessThanOrEqual(PERIODS_1900_TO_2999);
  });
});

describe('the zone engine after many instants', () => {
  it('R-TZ-1 gives the same offset and instant after 65,536 other instants of the zone were asked', () => {
    const zone = 'America/Chicago';
    const winter = Date.UTC(2026, 0, 15, 12);
    const firstOffset = offsetAt(zone, winter);
    const firstExpiry = instantOf(zone, day('2026-03-08'), 23 * H + 59 * 60_000 + 59_000);
    // One new instant per second of 2030-01-01 (all CST).
    const start = Date.UTC(2030, 0, 1);
    for (let second = 0; second <= 65_536; second += 1) {
      if (offsetAt(zone, start + second * 1000) !== -6 * H) throw new Error(`offset at second ${second}`);
    }
    expect(offsetAt(zone, winter)).toBe(firstOffset);
    expect(firstOffset).toBe(-6 * H);
    // 23:59:59 CDT on the spring-forward day is 04:59:59Z the next day (R-TZ-2).
    expect(instantOf(zone, day('2026-03-08'), 23 * H + 59 * 60_000 + 59_000)).toBe(firstExpiry);
    expect(new Date(firstExpiry).toISOString()).toBe('2026-03-09T04:59:59.000Z');
  });
});

import { describe, expect, it } from 'vitest';
import { instantOf, offsetAt } from '../support/zone.js';
import { day } from '../support/arbitraries.js';

const H = 3_600_000;

describe('zone memos (edges)', () => {
  it('R-TZ-1 gives the same offset and instant after 65,536 other instants have cycled the zone offset memo', () => {
    const zone = 'America/Chicago';
    const winter = Date.UTC(2026, 0, 15, 12);
    const firstOffset = offsetAt(zone, winter);
    const firstExpiry = instantOf(zone, day('2026-03-08'), 23 * H + 59 * 60_000 + 59_000);
    // One new instant per second of 2030-01-01 (all CST), one past the memo's limit.
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

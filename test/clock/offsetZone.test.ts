/**
 * A UTC offset such as "+05:00" is not an IANA zone. ES2024 engines (Node 22+, Bun, current
 * browsers) accept it in Intl.DateTimeFormat while Node 20 refuses it, so the library must
 * decide itself: refused everywhere, the same answer in every runtime (found by the runtime
 * matrix, test/runtimes/corpus.mjs). Here Intl is made to behave as an ES2024 engine does.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { definePolicy, getReminderSchedule } from '../../src/index.js';

const RealDateTimeFormat = Intl.DateTimeFormat;
const OFFSET = /^[+-]\d{2}(?::?\d{2})?$/;

/** Intl.DateTimeFormat as an ES2024 engine has it: an offset is a zone, resolved as written. */
function es2024DateTimeFormat(locales?: string | string[], options?: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const zone = options?.timeZone;
  if (zone === undefined || !OFFSET.test(zone)) return new RealDateTimeFormat(locales, options);
  const format = new RealDateTimeFormat(locales, { ...options, timeZone: 'UTC' });
  return new Proxy(format, {
    get(target, key) {
      if (key === 'resolvedOptions') return () => ({ ...target.resolvedOptions(), timeZone: zone });
      const value: unknown = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('R-PURE-2 offset time zones: refused in every runtime, not only where Intl refuses them', () => {
  beforeEach(() => {
    Intl.DateTimeFormat = es2024DateTimeFormat as unknown as typeof Intl.DateTimeFormat;
  });
  afterEach(() => {
    Intl.DateTimeFormat = RealDateTimeFormat;
  });

  it('the stand-in engine takes offsets as zones, as Node 22 does', () => {
    expect(new Intl.DateTimeFormat('en-US', { timeZone: '+05:00' }).resolvedOptions().timeZone).toBe('+05:00');
  });

  it.each(['+05:00', '-03:30', '+0545', '-12'])('definePolicy refuses the offset %s as policy.timeZone', (timeZone) => {
    expect(() => definePolicy({ timeZone })).toThrow(expect.objectContaining({ code: 'invalid-time-zone', path: 'policy.timeZone' }));
  });

  it('a subscription’s recipientTimeZone may not be an offset either', () => {
    expect(() => getReminderSchedule({ expirationDate: '2026-03-10', recipientTimeZone: '+09:00' })).toThrow(
      expect.objectContaining({ code: 'invalid-time-zone', path: 'subscription.recipientTimeZone' }),
    );
  });

  it('IANA names for fixed offsets still work', () => {
    expect(definePolicy({ timeZone: 'Etc/GMT-5' }).timeZone).toBe('Etc/GMT-5');
  });
});

import { describe, expect, it } from 'vitest';
import { definePolicy, defaultPolicy } from '../../src/index.js';
import { policyErrorOf } from '../support/errors.js';

/**
 * Issue 26: definePolicy checks a list's length against its stated bound before it copies
 * or walks it, so a sparse `new Array(2 ** 32 - 1)` or a length that lies is a PolicyError,
 * never an out-of-memory abort (exit 134).
 */

const lyingLength = (items: unknown[], length: unknown) =>
  new Proxy(items, { get: (target, key) => (key === 'length' ? length : Reflect.get(target, key)) });

const LISTS = [
  ['policy.fees.reactivationTiers', 366, 'tiers', (list: unknown) => ({ fees: { reactivationTiers: list } })],
  ['policy.reminders.cadences', 64, 'cadences', (list: unknown) => ({ reminders: { cadences: list } })],
  ['policy.reminders.quietHours.channels', 64, 'channels', (list: unknown) => ({ reminders: { quietHours: { channels: list } } })],
  ['policy.extensions.orderId.groups', 8, 'groups', (list: unknown) => ({ extensions: { orderId: { groups: list } } })],
] as const;

describe('definePolicy: list lengths are checked before the list is read', () => {
  it.each(LISTS)('R-POL-1 %s: a sparse array of 2³²−1 slots is refused at once by its length', (path, most, noun, overrides) => {
    const started = performance.now();
    const error = policyErrorOf(() => definePolicy(overrides(new Array(2 ** 32 - 1)) as never));
    expect(performance.now() - started).toBeLessThan(1000);
    expect([error.code, error.path, error.message]).toEqual([
      'invalid-value',
      path,
      `${path}: expected at most ${most} ${noun}, got a list of length 4294967295`,
    ]);
  });

  it.each(LISTS)(
    'R-POL-1 %s: a proxy whose length claims a billion, or is text, is refused without reading an item',
    (path, most, noun, overrides) => {
      let read = 0;
      const spy = new Proxy([], {
        get: (target, key) => {
          if (key === 'length') return 1e9;
          if (typeof key === 'string' && /^\d+$/.test(key)) read += 1;
          return Reflect.get(target, key);
        },
      });
      expect(policyErrorOf(() => definePolicy(overrides(spy) as never)).message).toBe(
        `${path}: expected at most ${most} ${noun}, got a list of length 1000000000`,
      );
      expect(read).toBe(0);
      expect(policyErrorOf(() => definePolicy(overrides(lyingLength([], '2')) as never)).message).toBe(
        `${path}: expected at most ${most} ${noun}, got a list of length "2"`,
      );
    },
  );

  it('R-POL-1 a list at its bound is read; one more item is refused', () => {
    const channels = Array.from({ length: 64 }, (_, i) => `c${i}`);
    expect(definePolicy({ reminders: { quietHours: { channels } } } as never).reminders.quietHours.channels).toHaveLength(64);
    expect(policyErrorOf(() => definePolicy({ reminders: { quietHours: { channels: [...channels, 'x'] } } } as never)).message).toBe(
      'policy.reminders.quietHours.channels: expected at most 64 channels, got a list of length 65',
    );
    const groups = [1, 1, 1, 1, 1, 1, 1, 1];
    expect(definePolicy({ extensions: { orderId: { groups } } } as never).extensions.orderId.groups).toEqual(groups);
    const cadences = Array.from({ length: 64 }, () => defaultPolicy.reminders.cadences[0]);
    expect(definePolicy({ reminders: { cadences } } as never).reminders.cadences).toHaveLength(64);
    expect(policyErrorOf(() => definePolicy({ reminders: { cadences: [...cadences, cadences[0]] } } as never)).path).toBe(
      'policy.reminders.cadences',
    );
  });

  it('R-POL-1 366 daily tiers are a valid policy (one a day from day 0 to day 365, deletion on day 366)', () => {
    const tiers = Array.from({ length: 366 }, (_, day) => ({ fromDay: day, rate: '0.10', minimum: '25.00' }));
    const policy = definePolicy({ deletionDay: 366, recoveryWindowMonths: 14, fees: { reactivationTiers: tiers } } as never);
    expect(policy.fees.reactivationTiers).toHaveLength(366);
    expect(
      policyErrorOf(() =>
        definePolicy({ deletionDay: 366, recoveryWindowMonths: 14, fees: { reactivationTiers: [...tiers, tiers[0]] } } as never),
      ).message,
    ).toBe('policy.fees.reactivationTiers: expected at most 366 tiers, got a list of length 367');
  });

  it('R-POL-1 a holey list within its bound reads its holes as missing items, by index', () => {
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point
    const error = policyErrorOf(() => definePolicy({ extensions: { orderId: { groups: [3, , 5] } } } as never));
    expect([error.code, error.path]).toEqual(['invalid-number', 'policy.extensions.orderId.groups[1]']);
  });
});

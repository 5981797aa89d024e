import { describe, expect, it } from 'vitest';
import { ExpiryInputError } from '../../src/errors.js';
import { getCapabilities } from '../../src/lifecycle/getCapabilities.js';
import { thrown } from '../support/errors.js';

const plain = { expirationDate: '2026-03-08' };
const extended = { expirationDate: '2026-03-08', extension: { endsOn: '2026-03-15' } };

/** One instant in each phase of a subscription expiring 2026-03-08 (New York). */
const moments = {
  active: [plain, '2026-01-15T12:00:00Z'],
  'renewal-due': [plain, '2026-03-01T12:00:00Z'],
  extended: [extended, '2026-03-10T12:00:00Z'],
  expired: [plain, '2026-03-10T12:00:00Z'],
  deleted: [plain, '2026-04-01T12:00:00Z'],
  unrecoverable: [plain, '2026-12-01T12:00:00Z'],
} as const;

// Columns: canLogIn, canChangeSettings, canManageBilling, canReactivate, canRecover — SPEC R-ST-4, seeds 000 and 002.
const expected: Record<keyof typeof moments, Record<'owner' | 'administrator' | 'agent', [boolean, boolean, boolean, boolean, boolean]>> = {
  active: {
    owner: [true, true, true, false, false],
    administrator: [true, true, false, false, false],
    agent: [true, false, false, false, false],
  },
  'renewal-due': {
    owner: [true, true, true, false, false],
    administrator: [true, true, false, false, false],
    agent: [true, false, false, false, false],
  },
  extended: {
    owner: [true, true, true, false, false],
    administrator: [true, true, false, false, false],
    agent: [true, false, false, false, false],
  },
  expired: {
    owner: [true, false, false, true, false],
    administrator: [true, false, false, false, false],
    agent: [true, false, false, false, false],
  },
  deleted: {
    owner: [false, false, false, false, true],
    administrator: [false, false, false, false, false],
    agent: [false, false, false, false, false],
  },
  unrecoverable: {
    owner: [false, false, false, false, false],
    administrator: [false, false, false, false, false],
    agent: [false, false, false, false, false],
  },
};

describe('getCapabilities', () => {
  for (const [phase, [subscription, now]] of Object.entries(moments)) {
    for (const [role, row] of Object.entries(expected[phase as keyof typeof moments])) {
      const [canLogIn, canChangeSettings, canManageBilling, canReactivate, canRecover] = row;
      it(`R-ST-4 gives ${role} in ${phase}: logIn ${canLogIn}, settings ${canChangeSettings}, billing ${canManageBilling}, reactivate ${canReactivate}, recover ${canRecover}`, () => {
        expect(getCapabilities(subscription, now, role)).toEqual({
          phase,
          canLogIn,
          canChangeSettings,
          canManageBilling,
          canReactivate,
          canRecover,
        });
      });
    }
  }

  it('R-ST-4 (seed 000) lets an expired owner log in and look but not change settings or billing until an extension is granted', () => {
    expect(getCapabilities(plain, '2026-03-10T12:00:00Z', 'owner')).toMatchObject({
      canLogIn: true,
      canChangeSettings: false,
      canManageBilling: false,
    });
    // With the extension granted, the owner can update the card (seed 002).
    expect(getCapabilities(extended, '2026-03-10T12:00:00Z', 'owner')).toMatchObject({
      phase: 'extended',
      canManageBilling: true,
      canChangeSettings: true,
    });
  });

  it('R-ST-4 gives an unknown role (a typo, a vendor role) the least privilege: that of an agent', () => {
    for (const role of ['Owner', 'collaborator', 'billing-admin', ' owner']) {
      expect(getCapabilities(plain, '2026-01-15T12:00:00Z', role)).toEqual(getCapabilities(plain, '2026-01-15T12:00:00Z', 'agent'));
      expect(getCapabilities(plain, '2026-03-10T12:00:00Z', role).canReactivate).toBe(false);
    }
    // Inherited object keys are not roles.
    expect(getCapabilities(plain, '2026-01-15T12:00:00Z', 'constructor').canChangeSettings).toBe(false);
  });

  it('R-IN-4 rejects a role that is not a non-empty string, and bad subscriptions, with ExpiryInputError', () => {
    expect(thrown(() => getCapabilities(plain, 0, 7 as never))).toMatchObject({ code: 'wrong-type', path: 'role' });
    expect(thrown(() => getCapabilities(plain, 0, undefined as never))).toMatchObject({ code: 'missing', path: 'role' });
    expect(thrown(() => getCapabilities(plain, 0, ''))).toBeInstanceOf(ExpiryInputError);
    expect(thrown(() => getCapabilities({ expirationDate: 20260308 } as never, 0, 'owner'))).toMatchObject({
      code: 'wrong-type',
      path: 'subscription.expirationDate',
    });
  });

  it('R-PURE-2 returns a frozen answer', () => {
    expect(Object.isFrozen(getCapabilities(plain, 0, 'owner'))).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { quoteReactivationFee } from '../../src/fees/quoteReactivationFee.js';
import { getExpiryStatus } from '../../src/lifecycle/getExpiryStatus.js';
import { getTimeline } from '../../src/timeline/getTimeline.js';
import type { Phase } from '../../src/lifecycle/types.js';
import type { TimelineEvent } from '../../src/timeline/types.js';
import { getReminderSchedule } from '../../src/reminders/getReminderSchedule.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import type { Policy } from '../../src/policy/types.js';
import { calendarDateArbitrary } from '../support/arbitraries.js';
import { addDays, expectedLifecycle, localInstant } from '../lifecycle/oracle.js';
import { policyArbitrary } from '../support/policies.js';

const DAY = 86_400_000;

const caseArbitrary = fc
  .tuple(
    fc.oneof(fc.constant(defaultPolicy), policyArbitrary),
    calendarDateArbitrary,
    fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 60 })),
    fc.constantFrom(undefined, 'card', 'bank-transfer'),
  )
  .map(([policy, expirationDate, extra, paymentMethod]) => ({
    policy,
    subscription: {
      expirationDate,
      ...(extra === 0 ? {} : { extension: { endsOn: addDays(expirationDate, extra) } }),
      ...(paymentMethod === undefined ? {} : { paymentMethod }),
      invoiceAmount: '300.00',
    },
  }));

/** The instant SPEC gives an event from its own date, on the Temporal oracle (R-TZ-2, R-TL-1). */
function expectedAt(policy: Policy, event: TimelineEvent): number {
  switch (event.event) {
    case 'expiry':
    case 'extension-end':
    case 'bank-transfer-deadline':
      return localInstant(policy.timeZone, event.date, policy.expiryTime);
    case 'recovery-closes':
      return localInstant(policy.timeZone, addDays(event.date, 1));
    case 'reminders-start':
      return event.at.getTime(); // checked against the reminder schedule instead
    default:
      return localInstant(policy.timeZone, event.date);
  }
}

/** The timeline event at which each phase begins. */
const EVENT_OF_PHASE: Readonly<Record<Exclude<Phase, 'active'>, (extended: boolean) => TimelineEvent['event']>> = {
  'renewal-due': () => 'renewal-invoice',
  extended: () => 'expiry',
  expired: (extended) => (extended ? 'extension-end' : 'expiry'),
  deleted: () => 'data-deletion',
  unrecoverable: () => 'recovery-closes',
};

describe('getTimeline (properties)', () => {
  it('R-TL-1 lists each event once, sorted by time, each at the instant SPEC gives its local date, for random valid policies', () => {
    fc.assert(
      fc.property(caseArbitrary, ({ policy, subscription }) => {
        const timeline = getTimeline(subscription, policy);
        for (let index = 1; index < timeline.length; index += 1) {
          expect((timeline[index] as TimelineEvent).at.getTime()).toBeGreaterThanOrEqual(
            (timeline[index - 1] as TimelineEvent).at.getTime(),
          );
        }
        for (const event of timeline) expect(event.at.getTime()).toBe(expectedAt(policy, event));
        const kinds = timeline.map((event) => event.event);
        // One increase per tier whose terms differ from the tier before it.
        const tiers = policy.fees.reactivationTiers;
        const increases = tiers.filter(
          (tier, i) => i > 0 && (Number(tier.rate) !== Number(tiers[i - 1]?.rate) || tier.minimum !== tiers[i - 1]?.minimum),
        );
        expect(kinds.filter((kind) => kind === 'reactivation-fee-increase')).toHaveLength(increases.length);
        expect(kinds.includes('bank-transfer-deadline')).toBe(subscription.paymentMethod === 'bank-transfer');
        expect(kinds.includes('extension-end')).toBe(subscription.extension !== undefined);
        const schedule = getReminderSchedule(subscription, policy);
        const start = timeline.find((event) => event.event === 'reminders-start');
        expect(start === undefined ? undefined : { date: start.date, at: start.at }).toEqual(
          schedule[0] === undefined ? undefined : { date: schedule[0].date, at: schedule[0].sendAt },
        );
        const lifecycle = expectedLifecycle(policy, subscription.expirationDate, subscription.extension?.endsOn);
        expect(timeline.find((event) => event.event === 'recovery-closes')?.date).toBe(lifecycle.lastRecoverableDate);
      }),
      { numRuns: 150 },
    );
  });

  it('R-TL-1 every status.next comes from the timeline: the phase begins exactly at its event', () => {
    fc.assert(
      fc.property(caseArbitrary, fc.integer({ min: -400 * DAY, max: 4000 * DAY }), ({ policy, subscription }, offset) => {
        const now = Date.parse(`${subscription.expirationDate}T12:00:00Z`) + offset;
        const status = getExpiryStatus(subscription, now, policy);
        if (status.phase === 'unrecoverable') return;
        const { phase, at } = status.next;
        const kind = EVENT_OF_PHASE[phase as Exclude<Phase, 'active'>](subscription.extension !== undefined);
        const event = getTimeline(subscription, policy).find((candidate) => candidate.event === kind);
        expect(event?.at).toEqual(at);
      }),
      { numRuns: 150 },
    );
  });

  it('R-TL-1 the fee rises exactly at each reactivation-fee-increase (fees read the same boundaries)', () => {
    fc.assert(
      fc.property(caseArbitrary, ({ policy, subscription }) => {
        for (const event of getTimeline(subscription, policy)) {
          if (event.event !== 'reactivation-fee-increase') continue;
          const before = quoteReactivationFee(subscription, event.at.getTime() - 1, policy);
          const after = quoteReactivationFee(subscription, event.at, policy);
          expect(before.kind).toBe('reactivation');
          expect(after.kind).toBe('reactivation');
          if (after.kind === 'reactivation') expect(after.daysPastExpiry).toBe(event.daysPastExpiry);
          // The instant is the tier's start: the day count crosses its fromDay there, and the
          // quote switches to that tier's terms (which may equal the previous tier's).
          const tier = policy.fees.reactivationTiers.find((candidate) => candidate.fromDay === event.daysPastExpiry);
          expect(tier).toBeDefined();
          if (before.kind === 'reactivation') expect(before.daysPastExpiry).toBeLessThan(event.daysPastExpiry);
          if (after.kind === 'reactivation') {
            expect(Number(after.rate)).toBe(Number(tier?.rate));
            expect(after.minimum.amount).toBe(tier?.minimum);
          }
          // ...and its terms differ from the tier before: an event marks a real increase.
          if (before.kind === 'reactivation' && after.kind === 'reactivation') {
            expect(Number(after.rate) !== Number(before.rate) || after.minimum.amount !== before.minimum.amount).toBe(true);
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});

import type { OrderIdFormat, Policy } from './types.js';
import { markDefined } from './defined.js';
import { deepFreeze } from './freeze.js';

/** The default order-id form, `XXX-XXX-XXXXX`; its own constant so `findOrderId` need not keep the whole policy. */
export const defaultOrderIdFormat: OrderIdFormat = /* @__PURE__ */ Object.freeze({
  groups: /* @__PURE__ */ Object.freeze([3, 3, 5]),
  separator: '-',
});

/**
 * The numbers of the source articles (docs/policy.md gives the source of each), deeply frozen.
 *
 * @example
 * defaultPolicy.timeZone; //=> 'America/New_York'
 * defaultPolicy.fees.reactivationTiers[0]; //=> { fromDay: 0, rate: '0.10', minimum: '25.00' }
 */
// Pure: it only marks and freezes the literal it is given, so a bundler may drop it when unused.
export const defaultPolicy: Policy = /* @__PURE__ */ deepFreeze(
  /* @__PURE__ */ markDefined({
    timeZone: 'America/New_York',
    expiryTime: '23:59:59',
    currency: 'USD',
    rounding: 'half-up',
    renewalInvoiceDaysBefore: 30,
    bankTransferDaysBefore: 7,
    deletionDay: 15,
    recoveryWindowMonths: 6,
    fees: {
      reactivationTiers: [
        { fromDay: 0, rate: '0.10', minimum: '25.00' },
        { fromDay: 7, rate: '0.15', minimum: '50.00' },
      ],
      recovery: { rate: '0.15', minimum: '50.00', dailyRate: '4.00' },
    },
    reminders: {
      cadences: [
        { channel: 'email', cadence: 'monthly', from: -4, through: -1 },
        { channel: 'email', cadence: 'weekly', from: -4, through: -1 },
        { channel: 'email', cadence: 'daily', from: -7, through: 0 },
        { channel: 'sms', cadence: 'daily', from: -3, through: 0 },
        { channel: 'phone', cadence: 'daily', from: -3, through: 0 },
      ],
      sendTimes: { email: '09:00', sms: '10:00', phone: '11:00' },
      quietHours: { channels: ['sms', 'phone'], start: '08:00', end: '21:00' },
    },
    extensions: {
      requestDaysBefore: 7,
      durationDays: 7,
      cooldownDays: 90,
      orderId: defaultOrderIdFormat,
    },
  }),
);

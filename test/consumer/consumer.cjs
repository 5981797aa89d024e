// CommonJS consumer of the packed package.
const assert = require('node:assert/strict');
const { getExpiryStatus, quoteReactivationFee, PolicyError, definePolicy } = require('subscription-expiry');

const subscription = { expirationDate: '2026-03-08', invoiceAmount: '300.00' };
assert.equal(getExpiryStatus(subscription, '2026-03-09T03:59:58Z').phase, 'renewal-due');
assert.equal(quoteReactivationFee(subscription, '2026-04-22T16:00:00Z').total.amount, '530.00');
assert.throws(
  () => definePolicy({ timeZone: 'Nowhere/Else' }),
  (error) => error instanceof PolicyError && error.name === 'PolicyError' && error.path === 'policy.timeZone',
);
console.log('cjs consumer ok');

// What the library knows about a built-in subscription, from the built package.
// `npm start` runs this until the command-line tool lands.
import { defaultPolicy, definePolicy } from '../dist/index.js';

const subscription = { id: 'acme-001', expirationDate: '2026-03-08', invoiceAmount: '300.00' };
console.log('Subscription', subscription);
console.log('Policy time zone', defaultPolicy.timeZone, '— expires at', defaultPolicy.expiryTime, 'local');
console.log('Reactivation tiers', defaultPolicy.fees.reactivationTiers);
console.log('A Berlin vendor', definePolicy({ timeZone: 'Europe/Berlin', currency: 'EUR' }).timeZone);

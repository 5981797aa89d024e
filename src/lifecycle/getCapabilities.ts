import { ExpiryInputError } from '../errors.js';
import { parseInstant, type InstantInput } from '../input/instant.js';
import { atTheDoor, describe } from '../input/read.js';
import { parseSubscription, type Subscription } from '../input/subscription.js';
import { requireLifecycleInRange } from './range.js';
import { resolvePolicy } from '../policy/compile.js';
import type { Policy } from '../policy/types.js';
import { capabilitiesAt, knownRoleOf } from './capabilities.js';
import type { Capabilities, KnownRole } from './types.js';

/**
 * Tells what a user of a given role may do with a subscription at an instant: log in,
 * change settings, manage billing, reactivate, recover.
 *
 * Roles are `owner`, `administrator` and `agent` (exact, lower case). Any other role
 * string (a vendor's `collaborator`, a typo such as `Owner`) gets the rights of an
 * `agent`, the least privileged: it never gains billing or settings rights by accident.
 *
 * @param subscription - the subscription
 * @param now - the instant to answer for
 * @param role - the user's role: `owner`, `administrator`, `agent`, or another string
 * @param policy - the policy (default: {@link defaultPolicy})
 * @returns the frozen capabilities, with the `phase` they were read for
 * @throws ExpiryInputError for an unreadable subscription, instant or a role that is not a non-empty string;
 *   PolicyError for a policy `definePolicy` did not make
 *
 * @example
 * getCapabilities({ expirationDate: '2026-03-08' }, '2026-03-10T12:00:00Z', 'owner');
 * //=> { phase: 'expired', canLogIn: true, canChangeSettings: false, canManageBilling: false, canReactivate: true, canRecover: false }
 */
export function getCapabilities(
  subscription: Subscription,
  now: InstantInput,
  role: KnownRole | (string & {}),
  policy?: Policy,
): Capabilities {
  const parsed = atTheDoor('subscription', () => parseSubscription(subscription));
  const instant = atTheDoor('now', () => parseInstant(now, 'now'));
  const knownRole = atTheDoor('role', () => parseRole(role));
  const compiled = resolvePolicy(policy);
  requireLifecycleInRange(parsed, compiled);
  return capabilitiesAt(parsed, instant, knownRole, compiled);
}

function parseRole(role: unknown): KnownRole {
  if (typeof role !== 'string' || role.length === 0) {
    throw new ExpiryInputError(
      role === undefined || role === null ? 'missing' : 'wrong-type',
      'role',
      `expected a role such as "owner", "administrator" or "agent", got ${describe(role)}`,
    );
  }
  return knownRoleOf(role);
}

import { ExpiryInputError } from '../errors.js';
import { parseInstant, type InstantInput } from '../input/instant.js';
import { atTheDoor, describe } from '../input/read.js';
import { parseSubscription, type Subscription } from '../input/subscription.js';
import { requireLifecycleInRange } from './range.js';
import { resolvePolicy } from '../policy/compile.js';
import type { Policy } from '../policy/types.js';
import { statusAt } from './getExpiryStatus.js';
import type { Capabilities, KnownRole, Phase } from './types.js';

type Rights = Omit<Capabilities, 'phase'>;

const NOTHING: Rights = Object.freeze({
  canLogIn: false,
  canChangeSettings: false,
  canManageBilling: false,
  canReactivate: false,
  canRecover: false,
});
const LOOK: Rights = Object.freeze({ ...NOTHING, canLogIn: true });
const WORK: Rights = Object.freeze({ ...LOOK, canChangeSettings: true });
const OWN: Rights = Object.freeze({ ...WORK, canManageBilling: true });

/**
 * R-ST-4, as data: phase × role. Only an owner manages billing (seed 002), and
 * reactivating or recovering means paying, so those are the owner's too. In `expired`
 * nobody changes settings or billing (seed 000: that is what a temporary extension is
 * for); in `deleted` and `unrecoverable` nobody logs in. An agent works tickets but
 * does not change the instance's settings.
 */
const CAPABILITIES: Readonly<Record<Phase, Readonly<Record<KnownRole, Rights>>>> = Object.freeze({
  active: Object.freeze({ owner: OWN, administrator: WORK, agent: LOOK }),
  'renewal-due': Object.freeze({ owner: OWN, administrator: WORK, agent: LOOK }),
  extended: Object.freeze({ owner: OWN, administrator: WORK, agent: LOOK }),
  expired: Object.freeze({ owner: Object.freeze({ ...LOOK, canReactivate: true }), administrator: LOOK, agent: LOOK }),
  deleted: Object.freeze({ owner: Object.freeze({ ...NOTHING, canRecover: true }), administrator: NOTHING, agent: NOTHING }),
  unrecoverable: Object.freeze({ owner: NOTHING, administrator: NOTHING, agent: NOTHING }),
});

/** The role whose rights any role this table does not know receives: least privilege. */
const LEAST_PRIVILEGED_ROLE: KnownRole = 'agent';

/**
 * Tells what a user of a given role may do with a subscription at an instant: log in, change settings, manage billing, reactivate, recover.
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
  const { phase } = statusAt(parsed, instant, compiled);
  return Object.freeze({ phase, ...CAPABILITIES[phase][knownRole] });
}

function parseRole(role: unknown): KnownRole {
  if (typeof role !== 'string' || role.length === 0) {
    throw new ExpiryInputError(
      role === undefined || role === null ? 'missing' : 'wrong-type',
      'role',
      `expected a role such as "owner", "administrator" or "agent", got ${describe(role)}`,
    );
  }
  return Object.hasOwn(CAPABILITIES.active, role) ? (role as KnownRole) : LEAST_PRIVILEGED_ROLE;
}

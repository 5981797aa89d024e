import type { ParsedSubscription } from '../input/subscription.js';
import type { CompiledPolicy } from '../policy/compile.js';
import { statusAt } from './status.js';
import type { Capabilities, KnownRole, Phase } from './types.js';

/** What a role may do at an instant: the rights of its phase in the table below (R-ST-4). */
export function capabilitiesAt(subscription: ParsedSubscription, now: number, role: KnownRole, policy: CompiledPolicy): Capabilities {
  const { phase } = statusAt(subscription, now, policy);
  return Object.freeze({ phase, ...CAPABILITIES[phase][role] });
}

/** A role the table knows, or the least privileged one for any other (R-ST-4). */
export function knownRoleOf(role: string): KnownRole {
  return Object.hasOwn(CAPABILITIES.active, role) ? (role as KnownRole) : LEAST_PRIVILEGED_ROLE;
}

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
 * R-ST-4, as data: phase × role. Only an owner manages billing, and
 * reactivating or recovering means paying, so those are the owner's too. In `expired`
 * nobody changes settings or billing (that is what a temporary extension is for); in `deleted` and `unrecoverable` nobody logs in. An agent works tickets but
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

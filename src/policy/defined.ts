import { PolicyError } from '../errors.js';
import type { Policy } from './types.js';

/**
 * Which objects are policies made by `definePolicy` (and `defaultPolicy`): a `WeakSet` they
 * are added to once validated, never a mark on the object itself. A mark can be copied or
 * written by hand (a JSON copy given the mark would then be trusted unchecked and fail deep
 * inside); membership in the set cannot, and a spread, a JSON round trip, a structured clone
 * or a proxy is a different object, so it is not a member.
 *
 * The set lives on `globalThis` under a `Symbol.for` key, read-only, so that a policy made
 * by the ESM build is accepted by the CommonJS build (an app may load both, and each has
 * its own copy of this module). It is made on first use, not at import.
 */
const REGISTRY = Symbol.for('subscription-expiry.defined-policies');

let definedPolicies: WeakSet<object> | undefined;

function registry(): WeakSet<object> {
  if (definedPolicies !== undefined) return definedPolicies;
  const shared: unknown = (globalThis as Record<symbol, unknown>)[REGISTRY];
  if (shared instanceof WeakSet) {
    definedPolicies = shared as WeakSet<object>;
  } else {
    definedPolicies = new WeakSet<object>();
    // Read-only once there. Should something else hold the slot, this returns false (it does
    // not throw), and this copy of the library keeps a set of its own.
    Reflect.defineProperty(globalThis, REGISTRY, { value: definedPolicies });
  }
  return definedPolicies;
}

/** Records a validated policy as made by `definePolicy`. */
export function markDefined<T extends object>(policy: T): T {
  registry().add(policy);
  return policy;
}

/**
 * The policy a caller passed (not omitted), known to be valid (R-POL-2): `defaultPolicy` or
 * a policy made by `definePolicy`. Anything else is a `PolicyError`: only `definePolicy`
 * checks a policy, so the functions that take one stay small and never validate it again.
 */
export function definedPolicy(policy: unknown): Policy {
  if (typeof policy !== 'object' || policy === null) {
    throw new PolicyError('wrong-type', 'policy', 'the policy must be defaultPolicy or made by definePolicy(…), or omitted');
  }
  if (!registry().has(policy)) {
    throw new PolicyError(
      'not-defined',
      'policy',
      'not made by definePolicy(…): pass it through definePolicy(yourPolicy) once, which checks it, and use the result',
    );
  }
  return policy as Policy;
}

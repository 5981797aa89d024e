import { PolicyError } from '../errors.js';
import type { Policy } from './types.js';

/**
 * The mark every policy made by `definePolicy` (and `defaultPolicy`) carries: a hidden,
 * read-only property whose value is the policy itself. A spread, a JSON round trip or a
 * structured clone drops it, and a copy made with property descriptors points at the
 * original, not at itself; so only a policy that went through validation carries it.
 * `Symbol.for`, so that a policy made by the ESM build is accepted by the CommonJS build
 * (an app may load both).
 */
const DEFINED = Symbol.for('subscription-expiry.defined-policy');

/** Marks a validated policy as made by `definePolicy`; call it before freezing. */
export function markDefined<T extends object>(policy: T): T {
  return Object.defineProperty(policy, DEFINED, { value: policy });
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
  let mark: unknown;
  try {
    mark = (policy as Record<symbol, unknown>)[DEFINED];
  } catch {
    throw new PolicyError('unreadable', 'policy', 'the policy could not be read (it threw while being inspected)');
  }
  if (mark !== policy) {
    throw new PolicyError(
      'not-defined',
      'policy',
      'not made by definePolicy(…): pass it through definePolicy(yourPolicy) once, which checks it, and use the result',
    );
  }
  return policy as Policy;
}

import type { SimContext } from '../context.js';
import { catalog } from '../factors/index.js';
import { isOktaVerify } from '../policy.js';
import type { PolicyFactor, UserPolicy } from '../policy.js';
import type { UserRecord } from '../store.js';

/** One thing the enrollment policy requires: any one of `satisfiedBy` active meets it. */
export interface EnrollmentRequirement {
  satisfiedBy: PolicyFactor[];
}

const sameFactor = (a: PolicyFactor, b: PolicyFactor): boolean => a.factorType === b.factorType && a.provider === b.provider;

/**
 * What the policy's `enroll` list requires. A factor (`{ factorType, provider }`) is required
 * itself, except that Okta Verify's two factors (TOTP and push, provider OKTA) are one: either
 * meets it. A factor type given as a string (the earlier form) is met by any provider of the type.
 */
export function enrollmentRequirements(policy: UserPolicy): EnrollmentRequirement[] {
  return policy.enroll.map((entry) => {
    if (typeof entry === 'string') return { satisfiedBy: catalog().filter((factor) => factor.factorType === entry) };
    if (isOktaVerify(entry)) return { satisfiedBy: catalog().filter(isOktaVerify) };
    return { satisfiedBy: [entry] };
  });
}

/** The user's active factors as (factorType, provider) pairs. */
function activePairs(ctx: SimContext, user: UserRecord): PolicyFactor[] {
  return ctx.store.activeFactorsOf(user.id).map(({ factorType, provider }) => ({ factorType, provider }));
}

/** Requirements of the user's enrollment policy no active factor meets yet (`MFA_ENROLL` goes on while there are any). */
export function unmetRequirements(ctx: SimContext, user: UserRecord): EnrollmentRequirement[] {
  const active = activePairs(ctx, user);
  return enrollmentRequirements(user.policy).filter((requirement) => !requirement.satisfiedBy.some((factor) => active.some((pair) => sameFactor(pair, factor))));
}

/**
 * `enrollment` of each factor `MFA_ENROLL` lists: `REQUIRED` when a requirement still waits for
 * it, or when it is the active factor that met one; otherwise `OPTIONAL` (e.g. Google
 * Authenticator once Okta Verify met an Okta Verify requirement).
 */
export function enrollmentOf(ctx: SimContext, user: UserRecord): (factor: PolicyFactor) => 'REQUIRED' | 'OPTIONAL' {
  const active = activePairs(ctx, user);
  const isActive = (factor: PolicyFactor): boolean => active.some((pair) => sameFactor(pair, factor));
  const requirements = enrollmentRequirements(user.policy);
  return (factor) => {
    const required = requirements.some(
      (requirement) => requirement.satisfiedBy.some((candidate) => sameFactor(candidate, factor)) && (isActive(factor) || !requirement.satisfiedBy.some(isActive)),
    );
    return required ? 'REQUIRED' : 'OPTIONAL';
  };
}

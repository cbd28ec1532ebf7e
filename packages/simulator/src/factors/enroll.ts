import { z } from 'zod';
import type { SimContext } from '../context.js';
import { oktaErrors } from '../errors.js';
import { SIM_FACTOR_TYPES } from '../policy.js';
import type { FactorRecord, TransactionRecord, UserRecord } from '../store.js';
import { kindOf, maxEnrolled } from './index.js';
import type { FactorKind } from './kind.js';

/** The fields of an enrollment request, the same in the Authentication and the Factors API. */
export const EnrollRequestSchema = z.object({
  factorType: z.string().max(64),
  provider: z.string().max(64),
  profile: z.record(z.string(), z.unknown()).optional(),
  passCode: z.string().max(100).optional(),
  nextPassCode: z.string().max(100).optional(),
});
/** An enrollment request. */
export type EnrollRequest = z.output<typeof EnrollRequestSchema>;

/**
 * Starts enrolling a factor (the record is not stored yet): the org must offer the type and provider
 * and the user must not have it active; a pending one is replaced (a phone only with `updatePhone`)
 * unless another live transaction than `transaction` is activating it (that one keeps working).
 * 400 E0000001 otherwise, or whatever the factor type's own checks answer.
 */
export async function startEnrollment(
  ctx: SimContext,
  user: UserRecord,
  request: EnrollRequest,
  options: { updatePhone: boolean; transaction?: TransactionRecord },
): Promise<{ kind: FactorKind; factor: FactorRecord }> {
  const type = SIM_FACTOR_TYPES.find((candidate) => candidate === request.factorType);
  const provider = request.provider.toUpperCase();
  if (!type || !kindOf(type).providers.includes(provider)) {
    throw oktaErrors.validation('factorEnrollRequest', [`Unsupported factor: ${request.factorType} / ${request.provider}.`]);
  }
  const existing = ctx.store.factorsOf(user.id).filter((factor) => factor.factorType === type && factor.provider === provider);
  // Several WebAuthn authenticators may be active; their kind refuses one past its maximum.
  if (maxEnrolled(type) === 1 && existing.some((factor) => factor.status === 'ACTIVE')) {
    throw oktaErrors.validation('factorEnrollRequest', ['A factor of this type is already set up.']);
  }
  if ((type === 'sms' || type === 'call') && existing.length > 0 && !options.updatePhone) {
    throw oktaErrors.validation('factorEnrollRequest', ['There is an existing verified phone number.']);
  }
  const now = ctx.clock.now();
  const activating = new Set(
    ctx.store
      .liveTransactionsOf(user.id, now)
      .filter((tx) => tx !== options.transaction && tx.status === 'MFA_ENROLL_ACTIVATE' && tx.factorId !== null)
      .map((tx) => tx.factorId),
  );
  for (const factor of existing) if (factor.status !== 'ACTIVE' && !activating.has(factor.id)) ctx.store.factors.delete(factor.id);
  const kind = kindOf(type);
  const factor = await kind.enroll(ctx, user, { provider, profile: request.profile, passCode: request.passCode, nextPassCode: request.nextPassCode });
  return { kind, factor };
}

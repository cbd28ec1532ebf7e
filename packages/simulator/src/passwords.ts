import type { SimContext } from './context.js';
import type { OktaHttpError } from './errors.js';
import { meetsComplexity, requirementsNotMet, tooSoonToChange } from './policy.js';
import type { UserRecord } from './store.js';

/** Why a new password was refused (the errorCauses text), or null when it is acceptable. */
export async function passwordProblem(
  ctx: SimContext,
  user: UserRecord,
  newPassword: string,
  options: { checkMinAge: boolean },
): Promise<string | null> {
  const policy = ctx.store.passwordPolicyOf(user);
  if (!meetsComplexity(policy, newPassword, user.profile)) return requirementsNotMet(policy);
  if (options.checkMinAge && user.passwordChanged !== null && tooSoonToChange(policy, user.passwordChanged, ctx.clock.now())) {
    return `Password requirements were not met. Password has been changed too recently; wait ${policy.age.minAgeMinutes} minutes between changes.`;
  }
  if (policy.age.historyCount > 0) {
    const recent = [user.passwordHash, ...user.passwordHistory].slice(0, policy.age.historyCount);
    for (const hash of recent) {
      if (hash && (await ctx.secrets.verify(newPassword, hash))) {
        return `Password requirements were not met. Password cannot be your last ${policy.age.historyCount} passwords.`;
      }
    }
  }
  return null;
}

/** Stores a new password: history, `passwordChanged`, expiry flag. */
export async function commitPassword(ctx: SimContext, user: UserRecord, newPassword: string): Promise<void> {
  const now = ctx.clock.now();
  if (user.passwordHash) user.passwordHistory.unshift(user.passwordHash);
  user.passwordHistory.splice(24);
  user.passwordHash = await ctx.secrets.hash(newPassword);
  user.passwordChanged = now;
  user.passwordExpired = false;
  if (user.status === 'PASSWORD_EXPIRED') {
    user.status = 'ACTIVE';
    user.statusChanged = now;
  }
  user.lastUpdated = now;
}

/** Raises `error(cause)` when the password is refused. */
export async function assertAcceptablePassword(
  ctx: SimContext,
  user: UserRecord,
  newPassword: string,
  options: { checkMinAge: boolean },
  error: (cause: string) => OktaHttpError,
): Promise<void> {
  const problem = await passwordProblem(ctx, user, newPassword, options);
  if (problem !== null) throw error(problem);
}

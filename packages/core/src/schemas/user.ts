import * as z from 'zod/mini';

/** The subset of the user profile that `/api/v1/authn` releases. */
export interface AuthnUserProfile {
  login: string;
  firstName?: string | null;
  lastName?: string | null;
  locale?: string | null;
  timeZone?: string | null;
  [key: string]: unknown;
}

/** A user's password-recovery question, as the authn API shows it. */
export interface RecoveryQuestion {
  question: string;
  [key: string]: unknown;
}

/** The user a transaction is about. */
export interface AuthnUser {
  id: string;
  passwordChanged?: string | null;
  profile: AuthnUserProfile;
  recovery_question?: RecoveryQuestion;
  [key: string]: unknown;
}

/** The subset of the user profile that `/api/v1/authn` releases (`login` checked at run time). */
export const AuthnUserProfileSchema = z.looseObject({ login: z.string() }) as z.ZodMiniType<AuthnUserProfile>;

/** The recovery question shown in `RECOVERY` (nested inside `_embedded.user`). */
export const RecoveryQuestionSchema = z.looseObject({ question: z.string() }) as z.ZodMiniType<RecoveryQuestion>;

/** `_embedded.user` of a transaction. */
export const AuthnUserSchema = z.looseObject({
  id: z.string(),
  profile: AuthnUserProfileSchema,
  recovery_question: z.optional(RecoveryQuestionSchema),
}) as z.ZodMiniType<AuthnUser>;

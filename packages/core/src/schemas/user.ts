import * as z from 'zod/mini';

/** The subset of the user profile that `/api/v1/authn` releases. */
export const AuthnUserProfileSchema = z.looseObject({
  login: z.string(),
  firstName: z.optional(z.nullable(z.string())),
  lastName: z.optional(z.nullable(z.string())),
  locale: z.optional(z.nullable(z.string())),
  timeZone: z.optional(z.nullable(z.string())),
});

/** The recovery question shown in `RECOVERY` (nested inside `_embedded.user`). */
export const RecoveryQuestionSchema = z.looseObject({ question: z.string() });
/** A user's password-recovery question, as the authn API shows it. */
export type RecoveryQuestion = z.infer<typeof RecoveryQuestionSchema>;

/** `_embedded.user` of a transaction. */
export const AuthnUserSchema = z.looseObject({
  id: z.string(),
  passwordChanged: z.optional(z.nullable(z.string())),
  profile: AuthnUserProfileSchema,
  recovery_question: z.optional(RecoveryQuestionSchema),
});
/** The user a transaction is about. */
export type AuthnUser = z.infer<typeof AuthnUserSchema>;

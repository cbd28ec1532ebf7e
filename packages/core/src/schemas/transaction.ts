import * as z from 'zod/mini';
import { FactorSchema } from './factor.js';
import type { LinkSchema} from './link.js';
import { LinksSchema } from './link.js';
import { PasswordPolicySchema, RememberDevicePolicySchema } from './policy.js';
import { AuthnUserSchema } from './user.js';

/** The twelve documented transaction states. */
export const TRANSACTION_STATUSES = [
  'UNAUTHENTICATED',
  'PASSWORD_WARN',
  'PASSWORD_EXPIRED',
  'RECOVERY',
  'RECOVERY_CHALLENGE',
  'PASSWORD_RESET',
  'LOCKED_OUT',
  'MFA_ENROLL',
  'MFA_ENROLL_ACTIVATE',
  'MFA_REQUIRED',
  'MFA_CHALLENGE',
  'SUCCESS',
] as const;
/** A transaction state. */
export type TransactionStatus = (typeof TRANSACTION_STATUSES)[number];

/** Kinds of recovery transaction. */
export const RECOVERY_TYPES = ['PASSWORD', 'UNLOCK', 'ACCOUNT_ACTIVATION'] as const;

const optionalString = z.optional(z.nullable(z.string()));

/** Fields any transaction may carry (§1.1 of the API digest). */
const commonFields = {
  stateToken: z.optional(z.string()),
  type: z.optional(z.string()),
  expiresAt: z.optional(z.string()),
  relayState: optionalString,
  factorResult: z.optional(z.string()),
  factorResultMessage: optionalString,
  challengeType: z.optional(z.string()),
  factorType: z.optional(z.string()),
  recoveryToken: z.optional(z.string()),
  recoveryType: z.optional(z.string()),
  sessionToken: z.optional(z.string()),
  _links: z.optional(LinksSchema),
};

/** `_embedded.target` of a step-up transaction. */
export const StepUpTargetSchema = z.looseObject({
  type: z.optional(z.string()),
  name: z.optional(z.string()),
  label: z.optional(z.string()),
  _links: z.optional(LinksSchema),
});

/** `_embedded.authentication` of a step-up transaction. */
export const StepUpAuthenticationSchema = z.looseObject({
  protocol: z.optional(z.string()),
  issuer: z.optional(z.looseObject({ id: z.optional(z.string()), name: z.optional(z.string()), uri: z.optional(z.string()) })),
});

const withUser = { user: AuthnUserSchema };
const factorList = z.array(FactorSchema);

/** SP-initiated step-up: the page must authenticate within this transaction. */
export const UnauthenticatedSchema = z.looseObject({
  ...commonFields,
  status: z.literal('UNAUTHENTICATED'),
  stateToken: z.string(),
  _embedded: z.optional(
    z.looseObject({ target: z.optional(StepUpTargetSchema), authentication: z.optional(StepUpAuthenticationSchema) }),
  ),
});

/** Password accepted but about to expire; change it or skip. */
export const PasswordWarnSchema = z.looseObject({
  ...commonFields,
  status: z.literal('PASSWORD_WARN'),
  stateToken: z.string(),
  _embedded: z.looseObject({ ...withUser, policy: z.optional(PasswordPolicySchema) }),
});

/** Password accepted but expired; it must be changed. */
export const PasswordExpiredSchema = z.looseObject({
  ...commonFields,
  status: z.literal('PASSWORD_EXPIRED'),
  stateToken: z.string(),
  _embedded: z.looseObject({ ...withUser, policy: z.optional(PasswordPolicySchema) }),
});

/** Recovery: either a trusted-app `recoveryToken`, or a `stateToken` with the recovery question. */
export const RecoverySchema = z.looseObject({
  ...commonFields,
  status: z.literal('RECOVERY'),
  _embedded: z.optional(z.looseObject({ user: z.optional(AuthnUserSchema) })),
});

/** A recovery factor (SMS, call, email) must be proven; email has no token or links. */
export const RecoveryChallengeSchema = z.looseObject({
  ...commonFields,
  status: z.literal('RECOVERY_CHALLENGE'),
  _embedded: z.optional(z.looseObject({})),
});

/** A new password must be set (recovery, or account activation without a password). */
export const PasswordResetSchema = z.looseObject({
  ...commonFields,
  status: z.literal('PASSWORD_RESET'),
  stateToken: z.string(),
  _embedded: z.looseObject({ ...withUser, policy: z.optional(PasswordPolicySchema) }),
});

/** The account is locked; self-service unlock may be offered. */
export const LockedOutSchema = z.looseObject({
  ...commonFields,
  status: z.literal('LOCKED_OUT'),
  _embedded: z.optional(z.looseObject({})),
});

/** Factors to enroll (required and optional). */
export const MfaEnrollSchema = z.looseObject({
  ...commonFields,
  status: z.literal('MFA_ENROLL'),
  stateToken: z.string(),
  _embedded: z.looseObject({ ...withUser, factors: factorList }),
});

/** A factor was enrolled and must now be activated. */
export const MfaEnrollActivateSchema = z.looseObject({
  ...commonFields,
  status: z.literal('MFA_ENROLL_ACTIVATE'),
  stateToken: z.string(),
  _embedded: z.looseObject({ ...withUser, factor: FactorSchema }),
});

/** A second factor must be verified; pick one of `factors`. */
export const MfaRequiredSchema = z.looseObject({
  ...commonFields,
  status: z.literal('MFA_REQUIRED'),
  stateToken: z.string(),
  _embedded: z.looseObject({ ...withUser, factors: factorList, policy: z.optional(RememberDevicePolicySchema) }),
});

/** A challenge for one factor is outstanding (code sent, push pending, nonce issued). */
export const MfaChallengeSchema = z.looseObject({
  ...commonFields,
  status: z.literal('MFA_CHALLENGE'),
  stateToken: z.string(),
  _embedded: z.looseObject({
    ...withUser,
    // WebAuthn verify-by-type publishes an array here.
    factor: z.union([FactorSchema, factorList]),
    policy: z.optional(RememberDevicePolicySchema),
    challenge: z.optional(z.looseObject({})),
  }),
});

/** The transaction finished: a one-time `sessionToken` (absent in step-up, which links `original`). */
export const SuccessSchema = z.looseObject({
  ...commonFields,
  status: z.literal('SUCCESS'),
  _embedded: z.optional(
    z.looseObject({
      user: z.optional(AuthnUserSchema),
      target: z.optional(StepUpTargetSchema),
      authentication: z.optional(StepUpAuthenticationSchema),
    }),
  ),
});

/** Any authn response, discriminated by `status`; unknown fields are kept. */
export const TransactionSchema = z.discriminatedUnion('status', [
  UnauthenticatedSchema,
  PasswordWarnSchema,
  PasswordExpiredSchema,
  RecoverySchema,
  RecoveryChallengeSchema,
  PasswordResetSchema,
  LockedOutSchema,
  MfaEnrollSchema,
  MfaEnrollActivateSchema,
  MfaRequiredSchema,
  MfaChallengeSchema,
  SuccessSchema,
]);

/** The JSON body of an authn response, as validated. */
export type TransactionBody = z.infer<typeof TransactionSchema>;

/** The body of a transaction in one state. */
export type TransactionBodyOf<S extends TransactionStatus> = Extract<TransactionBody, { status: S }>;

/** A link as kept in `AuthnTransaction.links`. */
export type TransactionLink = z.infer<typeof LinkSchema>;

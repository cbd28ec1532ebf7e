import * as z from 'zod/mini';

/** Per-factor policy info: `factorId → { autoPushEnabled }`. */
export const FactorsPolicyInfoSchema = z.record(
  z.string(),
  z.looseObject({ autoPushEnabled: z.optional(z.boolean()) }),
);

/** Remember-device policy, `_embedded.policy` in `MFA_REQUIRED` and `MFA_CHALLENGE`. */
export const RememberDevicePolicySchema = z.looseObject({
  allowRememberDevice: z.optional(z.boolean()),
  rememberDeviceByDefault: z.optional(z.boolean()),
  rememberDeviceLifetimeInMinutes: z.optional(z.number()),
  factorsPolicyInfo: z.optional(FactorsPolicyInfoSchema),
});
/** Remember-device policy of an MFA step. */
export type RememberDevicePolicy = z.infer<typeof RememberDevicePolicySchema>;

/** Password complexity rules; `<= 0` (or absent) means "no requirement". */
export const PasswordComplexitySchema = z.looseObject({
  minLength: z.optional(z.number()),
  minLowerCase: z.optional(z.number()),
  minUpperCase: z.optional(z.number()),
  minNumber: z.optional(z.number()),
  minSymbol: z.optional(z.number()),
  // One doc example sends the string "true"; accept both.
  excludeUsername: z.optional(z.union([z.boolean(), z.string()])),
  excludeAttributes: z.optional(z.array(z.string())),
  dictionary: z.optional(
    z.looseObject({ common: z.optional(z.looseObject({ exclude: z.optional(z.boolean()) })) }),
  ),
});
/** Password complexity rules of a password policy. */
export type PasswordComplexity = z.infer<typeof PasswordComplexitySchema>;

/** Password policy, `_embedded.policy` in `PASSWORD_WARN`, `PASSWORD_EXPIRED`, `PASSWORD_RESET`. */
export const PasswordPolicySchema = z.looseObject({
  expiration: z.optional(z.looseObject({ passwordExpireDays: z.optional(z.number()) })),
  complexity: z.optional(PasswordComplexitySchema),
  age: z.optional(
    z.looseObject({ minAgeMinutes: z.optional(z.number()), historyCount: z.optional(z.number()) }),
  ),
});
/** The password policy a password step must satisfy. */
export type PasswordPolicy = z.infer<typeof PasswordPolicySchema>;

import * as z from 'zod/mini';

/** Per-factor policy info: `factorId → { autoPushEnabled }`. */
export type FactorsPolicyInfo = Record<string, { autoPushEnabled?: boolean; [key: string]: unknown }>;

/** Remember-device policy of an MFA step. */
export interface RememberDevicePolicy {
  allowRememberDevice?: boolean;
  rememberDeviceByDefault?: boolean;
  rememberDeviceLifetimeInMinutes?: number;
  factorsPolicyInfo?: FactorsPolicyInfo;
  [key: string]: unknown;
}

/** Password complexity rules of a password policy; `<= 0` (or absent) means "no requirement". */
export interface PasswordComplexity {
  minLength?: number;
  minLowerCase?: number;
  minUpperCase?: number;
  minNumber?: number;
  minSymbol?: number;
  /** One doc example sends the string `"true"`. */
  excludeUsername?: boolean | string;
  excludeAttributes?: string[];
  dictionary?: { common?: { exclude?: boolean } };
  [key: string]: unknown;
}

/** The password policy a password step must satisfy. */
export interface PasswordPolicy {
  expiration?: { passwordExpireDays?: number; [key: string]: unknown };
  complexity?: PasswordComplexity;
  age?: { minAgeMinutes?: number; historyCount?: number; [key: string]: unknown };
  [key: string]: unknown;
}

// Every field of these objects is optional: at run time they are only checked to be objects, and
// the code that reads them (evaluatePassword, the widget) tolerates missing or odd values.
const anyObject = z.looseObject({});

/** Per-factor policy info: `factorId → { autoPushEnabled }`. */
export const FactorsPolicyInfoSchema = anyObject as z.ZodMiniType<FactorsPolicyInfo>;

/** Remember-device policy, `_embedded.policy` in `MFA_REQUIRED` and `MFA_CHALLENGE`. */
export const RememberDevicePolicySchema = anyObject as z.ZodMiniType<RememberDevicePolicy>;

/** Password complexity rules. */
export const PasswordComplexitySchema = anyObject as z.ZodMiniType<PasswordComplexity>;

/** Password policy, `_embedded.policy` in `PASSWORD_WARN`, `PASSWORD_EXPIRED`, `PASSWORD_RESET`. */
export const PasswordPolicySchema = anyObject as z.ZodMiniType<PasswordPolicy>;

import { object, schema } from './check.js';

/** Per-factor policy info: `factorId → { autoPushEnabled }`. */
export type FactorsPolicyInfo = Record<string, { autoPushEnabled?: boolean; [key: string]: unknown }>;

/** Remember-device policy of an MFA step. */
export interface RememberDevicePolicy {
  /** The policy lets the user choose "remember this device" (`rememberDevice` on verify). */
  allowRememberDevice?: boolean;
  /** The user chose it before on this device: pre-tick the box. */
  rememberDeviceByDefault?: boolean;
  /** How long a remembered verification lasts; 0 for device-based policies. */
  rememberDeviceLifetimeInMinutes?: number;
  /** Per-factor info keyed by factor id, e.g. `autoPushEnabled`. */
  factorsPolicyInfo?: FactorsPolicyInfo;
  [key: string]: unknown;
}

/** Password complexity rules of a password policy; `<= 0` (or absent) means "no requirement". */
export interface PasswordComplexity {
  /** Minimum number of characters. */
  minLength?: number;
  /** Minimum lower-case letters. */
  minLowerCase?: number;
  /** Minimum upper-case letters. */
  minUpperCase?: number;
  /** Minimum digits. */
  minNumber?: number;
  /** Minimum symbols (e.g. `!@#$%^&*`). */
  minSymbol?: number;
  /** The password must not contain the username or its parts; one doc example sends the string `"true"`. */
  excludeUsername?: boolean | string;
  /** Profile attributes the password must not contain (`firstName`, `lastName`). */
  excludeAttributes?: string[];
  /** `common.exclude`: common passwords are refused (checked by the server only). */
  dictionary?: { common?: { exclude?: boolean } };
  [key: string]: unknown;
}

/** The password policy a password step must satisfy. */
export interface PasswordPolicy {
  /** `passwordExpireDays`: days until the current password expires (`PASSWORD_WARN`). */
  expiration?: { passwordExpireDays?: number; [key: string]: unknown };
  /** The rules a new password must meet. */
  complexity?: PasswordComplexity;
  /** `minAgeMinutes` between changes and `historyCount` previous passwords that cannot be reused (checked by the server). */
  age?: { minAgeMinutes?: number; historyCount?: number; [key: string]: unknown };
  [key: string]: unknown;
}

// Every field of these objects is optional: at run time they are only checked to be objects, and
// the code that reads them (evaluatePassword, the widget) tolerates missing or odd values.
const anyObject = object();

/** Per-factor policy info: `factorId → { autoPushEnabled }`. */
export const FactorsPolicyInfoSchema = schema<FactorsPolicyInfo>(anyObject);

/** Remember-device policy, `_embedded.policy` in `MFA_REQUIRED` and `MFA_CHALLENGE`. */
export const RememberDevicePolicySchema = schema<RememberDevicePolicy>(anyObject);

/** Password complexity rules. */
export const PasswordComplexitySchema = schema<PasswordComplexity>(anyObject);

/** Password policy, `_embedded.policy` in `PASSWORD_WARN`, `PASSWORD_EXPIRED`, `PASSWORD_RESET`. */
export const PasswordPolicySchema = schema<PasswordPolicy>(anyObject);

import type { PasswordPolicy } from '@okta-authn/core';
import { z } from 'zod';
import { DAY, MINUTE } from './clock.js';
import { kindOf } from './factors/index.js';

/** Password complexity rules (Policy API semantics; 0 = not required). */
export const ComplexitySchema = z.strictObject({
  minLength: z.int().min(1).max(72).default(8),
  minLowerCase: z.int().min(0).max(1).default(1),
  minUpperCase: z.int().min(0).max(1).default(1),
  minNumber: z.int().min(0).max(1).default(1),
  minSymbol: z.int().min(0).max(1).default(1),
  excludeUsername: z.boolean().default(true),
  excludeAttributes: z.array(z.enum(['firstName', 'lastName'])).default([]),
  dictionaryExcludeCommon: z.boolean().default(false),
});

/** Password age rules: expiry, its warning window, minimum age and history. */
export const AgeSchema = z.strictObject({
  maxAgeDays: z.int().min(0).max(999).default(0),
  expireWarnDays: z.int().min(0).max(999).default(0),
  minAgeMinutes: z.int().min(0).max(9999).default(0),
  historyCount: z.int().min(0).max(24).default(0),
});

/** Lockout after failed passwords and failed MFA codes. */
export const LockoutSchema = z.strictObject({
  maxAttempts: z.int().min(0).max(100).default(10),
  autoUnlockMinutes: z.int().min(0).max(99_999).default(0),
  showLockoutFailures: z.boolean().default(false),
  maxFactorAttempts: z.int().min(0).max(100).default(5),
});

/** Self-service recovery: what may be recovered, with which factors, and how long a recovery token lives. */
export const RecoverySchema = z.strictObject({
  selfServicePasswordReset: z.boolean().default(true),
  selfServiceUnlock: z.boolean().default(true),
  sms: z.boolean().default(true),
  call: z.boolean().default(true),
  email: z.boolean().default(true),
  questionRequired: z.boolean().default(true),
  tokenLifetimeMinutes: z.int().min(1).max(10_080).default(60),
});

/** A password policy: complexity, age, lockout and recovery settings. */
export const PasswordPolicyConfigSchema = z.strictObject({
  complexity: ComplexitySchema.prefault({}),
  age: AgeSchema.prefault({}),
  lockout: LockoutSchema.prefault({}),
  recovery: RecoverySchema.prefault({}),
});
/** A password policy as configured (all defaults filled in). */
export type PasswordPolicyConfig = z.output<typeof PasswordPolicyConfigSchema>;

/** Factor types the simulator can enroll and verify. */
export const SIM_FACTOR_TYPES = ['question', 'sms', 'call', 'email', 'token:software:totp', 'push', 'token', 'token:hardware', 'webauthn', 'u2f'] as const;
/** A factor type the simulator implements. */
export type SimFactorType = (typeof SIM_FACTOR_TYPES)[number];

/** A factor the enrollment policy names: a type and one of its providers (case-insensitive). */
export const PolicyFactorSchema = z
  .strictObject({
    factorType: z.enum(SIM_FACTOR_TYPES),
    provider: z
      .string()
      .min(1)
      .max(32)
      .transform((provider) => provider.toUpperCase()),
  })
  .superRefine((factor, context) => {
    const providers = kindOf(factor.factorType).providers;
    if (!providers.includes(factor.provider)) {
      context.addIssue({ code: 'custom', path: ['provider'], message: `${factor.factorType} is offered by ${providers.join(', ')}` });
    }
  });
/** A factor the enrollment policy names. */
export type PolicyFactor = z.output<typeof PolicyFactorSchema>;

/** True for Okta Verify's factors (TOTP and push, provider OKTA): one Okta Verify enrollment for the policy. */
export function isOktaVerify(factor: { factorType: string; provider: string }): boolean {
  return factor.provider === 'OKTA' && (factor.factorType === 'push' || factor.factorType === 'token:software:totp');
}

/** An `enroll` entry: a factor, or a bare factor type; problems are reported inside the form that was sent. */
const EnrollEntrySchema = z.custom<SimFactorType | z.input<typeof PolicyFactorSchema>>().transform((value, context): SimFactorType | PolicyFactor => {
  const result = typeof value === 'string' ? z.enum(SIM_FACTOR_TYPES).safeParse(value) : PolicyFactorSchema.safeParse(value);
  if (!result.success) {
    for (const issue of result.error.issues) context.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    return z.NEVER;
  }
  // A requirement nobody can enroll would hold the user in MFA_ENROLL for good.
  if ((typeof result.data === 'string' ? result.data : result.data.factorType) === 'u2f') {
    context.addIssue({ code: 'custom', message: 'U2F keys can no longer be enrolled: require webauthn instead' });
    return z.NEVER;
  }
  return result.data;
});

/**
 * Per-user sign-on and enrollment policy (`PUT /__sim/users/{id}/policy`). `enroll` lists the
 * factors whose enrollment is required: `{ factorType, provider }`, or a bare factor type (met
 * by any provider of it). `passwordless` is Okta Classic's factor sequencing: a primary auth
 * with the username alone lists the user's active factors, and the first one verified stands in
 * for the password.
 */
export const UserPolicySchema = z.strictObject({
  mfa: z.enum(['none', 'required']).default('none'),
  passwordless: z.boolean().default(false),
  enroll: z.array(EnrollEntrySchema).max(32).default([]),
  allowRememberDevice: z.boolean().default(false),
  rememberDeviceLifetimeInMinutes: z.int().min(0).max(525_600).default(15),
  numberChallenge: z.boolean().default(false),
});
/** A user's sign-on and enrollment policy. */
export type UserPolicy = z.output<typeof UserPolicySchema>;

/**
 * A user's policies as `GET`/`PUT /__sim/users/{id}/policy` show them: the sign-on and enrollment
 * policy, then the password policy in effect for the user (`password`, `lockout`, `recovery`).
 */
export const PolicyControlSchema = UserPolicySchema.extend({
  password: z.strictObject({ complexity: ComplexitySchema, age: AgeSchema }),
  lockout: LockoutSchema,
  recovery: RecoverySchema,
}).superRefine((policy, context) => {
  if (policy.password.age.expireWarnDays > 0 && policy.password.age.maxAgeDays === 0) {
    context.addIssue({
      code: 'custom',
      path: ['password', 'age', 'expireWarnDays'],
      message: 'needs password.age.maxAgeDays above 0: a password that never expires has no warning window',
    });
  }
});
/** A user's sign-on and password policies, as the dev control shows them. */
export type PolicyControl = z.output<typeof PolicyControlSchema>;

/** The dev control's view of a user's sign-on policy and the password policy that applies to them. */
export function policyControlView(policy: UserPolicy, passwordPolicy: PasswordPolicyConfig): PolicyControl {
  const { complexity, age, lockout, recovery } = passwordPolicy;
  return { ...policy, password: { complexity, age }, lockout, recovery };
}

/** Splits a dev-control policy into the sign-on policy and the password policy. */
export function splitPolicyControl(control: PolicyControl): { policy: UserPolicy; passwordPolicy: PasswordPolicyConfig } {
  const { password, lockout, recovery, ...policy } = control;
  return { policy, passwordPolicy: { complexity: password.complexity, age: password.age, lockout, recovery } };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Lays a JSON patch over a JSON value: objects merge key by key, anything else (arrays too)
 * replaces. Keys become own properties (`__proto__` included), so a patch cannot reach a prototype.
 */
export function mergePatch(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch === undefined ? base : patch;
  const keys = new Set([...Object.keys(base), ...Object.keys(patch)]);
  return Object.fromEntries([...keys].map((key) => [key, mergePatch(Object.hasOwn(base, key) ? base[key] : undefined, Object.hasOwn(patch, key) ? patch[key] : undefined)]));
}

/** What a password is checked against. */
export interface PasswordSubject {
  login: string;
  firstName?: string | null | undefined;
  lastName?: string | null | undefined;
}

const COMMON_PASSWORDS = new Set([
  'password', 'password1', 'password1!', 'passw0rd', 'p@ssw0rd', '123456', '12345678', '123456789', 'qwerty',
  'qwerty123', 'letmein', 'welcome', 'welcome1', 'iloveyou', 'admin', 'abc123', 'monkey', 'dragon', 'football',
  'baseball', 'sunshine', 'princess', 'trustno1', 'changeme', 'password123', 'password123!', 'secret',
]);

/** The parts of a login a password must not contain (Okta's username-exclusion rule). */
export function usernameParts(login: string): string[] {
  const lower = login.toLowerCase();
  const at = lower.indexOf('@');
  const local = at >= 0 ? lower.slice(0, at) : lower;
  const domain = at >= 0 ? lower.slice(at + 1) : '';
  const domainParts = domain.split('.');
  // The parent domain (e.g. "com") is ignored.
  domainParts.pop();
  const parts = [...local.split(/[,._#@-]/), ...domainParts.flatMap((part) => part.split(/[,._#@-]/))];
  return [lower, ...parts.filter((part) => part.length >= 4)];
}

/** Requirement phrases of a policy, in Okta's order and wording. */
export function requirementPhrases(policy: PasswordPolicyConfig): string[] {
  const c = policy.complexity;
  const phrases = [`at least ${c.minLength} characters`];
  if (c.minLowerCase > 0) phrases.push('a lowercase letter');
  if (c.minUpperCase > 0) phrases.push('an uppercase letter');
  if (c.minNumber > 0) phrases.push('a number');
  if (c.minSymbol > 0) phrases.push('a symbol');
  if (c.excludeUsername) phrases.push('no parts of your username');
  if (c.excludeAttributes.includes('firstName')) phrases.push('does not include your first name');
  if (c.excludeAttributes.includes('lastName')) phrases.push('does not include your last name');
  return phrases;
}

/** `Password requirements were not met. Password requirements: …` — the errorCauses text. */
export function requirementsNotMet(policy: PasswordPolicyConfig): string {
  return `Password requirements were not met. Password requirements: ${requirementPhrases(policy).join(', ')}.`;
}

/** True when the password satisfies the complexity rules (not history or age). */
export function meetsComplexity(policy: PasswordPolicyConfig, password: string, subject: PasswordSubject): boolean {
  const c = policy.complexity;
  if (password.length < c.minLength || password.length > 72) return false;
  if (c.minLowerCase > 0 && !/[a-z]/.test(password)) return false;
  if (c.minUpperCase > 0 && !/[A-Z]/.test(password)) return false;
  if (c.minNumber > 0 && !/[0-9]/.test(password)) return false;
  if (c.minSymbol > 0 && !/[^A-Za-z0-9]/.test(password)) return false;
  const lower = password.toLowerCase();
  if (c.excludeUsername && usernameParts(subject.login).some((part) => lower.includes(part))) return false;
  for (const attribute of c.excludeAttributes) {
    const value = subject[attribute]?.trim().toLowerCase();
    if (value && value.length > 0 && lower.includes(value)) return false;
  }
  if (c.dictionaryExcludeCommon && COMMON_PASSWORDS.has(lower)) return false;
  return true;
}

/** The policy object transactions embed in `PASSWORD_*` states (core's PasswordPolicy shape). */
export function embeddedPasswordPolicy(
  policy: PasswordPolicyConfig,
  expireDays?: number,
): PasswordPolicy {
  const c = policy.complexity;
  const embedded: PasswordPolicy = {
    complexity: {
      minLength: c.minLength,
      minLowerCase: c.minLowerCase,
      minUpperCase: c.minUpperCase,
      minNumber: c.minNumber,
      minSymbol: c.minSymbol,
      excludeUsername: c.excludeUsername,
      excludeAttributes: [...c.excludeAttributes],
      ...(c.dictionaryExcludeCommon ? { dictionary: { common: { exclude: true } } } : {}),
    },
    age: { minAgeMinutes: policy.age.minAgeMinutes, historyCount: policy.age.historyCount },
  };
  if (expireDays !== undefined) embedded.expiration = { passwordExpireDays: expireDays };
  return embedded;
}

/** When the password expires by age (epoch ms), or undefined when the policy sets no maximum age. */
export function passwordExpiresAt(policy: PasswordPolicyConfig, passwordChanged: number): number | undefined {
  return policy.age.maxAgeDays > 0 ? passwordChanged + policy.age.maxAgeDays * DAY : undefined;
}

/** Whole days left before expiry, when inside the warning window; otherwise undefined. */
export function warnDaysLeft(policy: PasswordPolicyConfig, passwordChanged: number, now: number): number | undefined {
  const expiresAt = passwordExpiresAt(policy, passwordChanged);
  if (expiresAt === undefined || policy.age.expireWarnDays <= 0 || now >= expiresAt) return undefined;
  if (now < expiresAt - policy.age.expireWarnDays * DAY) return undefined;
  return Math.ceil((expiresAt - now) / DAY);
}

/** True when the minimum password age forbids a change now. */
export function tooSoonToChange(policy: PasswordPolicyConfig, passwordChanged: number, now: number): boolean {
  return policy.age.minAgeMinutes > 0 && now < passwordChanged + policy.age.minAgeMinutes * MINUTE;
}

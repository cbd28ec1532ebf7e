import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { SimContext } from './context.js';
import { OktaHttpError } from './errors.js';
import { kindOf } from './factors/index.js';
import { completeActivation } from './factors/push.js';
import { seededFidoProfile } from './factors/fido.js';
import { tokenSecret } from './factors/token.js';
import { PasswordPolicyConfigSchema, SIM_FACTOR_TYPES, UserPolicySchema } from './policy.js';
import { SharingHasher, normalizeAnswer } from './secrets.js';
import { CreateUserProfileSchema, createUser } from './users.js';
import { newFactor } from './factors/kind.js';
import { newOpaqueToken } from './ids.js';

const SeedFactorSchema = z.strictObject({
  factorType: z.enum(SIM_FACTOR_TYPES),
  provider: z.string().min(1).max(32).optional(),
  /** sms/call: phone number; email: address (defaults to the primary email). */
  phoneNumber: z.string().max(32).optional(),
  email: z.email().optional(),
  /** question: built-in question key and answer. */
  question: z.string().max(100).optional(),
  answer: z.string().min(4).max(100).optional(),
  /** totp: base32 shared secret (so it can be typed into an authenticator app). */
  sharedSecret: z.string().regex(/^[A-Z2-7]{16,64}$/, 'must be base32 (A-Z, 2-7), 16-64 characters').optional(),
  /** token / token:hardware: serial or YubiKey public id (12 modhex characters); webauthn / u2f: credential id (key handle), base64url. */
  credentialId: z.string().min(1).max(1400).optional(),
  /** webauthn / u2f: the credential's COSE public key, base64url (ES256 or RS256). */
  publicKey: z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be base64url').max(2000).optional(),
  /** webauthn / u2f: the authenticator's signature counter so far. */
  signCount: z.int().min(0).max(4_294_967_295).default(0),
  /** webauthn: the name shown for the authenticator. */
  authenticatorName: z.string().trim().min(1).max(50).optional(),
  /** u2f: the origin the key was registered on (its U2F appId). */
  appId: z.url().optional(),
});

const SeedUserSchema = z.strictObject({
  profile: CreateUserProfileSchema,
  password: z.string().min(1).max(72),
  recoveryQuestion: z.strictObject({ question: z.string().min(1).max(100), answer: z.string().min(1).max(100) }).optional(),
  /** Start with the password expired (as after `expire_password`). */
  passwordExpired: z.boolean().default(false),
  /** How many days ago the password was set (for expiry warnings). */
  passwordAgeDays: z.number().min(0).max(3650).default(0),
  passwordPolicy: z.string().min(1).max(64).default('default'),
  policy: UserPolicySchema.prefault({}),
  factors: z.array(SeedFactorSchema).max(20).default([]),
  /** Start locked out. */
  lockedOut: z.boolean().default(false),
});

/** A seed file: password policies by name (`default` always exists) and users with their factors. */
export const SeedSchema = z.strictObject({
  passwordPolicies: z.record(z.string().min(1).max(64), PasswordPolicyConfigSchema).default({}),
  users: z.array(SeedUserSchema).max(10_000).default([]),
});
/** A seed as written (before defaults). */
export type SeedInput = z.input<typeof SeedSchema>;
/** A validated seed. */
export type Seed = z.output<typeof SeedSchema>;

/** A seed that does not validate; the message names each bad path. */
export class SeedError extends TypeError {
  /** One entry per problem: `users.2.profile.email: Invalid email address`. */
  readonly problems: string[];
  constructor(source: string, problems: string[]) {
    super(`Invalid seed (${source}):\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'SeedError';
    this.problems = problems;
  }
}

/** Validates a seed object; throws {@link SeedError} naming every bad path. */
export function parseSeed(input: unknown, source = 'seed'): Seed {
  const result = SeedSchema.safeParse(input);
  if (!result.success) {
    throw new SeedError(
      source,
      result.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`),
    );
  }
  const logins = new Set<string>();
  for (const [index, user] of result.data.users.entries()) {
    const login = user.profile.login.toLowerCase();
    if (logins.has(login)) throw new SeedError(source, [`users.${index}.profile.login: duplicate login '${user.profile.login}'`]);
    logins.add(login);
    if (user.passwordPolicy !== 'default' && !(user.passwordPolicy in result.data.passwordPolicies)) {
      throw new SeedError(source, [`users.${index}.passwordPolicy: unknown password policy '${user.passwordPolicy}'`]);
    }
  }
  return result.data;
}

/** Reads and validates a JSON seed file. */
export async function readSeedFile(path: string): Promise<Seed> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new SeedError(path, [`cannot read the file: ${(error as Error).message}`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SeedError(path, [`not valid JSON: ${(error as Error).message}`]);
  }
  return parseSeed(json, path);
}

/** Loads policies, users and factors into the store. */
export async function applySeed(orgContext: SimContext, seed: Seed): Promise<void> {
  // Seed users who share a password or answer share its hash: one scrypt run per distinct secret.
  const ctx: SimContext = { ...orgContext, secrets: new SharingHasher(orgContext.secrets.cost) };
  ctx.store.passwordPolicies.set('default', seed.passwordPolicies.default ?? PasswordPolicyConfigSchema.parse({}));
  for (const [name, policy] of Object.entries(seed.passwordPolicies)) ctx.store.passwordPolicies.set(name, policy);
  await Promise.all(
    seed.users.map(async (entry, index) => {
      const where = `users.${index}`;
      let user;
      try {
        user = await createUser(
          ctx,
          {
            profile: entry.profile,
            credentials: { password: { value: entry.password }, ...(entry.recoveryQuestion ? { recovery_question: entry.recoveryQuestion } : {}) },
          },
          { activate: true, expirePassword: entry.passwordExpired, policy: entry.policy, passwordPolicyName: entry.passwordPolicy, passwordAgeDays: entry.passwordAgeDays },
        );
      } catch (error) {
        if (error instanceof OktaHttpError) throw new SeedError('seed', [`${where}: ${[error.message, ...error.causes].join(' ')}`]);
        throw error;
      }
      if (entry.lockedOut) {
        user.status = 'LOCKED_OUT';
        user.lockedAt = ctx.clock.now();
      }
      for (const [factorIndex, spec] of entry.factors.entries()) {
        const kind = kindOf(spec.factorType);
        const provider = spec.provider ?? kind.providers[0] ?? 'OKTA';
        const path = `${where}.factors.${factorIndex}`;
        if (!kind.providers.includes(provider)) throw new SeedError('seed', [`${path}.provider: ${spec.factorType} supports ${kind.providers.join(', ')}`]);
        const factor = newFactor(ctx, user, kind, provider, {}, 'ACTIVE');
        switch (spec.factorType) {
          case 'sms':
          case 'call': {
            const phone = spec.phoneNumber ?? user.profile.mobilePhone;
            if (!phone) throw new SeedError('seed', [`${path}.phoneNumber: required (or profile.mobilePhone)`]);
            factor.profile = { phoneNumber: phone.replace(/[\s().-]/g, '') };
            break;
          }
          case 'email':
            factor.profile = { email: spec.email ?? user.profile.email };
            break;
          case 'question':
            if (!spec.question || !spec.answer) throw new SeedError('seed', [`${path}: question and answer are required`]);
            factor.profile = { question: spec.question };
            factor.answerHash = await ctx.secrets.hash(normalizeAnswer(spec.answer));
            break;
          case 'token:software:totp':
            factor.profile = { credentialId: user.profile.login };
            factor.secret = spec.sharedSecret ?? null;
            if (!factor.secret) throw new SeedError('seed', [`${path}.sharedSecret: required for token:software:totp`]);
            break;
          case 'token':
            factor.profile = { credentialId: spec.credentialId ?? user.profile.login };
            factor.secret = tokenSecret(ctx, provider, String(factor.profile.credentialId));
            break;
          case 'token:hardware':
            if (!spec.credentialId || !/^[cbdefghijklnrtuv]{12}$/.test(spec.credentialId)) {
              throw new SeedError('seed', [`${path}.credentialId: a YubiKey public id is 12 modhex characters (cbdefghijklnrtuv)`]);
            }
            factor.profile = { credentialId: spec.credentialId };
            factor.lastUsedCounter = 0;
            break;
          case 'webauthn':
          case 'u2f':
            factor.profile = await seededFidoProfile(spec, (field, problem) => {
              throw new SeedError('seed', [`${path}.${field}: ${problem}`]);
            });
            factor.secret = spec.publicKey ?? null;
            factor.lastUsedCounter = spec.signCount;
            break;
          case 'push':
            factor.qrToken = newOpaqueToken();
            completeActivation(ctx, factor, user);
            break;
        }
        ctx.store.factors.set(factor.id, factor);
      }
    }),
  );
}

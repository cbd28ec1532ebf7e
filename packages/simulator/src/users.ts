import { z } from 'zod';
import type { SimContext } from './context.js';
import { DAY, iso } from './clock.js';
import { deliver } from './factors/delivery.js';
import { oktaErrors } from './errors.js';
import { newRecoveryToken, oktaId } from './ids.js';
import { links } from './users-links.js';
import { meetsComplexity, requirementsNotMet, UserPolicySchema } from './policy.js';
import type { UserPolicy } from './policy.js';
import { normalizeAnswer } from './secrets.js';
import type { UserProfile, UserRecord } from './store.js';

/** Profile of a user to create (Users API). */
export const CreateUserProfileSchema = z
  .object({
    login: z.string().min(5).max(100),
    email: z.email().max(100),
    firstName: z.string().min(1).max(50),
    lastName: z.string().min(1).max(50),
    mobilePhone: z.string().max(100).nullable().optional(),
    secondEmail: z.email().max(100).nullable().optional(),
    locale: z.string().max(20).optional(),
    timezone: z.string().max(64).optional(),
  })
  .catchall(z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]));

/** Body of `POST /api/v1/users`. */
export const CreateUserSchema = z.object({
  profile: CreateUserProfileSchema,
  credentials: z
    .object({
      password: z.object({ value: z.string().min(1).max(72) }).optional(),
      recovery_question: z
        .object({ question: z.string().min(1).max(100), answer: z.string().min(1).max(100) })
        .optional(),
    })
    .optional(),
  groupIds: z.array(z.string().max(64)).max(100).optional(),
});
/** What creating a user takes. */
export type CreateUserInput = z.output<typeof CreateUserSchema>;

/** Creates a user (validating the password against its policy); 400 E0000001 on a duplicate login or weak password. */
export async function createUser(
  ctx: SimContext,
  input: CreateUserInput,
  options: { activate: boolean; expirePassword?: boolean; policy?: UserPolicy; passwordPolicyName?: string; passwordAgeDays?: number },
): Promise<UserRecord> {
  const login = input.profile.login;
  const loginTaken = () => oktaErrors.validation('login', ['login: An object with this field already exists in the current organization']);
  if (ctx.store.users.loginTaken(login)) throw loginTaken();
  const passwordPolicyName = options.passwordPolicyName ?? 'default';
  if (!ctx.store.passwordPolicies.has(passwordPolicyName)) {
    throw oktaErrors.validation('passwordPolicy', [`Unknown password policy '${passwordPolicyName}'.`]);
  }
  const profile: UserProfile = { ...input.profile, locale: input.profile.locale ?? 'en_US', timezone: input.profile.timezone ?? 'America/Los_Angeles' };
  const password = input.credentials?.password?.value;
  const policy = ctx.store.passwordPolicies.get(passwordPolicyName);
  if (password !== undefined && policy && !meetsComplexity(policy, password, profile)) {
    throw oktaErrors.validation('password', [`password: ${requirementsNotMet(policy)}`]);
  }
  const question = input.credentials?.recovery_question;
  const passwordHash = password === undefined ? null : await ctx.secrets.hash(password);
  const answerHash = question ? await ctx.secrets.hash(normalizeAnswer(question.answer)) : null;
  // A realistic hash cost hashes off the event loop: another request may have taken the login meanwhile.
  if (ctx.store.users.loginTaken(login)) throw loginTaken();
  const now = ctx.clock.now();
  const status = !options.activate ? 'STAGED' : password === undefined ? 'PROVISIONED' : options.expirePassword ? 'PASSWORD_EXPIRED' : 'ACTIVE';
  const passwordChanged = password === undefined ? null : now - (options.passwordAgeDays ?? 0) * DAY;
  const user: UserRecord = {
    id: oktaId('00u'),
    status,
    created: now,
    activated: options.activate ? now : null,
    statusChanged: options.activate ? now : null,
    lastLogin: null,
    lastUpdated: now,
    passwordChanged,
    profile,
    passwordHash,
    passwordHistory: [],
    passwordExpired: options.expirePassword === true,
    recoveryQuestion: question && answerHash !== null ? { question: question.question, answerHash } : null,
    failedPasswordAttempts: 0,
    failedFactorAttempts: 0,
    lockedAt: null,
    policy: options.policy ?? UserPolicySchema.parse({}),
    passwordPolicyName,
    ownPasswordPolicy: null,
    rememberedDevices: new Map(),
    autoPush: new Map(),
  };
  ctx.store.users.set(user.id, user);
  return user;
}

/** The Users API's `credentials` object of a user (secrets write-only; the provider is always OKTA). */
export function renderCredentials(user: UserRecord): Record<string, unknown> {
  return {
    ...(user.passwordHash ? { password: {} } : {}),
    ...(user.recoveryQuestion ? { recovery_question: { question: user.recoveryQuestion.question } } : {}),
    provider: { type: 'OKTA', name: 'OKTA' },
  };
}

/**
 * A user as the Users API shows it (secrets write-only). In a collection (list users) its
 * `_links` hold only `self`, as Okta's do.
 */
export function renderUser(origin: string, user: UserRecord, options: { collection?: boolean } = {}): Record<string, unknown> {
  const emails = [{ value: user.profile.email, status: 'VERIFIED', type: 'PRIMARY' }];
  if (user.profile.secondEmail) emails.push({ value: user.profile.secondEmail, status: 'VERIFIED', type: 'SECONDARY' });
  return {
    id: user.id,
    status: user.status,
    created: iso(user.created),
    activated: user.activated === null ? null : iso(user.activated),
    statusChanged: user.statusChanged === null ? null : iso(user.statusChanged),
    lastLogin: user.lastLogin === null ? null : iso(user.lastLogin),
    lastUpdated: iso(user.lastUpdated),
    passwordChanged: user.passwordChanged === null ? null : iso(user.passwordChanged),
    profile: { secondEmail: null, mobilePhone: null, ...user.profile },
    credentials: { ...renderCredentials(user), emails },
    _links: options.collection === true ? { self: links(origin, user).self } : links(origin, user),
  };
}

/** How long a user-activation token stays valid (Okta's default activation-email lifetime: 7 days). */
export const ACTIVATION_TOKEN_LIFETIME_MS = 7 * DAY;

/** What `lifecycle/activate` (and `reactivate`) answer with `sendEmail=false`. */
export interface ActivationLink {
  activationUrl: string;
  activationToken: string;
}

/**
 * Issues a fresh single-use activation token for `user` (earlier ones stop working) and, when
 * `sendEmail`, mails the activation link to the user's primary address (the outbox).
 */
export function issueActivationToken(ctx: SimContext, origin: string, user: UserRecord, sendEmail: boolean): ActivationLink {
  for (const [token, record] of ctx.store.activationTokens) if (record.userId === user.id) ctx.store.activationTokens.delete(token);
  const activationToken = newRecoveryToken();
  ctx.store.activationTokens.set(activationToken, { userId: user.id, expiresAt: ctx.clock.now() + ACTIVATION_TOKEN_LIFETIME_MS, used: false });
  const activationUrl = `${origin}/welcome/${activationToken}`;
  if (sendEmail) {
    deliver(ctx, 'email', user.profile.email, `Welcome, ${user.profile.firstName}! Activate your account: ${activationUrl}`, activationToken);
  }
  return { activationUrl, activationToken };
}

/** Activates a STAGED user: ACTIVE when it has a password, else PROVISIONED (it sets one with the token). */
export function activateUser(ctx: SimContext, user: UserRecord): void {
  const now = ctx.clock.now();
  user.status = user.passwordHash === null ? 'PROVISIONED' : user.passwordExpired ? 'PASSWORD_EXPIRED' : 'ACTIVE';
  user.activated = now;
  user.statusChanged = now;
  user.lastUpdated = now;
}

import type { Request } from 'express';
import { z } from 'zod';
import { MINUTE } from './clock.js';
import type { SimContext } from './context.js';
import { oktaErrors } from './errors.js';
import type { OktaHttpError } from './errors.js';
import { deliver } from './factors/delivery.js';
import { param, parseBody, parseQuery, requireApiToken, sendJson } from './http.js';
import { newRecoveryToken } from './ids.js';
import { assertAcceptablePassword, commitPassword } from './passwords.js';
import type { RouteTable } from './router.js';
import { normalizeAnswer } from './secrets.js';
import type { UserRecord, UserStatus } from './store.js';
import { renderCredentials } from './users.js';

const booleanQuery = z.enum(['true', 'false']).optional();
const PasswordValueSchema = z.strictObject({ value: z.string().min(1).max(72) });
const RecoveryQuestionSchema = z.strictObject({ question: z.string().min(1).max(100), answer: z.string().min(1).max(100) });
const ChangePasswordSchema = z.strictObject({ oldPassword: PasswordValueSchema, newPassword: PasswordValueSchema, revokeSessions: z.boolean().optional() });
const ChangeRecoveryQuestionSchema = z.strictObject({ password: PasswordValueSchema, recovery_question: RecoveryQuestionSchema });
const ForgotPasswordSchema = z.strictObject({
  password: PasswordValueSchema.optional(),
  recovery_question: z.strictObject({ answer: z.string().min(1).max(100) }).optional(),
});

/** 403 E0000038 unless the user's status is one of `allowed`. */
function requireStatus(user: UserRecord, ...allowed: UserStatus[]): void {
  if (!allowed.includes(user.status)) throw oktaErrors.lifecycleNotAllowed();
}

function setStatus(ctx: SimContext, user: UserRecord, status: UserStatus): void {
  const now = ctx.clock.now();
  user.status = status;
  user.statusChanged = now;
  user.lastUpdated = now;
}

/** A password the policy refuses through the Users API: 400 E0000001 `Api validation failed: password`. */
const passwordRefused = (cause: string): OktaHttpError => oktaErrors.validation('password', [`password: ${cause}`]);

/** 403 E0000014 when `password` is not the user's current password (`field` names it in the cause). */
async function assertCurrentPassword(ctx: SimContext, user: UserRecord, password: string, field: string): Promise<void> {
  if (!(await ctx.secrets.verify(password, user.passwordHash))) {
    throw oktaErrors.updateCredentialsFailed(`${field}: The credentials provided were incorrect.`);
  }
}

/**
 * A one-time password-reset token for the user, usable with `POST /api/v1/authn/recovery/token`
 * (it lives as long as the password policy's recovery tokens). With `sendEmail` the link is
 * mailed to the user and the answer is `{}`; otherwise the answer carries the link.
 */
function issueResetLink(ctx: SimContext, req: Request, user: UserRecord, path: string, sendEmail: boolean): Record<string, string> {
  const recoveryToken = newRecoveryToken();
  const lifetime = ctx.store.passwordPolicyOf(user).recovery.tokenLifetimeMinutes * MINUTE;
  ctx.store.recoveryTokens.set(recoveryToken, { userId: user.id, recoveryType: 'PASSWORD', expiresAt: ctx.clock.now() + lifetime, used: false, relayState: null });
  const resetPasswordUrl = `${ctx.origin(req)}/${path}/${recoveryToken}`;
  if (!sendEmail) return { resetPasswordUrl };
  deliver(ctx, 'email', user.profile.email, `A password reset was requested for your account. Follow this link to choose a new password: ${resetPasswordUrl}`, recoveryToken);
  return {};
}

/**
 * The Users API's lifecycle and credential operations a user's `_links` publish: deactivate,
 * reset_password, forgot_password (a reset link, or a new password with the recovery answer),
 * change_password, change_recovery_question, and deleting a deactivated user.
 */
export function registerUserLifecycleRoutes(ctx: SimContext, routes: RouteTable): void {
  const admin = (req: Request): UserRecord => {
    requireApiToken(ctx, req);
    const id = param(req, 'userId');
    const user = ctx.store.findUser(id);
    if (!user) throw oktaErrors.notFound(`${id} (User)`);
    return user;
  };

  /** Ends what the user could still use: sessions, live transactions, unused tokens. */
  const cutOff = (user: UserRecord): void => {
    ctx.store.revokeSessions(user.id);
    for (const tx of ctx.store.liveTransactionsOf(user.id, ctx.clock.now())) ctx.store.dropTransaction(tx.stateToken);
    for (const tokens of [ctx.store.sessionTokens, ctx.store.recoveryTokens, ctx.store.activationTokens]) {
      for (const [token, record] of tokens) if (record.userId === user.id) tokens.delete(token);
    }
  };

  routes.add('post', '/api/v1/users/:userId/lifecycle/deactivate', (req, res) => {
    const user = admin(req);
    parseQuery(z.object({ sendEmail: booleanQuery }), req);
    if (user.status === 'DEPROVISIONED') throw oktaErrors.lifecycleNotAllowed();
    setStatus(ctx, user, 'DEPROVISIONED');
    user.lockedAt = null;
    cutOff(user);
    sendJson(res, 200, {});
  });

  routes.add('delete', '/api/v1/users/:userId', (req, res) => {
    const user = admin(req);
    parseQuery(z.object({ sendEmail: booleanQuery }), req);
    // The first delete deactivates; deleting a deactivated user removes it for good.
    if (user.status === 'DEPROVISIONED') {
      ctx.store.deleteUser(user.id);
    } else {
      setStatus(ctx, user, 'DEPROVISIONED');
      cutOff(user);
    }
    res.status(204).end();
  });

  routes.add('post', '/api/v1/users/:userId/lifecycle/reset_password', (req, res) => {
    const user = admin(req);
    const query = parseQuery(z.object({ sendEmail: booleanQuery, revokeSessions: booleanQuery }), req);
    requireStatus(user, 'ACTIVE', 'PASSWORD_EXPIRED', 'LOCKED_OUT', 'RECOVERY');
    // The user is in RECOVERY until the reset is done: no sign-in, no self-service recovery meanwhile.
    setStatus(ctx, user, 'RECOVERY');
    if (query.revokeSessions === 'true') ctx.store.revokeSessions(user.id);
    sendJson(res, 200, issueResetLink(ctx, req, user, 'reset_password', query.sendEmail !== 'false'));
  });

  routes.add('post', '/api/v1/users/:userId/credentials/forgot_password', async (req, res) => {
    const user = admin(req);
    const query = parseQuery(z.object({ sendEmail: booleanQuery }), req);
    const body = parseBody(ForgotPasswordSchema, req, 'credentials');
    requireStatus(user, 'ACTIVE');
    // Both forms need a recovery question: the link's page asks it, the direct form checks it.
    if (!user.recoveryQuestion) throw oktaErrors.forgotPasswordNotAllowed();
    if (body.password === undefined && body.recovery_question === undefined) {
      sendJson(res, 200, issueResetLink(ctx, req, user, 'signin/reset-password', query.sendEmail !== 'false'));
      return;
    }
    if (!body.password || !body.recovery_question) {
      throw oktaErrors.validation('credentials', [body.password ? 'recovery_question: Required' : 'password: Required']);
    }
    if (!(await ctx.secrets.verify(normalizeAnswer(body.recovery_question.answer), user.recoveryQuestion.answerHash))) {
      throw oktaErrors.recoveryAnswer();
    }
    await assertAcceptablePassword(ctx, user, body.password.value, { checkMinAge: false }, passwordRefused);
    await commitPassword(ctx, user, body.password.value);
    user.failedPasswordAttempts = 0;
    sendJson(res, 200, renderCredentials(user));
  });

  routes.add('post', '/api/v1/users/:userId/credentials/change_password', async (req, res) => {
    const user = admin(req);
    const query = parseQuery(z.object({ strict: booleanQuery }), req);
    const body = parseBody(ChangePasswordSchema, req, 'credentials');
    requireStatus(user, 'STAGED', 'ACTIVE', 'PASSWORD_EXPIRED', 'RECOVERY');
    if (user.passwordHash === null) throw oktaErrors.lifecycleNotAllowed();
    await assertCurrentPassword(ctx, user, body.oldPassword.value, 'oldPassword');
    await assertAcceptablePassword(ctx, user, body.newPassword.value, { checkMinAge: query.strict === 'true' }, passwordRefused);
    await commitPassword(ctx, user, body.newPassword.value);
    // A reset in progress is finished by the change; its links stop working.
    if (user.status === 'RECOVERY') {
      setStatus(ctx, user, 'ACTIVE');
      for (const [token, record] of ctx.store.recoveryTokens) if (record.userId === user.id) ctx.store.recoveryTokens.delete(token);
    }
    if (body.revokeSessions === true) ctx.store.revokeSessions(user.id);
    sendJson(res, 200, renderCredentials(user));
  });

  routes.add('post', '/api/v1/users/:userId/credentials/change_recovery_question', async (req, res) => {
    const user = admin(req);
    const body = parseBody(ChangeRecoveryQuestionSchema, req, 'credentials');
    requireStatus(user, 'STAGED', 'ACTIVE', 'RECOVERY');
    if (user.passwordHash === null) throw oktaErrors.lifecycleNotAllowed();
    await assertCurrentPassword(ctx, user, body.password.value, 'password');
    user.recoveryQuestion = { question: body.recovery_question.question, answerHash: await ctx.secrets.hash(normalizeAnswer(body.recovery_question.answer)) };
    user.lastUpdated = ctx.clock.now();
    sendJson(res, 200, renderCredentials(user));
  });
}

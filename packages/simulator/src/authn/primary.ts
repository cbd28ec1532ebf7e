import type { Request, Response } from 'express';
import type { TransactionBody } from '@okta-authn/core';
import { z } from 'zod';
import type { SimContext } from '../context.js';
import { oktaErrors } from '../errors.js';
import { isTrustedCall, parseBody, sendJson } from '../http.js';
import { assertAcceptablePassword, commitPassword } from '../passwords.js';
import { takeUsername } from '../rate-limit.js';
import type { RouteTable } from '../router.js';
import type { TransactionRecord } from '../store.js';
import { canSkipEnroll, renderTransaction } from './render.js';
import {
  advance,
  awaitingFirstFactor,
  createTransaction,
  deviceKeyFor,
  endTransaction,
  lockUser,
  lockedOutBody,
  loadTransaction,
  openTransaction,
  refreshLock,
  requireStatus,
  rotate,
} from './transaction.js';

const stateTokenField = z.string().min(1).max(512);
const passwordField = z.string().max(1024);

const PrimaryAuthSchema = z.object({
  username: z.string().min(1).max(256).optional(),
  password: passwordField.optional(),
  token: z.string().min(1).max(512).optional(),
  stateToken: stateTokenField.optional(),
  relayState: z.string().max(2048).nullable().optional(),
  audience: z.string().max(256).optional(),
  options: z
    .object({
      multiOptionalFactorEnroll: z.boolean().nullable().optional(),
      warnBeforePasswordExpired: z.boolean().nullable().optional(),
    })
    .nullable()
    .optional(),
  context: z.object({ deviceToken: z.string().max(32).regex(/^[^-]*$/, 'must not contain hyphens').optional() }).nullable().optional(),
});

type PrimaryAuth = z.output<typeof PrimaryAuthSchema>;

const StateTokenSchema = z.object({ stateToken: stateTokenField });
const CancelSchema = z.object({ stateToken: stateTokenField.optional() });
const ChangePasswordSchema = z.object({
  stateToken: stateTokenField,
  oldPassword: passwordField,
  newPassword: passwordField,
  revokeSessions: z.boolean().optional(),
});
const ResetPasswordSchema = z.object({ stateToken: stateTokenField, newPassword: passwordField, revokeSessions: z.boolean().optional() });

/** Primary authentication, get-state, cancel, previous, skip, change and reset password. */
export function registerPrimaryRoutes(ctx: SimContext, routes: RouteTable): void {
  /**
   * Checks username and password and answers the follow-up state: a new transaction, or
   * (SP-initiated step-up) the `UNAUTHENTICATED` transaction `stepUp` moving on.
   */
  const authenticate = async (req: Request, res: Response, body: PrimaryAuth, trusted: boolean, stepUp?: TransactionRecord): Promise<void> => {
    const origin = ctx.origin(req);
    const username = body.username ?? '';
    const password = body.password ?? '';
    takeUsername(ctx.rateLimiter, username);
    const user = ctx.store.findUser(username);
    if (!user || !['ACTIVE', 'LOCKED_OUT', 'PASSWORD_EXPIRED'].includes(user.status)) {
      await ctx.secrets.verify(password, null);
      throw oktaErrors.authenticationFailed();
    }
    refreshLock(ctx, user);
    const policy = ctx.store.passwordPolicyOf(user);
    if (user.status === 'LOCKED_OUT') {
      await ctx.secrets.verify(password, null);
      if (policy.lockout.showLockoutFailures) {
        sendJson(res, 200, lockedOutBody(ctx, origin, user));
        return;
      }
      throw oktaErrors.authenticationFailed();
    }
    if (!(await ctx.secrets.verify(password, user.passwordHash))) {
      user.failedPasswordAttempts += 1;
      if (policy.lockout.maxAttempts > 0 && user.failedPasswordAttempts >= policy.lockout.maxAttempts) {
        lockUser(ctx, user);
        if (policy.lockout.showLockoutFailures) {
          sendJson(res, 200, lockedOutBody(ctx, origin, user));
          return;
        }
      }
      throw oktaErrors.authenticationFailed();
    }
    user.failedPasswordAttempts = 0;
    const fields = {
      userId: user.id,
      relayState: body.relayState ?? stepUp?.relayState ?? null,
      multiOptionalFactorEnroll: body.options?.multiOptionalFactorEnroll === true,
      warnBeforePasswordExpired: body.options?.warnBeforePasswordExpired === true,
      deviceKey: deviceKeyFor(req, res, body.context?.deviceToken, trusted),
      passwordVerifiedAt: ctx.clock.now(),
      amr: new Set(['pwd']),
      passwordless: false,
    };
    // A step-up keeps its stateToken (and type, target) through to its SUCCESS.
    const tx = stepUp ? Object.assign(stepUp, fields) : createTransaction(ctx, fields);
    ctx.store.indexTransaction(tx);
    sendJson(res, 200, advance(ctx, origin, tx, user));
  };

  /**
   * Primary authentication with the username alone (Okta Classic's factor sequencing): when the
   * user's policy allows it and the user has an active factor, `UNAUTHENTICATED` lists the factors
   * to verify; the first one verified authenticates. Otherwise 401 E0000004, as for a wrong
   * password (an unknown user, a policy without it, no factor), or `LOCKED_OUT` when the policy
   * shows lockout failures.
   */
  const identify = (req: Request, res: Response, body: PrimaryAuth, trusted: boolean, stepUp?: TransactionRecord): void => {
    const origin = ctx.origin(req);
    takeUsername(ctx.rateLimiter, body.username ?? '');
    const user = ctx.store.findUser(body.username ?? '');
    if (!user || !['ACTIVE', 'LOCKED_OUT', 'PASSWORD_EXPIRED'].includes(user.status)) throw oktaErrors.authenticationFailed();
    refreshLock(ctx, user);
    if (user.status === 'LOCKED_OUT') {
      if (ctx.store.passwordPolicyOf(user).lockout.showLockoutFailures) {
        sendJson(res, 200, lockedOutBody(ctx, origin, user));
        return;
      }
      throw oktaErrors.authenticationFailed();
    }
    if (!user.policy.passwordless || ctx.store.activeFactorsOf(user.id).length === 0) throw oktaErrors.authenticationFailed();
    const fields = {
      status: 'UNAUTHENTICATED' as const,
      userId: user.id,
      relayState: body.relayState ?? stepUp?.relayState ?? null,
      multiOptionalFactorEnroll: body.options?.multiOptionalFactorEnroll === true,
      warnBeforePasswordExpired: body.options?.warnBeforePasswordExpired === true,
      deviceKey: deviceKeyFor(req, res, body.context?.deviceToken, trusted),
      passwordVerifiedAt: null,
      amr: new Set<string>(),
      flags: { mfaSatisfied: false, enrollDone: false, warnHandled: false },
      passwordless: true,
    };
    const tx = stepUp ? Object.assign(stepUp, fields) : createTransaction(ctx, fields);
    ctx.store.indexTransaction(tx);
    sendJson(res, 200, renderTransaction(ctx, origin, tx));
  };

  /**
   * Primary authentication with a user-activation token (§3.1): a user without a password must
   * set one (`PASSWORD_RESET`, `ACCOUNT_ACTIVATION`); a user with one is signed in. The token is
   * single-use; unknown, used or expired → 401 E0000004.
   */
  const activate = (req: Request, res: Response, body: PrimaryAuth, trusted: boolean, token: string): TransactionBody => {
    const record = ctx.store.activationTokens.get(token);
    const user = record ? ctx.store.users.get(record.userId) : undefined;
    const usable = ['PROVISIONED', 'ACTIVE', 'PASSWORD_EXPIRED'];
    if (!record || !user || record.used || ctx.clock.now() >= record.expiresAt || !usable.includes(user.status)) {
      throw oktaErrors.authenticationFailed();
    }
    record.used = true;
    const origin = ctx.origin(req);
    const fields = {
      userId: user.id,
      relayState: body.relayState ?? null,
      multiOptionalFactorEnroll: body.options?.multiOptionalFactorEnroll === true,
      warnBeforePasswordExpired: body.options?.warnBeforePasswordExpired === true,
      deviceKey: deviceKeyFor(req, res, body.context?.deviceToken, trusted),
    };
    if (user.passwordHash === null) {
      const tx = createTransaction(ctx, { ...fields, status: 'PASSWORD_RESET', recoveryType: 'ACCOUNT_ACTIVATION' });
      return renderTransaction(ctx, origin, tx);
    }
    return advance(ctx, origin, createTransaction(ctx, fields), user);
  };

  routes.add('post', '/api/v1/authn', async (req: Request, res: Response) => {
    const trusted = isTrustedCall(ctx, req);
    const body = parseBody(PrimaryAuthSchema, req, 'authRequest');
    const origin = ctx.origin(req);
    if (body.audience !== undefined) {
      throw oktaErrors.validation('authRequest', [`Invalid or unknown audience '${body.audience}'.`]);
    }
    const credentials = body.username !== undefined || body.password !== undefined;
    if (body.token !== undefined && (credentials || body.stateToken !== undefined)) {
      throw oktaErrors.validation('authRequest', ['Send an activation token alone, without username, password or stateToken.']);
    }
    if (body.stateToken !== undefined) {
      const tx = loadTransaction(ctx, body.stateToken);
      if (!credentials) {
        // Get-state (resume, or the first look at a step-up transaction).
        sendJson(res, 200, renderTransaction(ctx, origin, tx));
        return;
      }
      // Only an SP-initiated step-up (UNAUTHENTICATED) takes credentials with a stateToken.
      if (tx.status !== 'UNAUTHENTICATED' || tx.stepUp === null) throw oktaErrors.illegalState();
      if (body.username === undefined) throw oktaErrors.validation('authRequest', ['username is required to authenticate.']);
      if (body.password === undefined) identify(req, res, body, trusted, tx);
      else await authenticate(req, res, body, trusted, tx);
      return;
    }
    if (body.token !== undefined) {
      sendJson(res, 200, activate(req, res, body, trusted, body.token));
      return;
    }
    if (body.username === undefined) {
      throw oktaErrors.validation('authRequest', ['username is required (with a password, or alone where the policy allows passwordless sign-in), or a stateToken, or an activation token.']);
    }
    if (body.password === undefined) identify(req, res, body, trusted);
    else await authenticate(req, res, body, trusted);
  });

  routes.add('post', '/api/v1/authn/introspect', (req, res) => {
    const body = parseBody(StateTokenSchema, req, 'stateToken');
    sendJson(res, 200, renderTransaction(ctx, ctx.origin(req), loadTransaction(ctx, body.stateToken)));
  });

  routes.add('post', '/api/v1/authn/cancel', (req, res) => {
    const body = parseBody(CancelSchema, req, 'stateToken');
    if (body.stateToken === undefined) {
      sendJson(res, 200, {});
      return;
    }
    const tx = loadTransaction(ctx, body.stateToken);
    // A step-up publishes no cancel link before authentication nor at its SUCCESS.
    if ((tx.status === 'UNAUTHENTICATED' && tx.stepUp !== null) || tx.status === 'SUCCESS') throw oktaErrors.illegalState();
    endTransaction(ctx, tx);
    if (tx.status === 'MFA_ENROLL_ACTIVATE' && tx.factorId !== null) {
      const factor = ctx.store.factors.get(tx.factorId);
      if (factor?.status === 'PENDING_ACTIVATION') ctx.store.factors.delete(factor.id);
    }
    sendJson(res, 200, tx.relayState !== null ? { relayState: tx.relayState } : {});
  });

  routes.add('post', '/api/v1/authn/previous', (req, res) => {
    const body = parseBody(StateTokenSchema, req, 'stateToken');
    const tx = loadTransaction(ctx, body.stateToken);
    requireStatus(tx, 'MFA_CHALLENGE', 'MFA_ENROLL_ACTIVATE');
    if (tx.status === 'MFA_ENROLL_ACTIVATE') {
      const factor = tx.factorId === null ? undefined : ctx.store.factors.get(tx.factorId);
      if (factor?.status === 'PENDING_ACTIVATION') ctx.store.factors.delete(factor.id);
      tx.status = 'MFA_ENROLL';
    } else {
      // A passwordless sign-in goes back to its list of factors, still unauthenticated.
      tx.status = awaitingFirstFactor(tx) ? 'UNAUTHENTICATED' : 'MFA_REQUIRED';
    }
    tx.factorId = null;
    tx.factorResult = null;
    tx.pushChallengeId = null;
    sendJson(res, 200, renderTransaction(ctx, ctx.origin(req), tx));
  });

  routes.add('post', '/api/v1/authn/skip', (req, res) => {
    const { tx, user } = openTransaction(ctx, req, StateTokenSchema, 'stateToken', 'PASSWORD_WARN', 'MFA_ENROLL');
    if (tx.status === 'PASSWORD_WARN') {
      tx.flags.warnHandled = true;
    } else if (tx.status === 'MFA_ENROLL' && canSkipEnroll(ctx, user, tx)) {
      tx.flags.enrollDone = true;
    } else {
      throw oktaErrors.illegalState();
    }
    sendJson(res, 200, advance(ctx, ctx.origin(req), tx, user));
  });

  routes.add('post', '/api/v1/authn/credentials/change_password', async (req, res) => {
    const { body, tx, user } = openTransaction(ctx, req, ChangePasswordSchema, 'changePasswordRequest', 'PASSWORD_EXPIRED', 'PASSWORD_WARN');
    if (!(await ctx.secrets.verify(body.oldPassword, user.passwordHash))) {
      throw oktaErrors.updateCredentialsFailed('oldPassword: The credentials provided were incorrect.');
    }
    await assertAcceptablePassword(ctx, user, body.newPassword, { checkMinAge: tx.status === 'PASSWORD_WARN' }, oktaErrors.updateCredentialsFailed);
    await commitPassword(ctx, user, body.newPassword);
    if (body.revokeSessions === true) ctx.store.revokeSessions(user.id);
    tx.flags.warnHandled = true;
    sendJson(res, 200, advance(ctx, ctx.origin(req), tx, user));
  });

  routes.add('post', '/api/v1/authn/credentials/reset_password', async (req, res) => {
    const { body, tx, user } = openTransaction(ctx, req, ResetPasswordSchema, 'resetPasswordRequest', 'PASSWORD_RESET');
    await assertAcceptablePassword(ctx, user, body.newPassword, { checkMinAge: false }, oktaErrors.passwordPolicy);
    // Okta commits the new password here, even when MFA follows (seed 000/001).
    await commitPassword(ctx, user, body.newPassword);
    if (user.status === 'LOCKED_OUT' || user.status === 'PROVISIONED' || user.status === 'RECOVERY') {
      // Recovery unlocks and ends an admin reset (RECOVERY); account activation (ACCOUNT_ACTIVATION) completes here.
      user.status = 'ACTIVE';
      user.statusChanged = ctx.clock.now();
      user.lockedAt = null;
    }
    user.failedPasswordAttempts = 0;
    if (body.revokeSessions === true) ctx.store.revokeSessions(user.id);
    tx.recoveryType = null;
    tx.flags = { mfaSatisfied: false, enrollDone: false, warnHandled: true };
    tx.passwordVerifiedAt = ctx.clock.now();
    tx.amr = new Set(['pwd']);
    const result = advance(ctx, ctx.origin(req), tx, user);
    if (result.status !== 'SUCCESS') {
      // The recovery transaction becomes an authentication transaction: a new stateToken.
      rotate(ctx, tx);
      sendJson(res, 200, renderTransaction(ctx, ctx.origin(req), tx));
      return;
    }
    sendJson(res, 200, result);
  });

}

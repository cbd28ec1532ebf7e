import type { Request, Response } from 'express';
import type { TransactionBodyOf } from '@okta-authn/core';
import { z } from 'zod';
import type { SimContext } from '../context.js';
import { MINUTE, iso } from '../clock.js';
import { oktaErrors } from '../errors.js';
import { THROTTLE_MS, consumeCode, deliver, isThrottled, sendCode } from '../factors/delivery.js';
import { isBlank } from '../factors/kind.js';
import type { SentCode } from '../store.js';
import { isTrustedCall, param, parseBody, sendJson } from '../http.js';
import { newRecoveryToken } from '../ids.js';
import type { PasswordPolicyConfig } from '../policy.js';
import type { RouteTable } from '../router.js';
import { normalizeAnswer } from '../secrets.js';
import type { TransactionRecord, UserRecord } from '../store.js';
import { cancelLink, link } from './links.js';
import { authnUser, renderTransaction } from './render.js';
import {
  createTransaction,
  endTransaction,
  loadTransaction,
  openTransaction,
  recordFactorFailure,
  requireStatus,
  unlockUser,
  userOf,
} from './transaction.js';

const RecoveryStartSchema = z.object({
  username: z.string().min(1).max(256),
  factorType: z
    .string()
    .max(16)
    .transform((value) => value.toUpperCase())
    .pipe(z.enum(['EMAIL', 'SMS', 'CALL']))
    .optional(),
  relayState: z.string().max(2048).nullable().optional(),
});
/** The password policy's switch for each recovery factor. */
const RECOVERY_CHANNELS = { EMAIL: 'email', SMS: 'sms', CALL: 'call' } as const;
type RecoveryPolicy = PasswordPolicyConfig['recovery'];

const RecoveryTokenSchema = z.object({
  recoveryToken: z.string().min(1).max(512),
  options: z.object({ multiOptionalFactorEnroll: z.boolean().nullable().optional() }).nullable().optional(),
});
const VerifySchema = z.object({ stateToken: z.string().min(1).max(512), passCode: z.string().max(100).optional() });
const StateTokenSchema = z.object({ stateToken: z.string().min(1).max(512) });
const AnswerSchema = z.object({ stateToken: z.string().min(1).max(512), answer: z.string().max(1000) });

/** The phone a recovery SMS/call goes to: the active factor's number, else the profile's mobile phone. */
function recoveryPhone(ctx: SimContext, user: UserRecord, channel: 'sms' | 'call'): string | undefined {
  const factor = ctx.store.activeFactorsOf(user.id).find((candidate) => candidate.factorType === channel);
  if (factor && typeof factor.profile.phoneNumber === 'string') return factor.profile.phoneNumber;
  const mobile = user.profile.mobilePhone;
  return typeof mobile === 'string' && mobile.length > 0 ? mobile.replace(/[\s().-]/g, '') : undefined;
}

/**
 * The code a public SMS/CALL recovery uses. Throttling is kept per channel and username, for known
 * and unknown usernames alike, and a throttled request sends nothing and keeps the code sent last,
 * so the answers never tell which usernames exist. `phone` is undefined when no code can be sent.
 */
function recoveryCode(ctx: SimContext, channel: 'sms' | 'call', username: string, phone: string | undefined): SentCode | null {
  const key = `${channel}:${username.trim().toLowerCase()}`;
  const now = ctx.clock.now();
  const last = ctx.store.recoveryDeliveries.get(key);
  if (last && now - last.sentAt < THROTTLE_MS[channel]) return last.code;
  let code: SentCode | null = null;
  if (phone !== undefined) {
    code = isThrottled(ctx, channel, phone) ? (last?.code ?? null) : sendCode(ctx, channel, phone, 'account recovery');
  }
  ctx.store.recoveryDeliveries.set(key, { sentAt: now, code });
  return code;
}

/**
 * Counts a wrong recovery code or answer: toward the user's MFA lockout (403 E0000069 on the
 * attempt that locks) and toward the transaction, which ends at the policy's `maxFactorAttempts`
 * (its stateToken then answers 401 E0000011). Otherwise throws `wrong`.
 */
function recoveryFailure(ctx: SimContext, tx: TransactionRecord, user: UserRecord | undefined, wrong: Error): never {
  tx.failedAttempts += 1;
  const max = (user ? ctx.store.passwordPolicyOf(user) : ctx.store.defaultPasswordPolicy()).lockout.maxFactorAttempts;
  const limit = max > 0 ? max : DEFAULT_MAX_RECOVERY_ATTEMPTS;
  const exhausted = tx.failedAttempts >= limit;
  if (exhausted) endTransaction(ctx, tx);
  if (user) {
    try {
      recordFactorFailure(ctx, user);
    } catch (locked) {
      endTransaction(ctx, tx);
      throw locked;
    }
  }
  if (exhausted) throw oktaErrors.userLocked();
  throw wrong;
}

/** Wrong recovery attempts per transaction when the policy's `maxFactorAttempts` is 0 (no lockout). */
const DEFAULT_MAX_RECOVERY_ATTEMPTS = 5;

/** After the user proved a recovery factor: the recovery question, or (none configured) straight on. */
function afterRecoveryProof(ctx: SimContext, origin: string, tx: TransactionRecord, user: UserRecord) {
  const policy = ctx.store.passwordPolicyOf(user).recovery;
  if (user.recoveryQuestion && policy.questionRequired) {
    tx.status = 'RECOVERY';
    return renderTransaction(ctx, origin, tx);
  }
  return afterAnswer(ctx, origin, tx, user);
}

/** The recovery question was answered: `PASSWORD_RESET`, or `SUCCESS` with the account unlocked. */
function afterAnswer(ctx: SimContext, origin: string, tx: TransactionRecord, user: UserRecord) {
  if (tx.recoveryType === 'UNLOCK') {
    unlockUser(ctx, user);
    endTransaction(ctx, tx);
    const body: TransactionBodyOf<'SUCCESS'> = {
      status: 'SUCCESS',
      recoveryType: 'UNLOCK',
      ...(tx.relayState !== null ? { relayState: tx.relayState } : {}),
      _embedded: { user: authnUser(user) },
    };
    return body;
  }
  tx.status = 'PASSWORD_RESET';
  return renderTransaction(ctx, origin, tx);
}

/** Forgot password, unlock, recovery factors, recovery token and recovery answer. */
export function registerRecoveryRoutes(ctx: SimContext, routes: RouteTable): void {
  const start = (recoveryType: 'PASSWORD' | 'UNLOCK') => (req: Request, res: Response) => {
    const trusted = isTrustedCall(ctx, req);
    const body = parseBody(RecoveryStartSchema, req, 'recoveryRequest');
    const origin = ctx.origin(req);
    const user = ctx.store.findUser(body.username);
    const known = user !== undefined && ['ACTIVE', 'LOCKED_OUT', 'PASSWORD_EXPIRED', 'RECOVERY'].includes(user.status);
    const relayState = body.relayState ?? null;
    const assertAllowed = (recovery: RecoveryPolicy): void => {
      if (recoveryType === 'UNLOCK' && !recovery.selfServiceUnlock) throw oktaErrors.unlockNotAllowed();
      if (recoveryType === 'PASSWORD' && !recovery.selfServicePasswordReset) throw oktaErrors.forgotPasswordNotAllowed();
    };
    if (body.factorType === undefined) {
      if (!trusted) throw oktaErrors.validation('recoveryRequest', ['factorType: Required when no API token is sent (EMAIL, SMS or CALL).']);
      if (!known || !user) throw oktaErrors.recoveryUnknownUser();
      const recovery = ctx.store.passwordPolicyOf(user).recovery;
      assertAllowed(recovery);
      const recoveryToken = newRecoveryToken();
      const expiresAt = ctx.clock.now() + recovery.tokenLifetimeMinutes * MINUTE;
      ctx.store.recoveryTokens.set(recoveryToken, { userId: user.id, recoveryType, expiresAt, used: false, relayState });
      const response: TransactionBodyOf<'RECOVERY'> = {
        expiresAt: iso(expiresAt),
        status: 'RECOVERY',
        ...(relayState !== null ? { relayState } : {}),
        recoveryToken,
        recoveryType,
        _embedded: { user: authnUser(user) },
        _links: { next: link(`${origin}/api/v1/authn/recovery/token`, { name: 'recovery' }), cancel: cancelLink(origin) },
      };
      sendJson(res, 200, response);
      return;
    }
    // An unknown username gets the answers of the default policy, so the answers do not tell users apart.
    const recoveryPolicy = (known && user ? ctx.store.passwordPolicyOf(user) : ctx.store.defaultPasswordPolicy()).recovery;
    assertAllowed(recoveryPolicy);
    if (!recoveryPolicy[RECOVERY_CHANNELS[body.factorType]]) {
      throw oktaErrors.forbidden(`${body.factorType} is not an allowed recovery factor in the password policy.`);
    }
    if (body.factorType === 'EMAIL') {
      if (known && user) {
        const recoveryToken = newRecoveryToken();
        ctx.store.recoveryTokens.set(recoveryToken, {
          userId: user.id,
          recoveryType,
          expiresAt: ctx.clock.now() + recoveryPolicy.tokenLifetimeMinutes * MINUTE,
          used: false,
          relayState,
        });
        const page = recoveryType === 'PASSWORD' ? 'reset-password' : 'unlock';
        const url = `${origin}/signin/${page}/${recoveryToken}`;
        const what = recoveryType === 'PASSWORD' ? 'reset your password' : 'unlock your account';
        for (const address of [user.profile.email, user.profile.secondEmail]) {
          if (typeof address === 'string' && address.length > 0) {
            deliver(ctx, 'email', address, `A request was made to ${what}. Follow this link to continue: ${url}`, recoveryToken);
          }
        }
      }
      const response: TransactionBodyOf<'RECOVERY_CHALLENGE'> = {
        status: 'RECOVERY_CHALLENGE',
        factorResult: 'WAITING',
        factorType: 'EMAIL',
        recoveryType,
        ...(relayState !== null ? { relayState } : {}),
      };
      sendJson(res, 200, response);
      return;
    }
    const channel = RECOVERY_CHANNELS[body.factorType];
    const phone = known && user ? recoveryPhone(ctx, user, channel) : undefined;
    const tx = createTransaction(ctx, {
      status: 'RECOVERY_CHALLENGE',
      userId: phone !== undefined && user ? user.id : null,
      relayState,
      recoveryType,
      recoveryFactorType: body.factorType,
      recoveryUsername: body.username,
      decoy: phone === undefined,
    });
    tx.recoveryCode = recoveryCode(ctx, channel, body.username, phone);
    sendJson(res, 200, renderTransaction(ctx, origin, tx));
  };

  routes.add('post', '/api/v1/authn/recovery/password', start('PASSWORD'));
  routes.add('post', '/api/v1/authn/recovery/unlock', start('UNLOCK'));

  const recoveryTx = (req: Request, stateToken: string): TransactionRecord => {
    const tx = loadTransaction(ctx, stateToken);
    requireStatus(tx, 'RECOVERY_CHALLENGE');
    const type = param(req, 'factorType').toUpperCase();
    if (type !== tx.recoveryFactorType) throw oktaErrors.illegalState();
    return tx;
  };

  /** Sends the recovery code again (throttled per channel and username, never 429) and shows the challenge. */
  const resendRecoveryCode = (req: Request, res: Response, tx: TransactionRecord): void => {
    const channel = tx.recoveryFactorType === 'CALL' ? 'call' : 'sms';
    const phone = tx.decoy ? undefined : recoveryPhone(ctx, userOf(ctx, tx), channel);
    tx.recoveryCode = recoveryCode(ctx, channel, tx.recoveryUsername ?? '', phone);
    sendJson(res, 200, renderTransaction(ctx, ctx.origin(req), tx));
  };

  routes.add('post', '/api/v1/authn/recovery/factors/:factorType/verify', (req, res) => {
    const body = parseBody(VerifySchema, req, 'recoveryVerifyRequest');
    const tx = recoveryTx(req, body.stateToken);
    // An omitted or blank passCode asks for a code, like resend (what Okta's widget sends); it is never a failed attempt.
    if (body.passCode === undefined || isBlank(body.passCode)) {
      resendRecoveryCode(req, res, tx);
      return;
    }
    if (tx.decoy || !consumeCode(ctx, tx.recoveryCode, body.passCode)) {
      const user = tx.decoy || tx.userId === null ? undefined : ctx.store.users.get(tx.userId);
      recoveryFailure(ctx, tx, user, oktaErrors.invalidPasscode("Your token doesn't match our records. Please try again."));
    }
    sendJson(res, 200, afterRecoveryProof(ctx, ctx.origin(req), tx, userOf(ctx, tx)));
  });

  routes.add('post', '/api/v1/authn/recovery/factors/:factorType/resend', (req, res) => {
    const body = parseBody(StateTokenSchema, req, 'stateToken');
    resendRecoveryCode(req, res, recoveryTx(req, body.stateToken));
  });

  routes.add('post', '/api/v1/authn/recovery/token', (req, res) => {
    const body = parseBody(RecoveryTokenSchema, req, 'recoveryTokenRequest');
    const record = ctx.store.recoveryTokens.get(body.recoveryToken);
    if (!record || ctx.clock.now() >= record.expiresAt) throw oktaErrors.invalidToken();
    if (record.used) throw oktaErrors.recoveryTokenUsed();
    const user = ctx.store.users.get(record.userId);
    if (!user) throw oktaErrors.invalidToken();
    record.used = true;
    const tx = createTransaction(ctx, {
      status: 'RECOVERY',
      userId: user.id,
      relayState: record.relayState,
      recoveryType: record.recoveryType,
      multiOptionalFactorEnroll: body.options?.multiOptionalFactorEnroll === true,
    });
    sendJson(res, 200, afterRecoveryProof(ctx, ctx.origin(req), tx, user));
  });

  routes.add('post', '/api/v1/authn/recovery/answer', async (req, res) => {
    const { body, tx, user } = openTransaction(ctx, req, AnswerSchema, 'recoveryAnswerRequest', 'RECOVERY');
    if (!(await ctx.secrets.verify(normalizeAnswer(body.answer), user.recoveryQuestion?.answerHash))) {
      recoveryFailure(ctx, tx, user, oktaErrors.recoveryAnswer());
    }
    sendJson(res, 200, afterAnswer(ctx, ctx.origin(req), tx, user));
  });
}

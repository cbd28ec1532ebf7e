import type { Request, Response } from 'express';
import type { TransactionBody } from '@okta-authn/core';
import { z } from 'zod';
import type { SimContext } from '../context.js';
import { MINUTE } from '../clock.js';
import { OktaHttpError, oktaErrors } from '../errors.js';
import { deliver, normalizePhone } from '../factors/delivery.js';
import { isDelivered, kindOf, maxEnrolled } from '../factors/index.js';
import { WEBAUTHN_BY_TYPE, verifyWebAuthnByType } from '../factors/webauthn.js';
import { isBlank } from '../factors/kind.js';
import type { VerifyInput } from '../factors/kind.js';
import { activationState, pushState, startActivation, startPush } from '../factors/push.js';
import { assertActivationNotThrottled, recordActivationAttempt } from '../factors/activation.js';
import { EnrollRequestSchema, startEnrollment } from '../factors/enroll.js';
import { param, parseBody, parseQuery, sendJson } from '../http.js';
import type { RouteTable } from '../router.js';
import type { FactorRecord, TransactionRecord, UserRecord } from '../store.js';
import { enrollable, renderTransaction } from './render.js';
import { advance, assertNotLocked, loadTransaction, openTransaction, recordFactorFailure, requireStatus, rotate, userOf } from './transaction.js';

const stateTokenField = z.string().min(1).max(512);
const code = z.string().max(100);

/** WebAuthn and U2F data, base64: a few kilobytes at most (attestation certificates included). */
export const fidoData = z.string().max(65_536);
const VerifySchema = z.object({
  stateToken: stateTokenField,
  passCode: code.optional(),
  nextPassCode: code.optional(),
  answer: z.string().max(1000).optional(),
  clientData: fidoData.optional(),
  authenticatorData: fidoData.optional(),
  signatureData: fidoData.optional(),
});
const booleanQuery = z.enum(['true', 'false']).optional();
const VerifyQuerySchema = z.object({ rememberDevice: booleanQuery, autoPush: booleanQuery });
const EnrollSchema = EnrollRequestSchema.extend({ stateToken: stateTokenField });
const EnrollQuerySchema = z.object({ updatePhone: booleanQuery });
const ActivateSchema = z.object({ stateToken: stateTokenField, passCode: code.optional(), attestation: fidoData.optional(), clientData: fidoData.optional() });
const StateTokenSchema = z.object({ stateToken: stateTokenField });
const SendSmsSchema = z.object({ stateToken: stateTokenField, profile: z.object({ phoneNumber: z.string().max(32) }) });


/** The user's factor `factorId`; 404 E0000007 when it is not theirs. */
function factorOfUser(ctx: SimContext, user: UserRecord, factorId: string): FactorRecord {
  const factor = ctx.store.factors.get(factorId);
  if (!factor || factor.userId !== user.id) throw oktaErrors.notFound(`${factorId} (UserFactor)`);
  return factor;
}

/** Marks an MFA step done in the transaction and moves on. */
function factorVerified(
  ctx: SimContext,
  origin: string,
  tx: TransactionRecord,
  user: UserRecord,
  factor: FactorRecord,
  query: { rememberDevice?: 'true' | 'false' | undefined; autoPush?: 'true' | 'false' | undefined },
): TransactionBody {
  const now = ctx.clock.now();
  tx.flags.mfaSatisfied = true;
  tx.factorVerifiedAt = now;
  for (const amr of kindOf(factor.factorType).amr) tx.amr.add(amr);
  tx.amr.add('mfa');
  user.failedFactorAttempts = 0;
  if (query.rememberDevice === 'true' && user.policy.allowRememberDevice && tx.deviceKey !== null) {
    const minutes = user.policy.rememberDeviceLifetimeInMinutes;
    // A lifetime of 0 is Okta's device-based policy: remembered until the device changes.
    user.rememberedDevices.set(tx.deviceKey, minutes > 0 ? now + minutes * MINUTE : Number.MAX_SAFE_INTEGER);
  }
  if (factor.factorType === 'push' && query.autoPush !== undefined) user.autoPush.set(factor.id, query.autoPush === 'true');
  return advance(ctx, origin, tx, user);
}

/** After an enrollment finished: back to `MFA_ENROLL` (multiOptionalFactorEnroll) or the follow-up. */
function enrollmentDone(ctx: SimContext, origin: string, tx: TransactionRecord, user: UserRecord, factor: FactorRecord): TransactionBody {
  const now = ctx.clock.now();
  tx.flags.mfaSatisfied = true;
  tx.factorVerifiedAt = now;
  for (const amr of kindOf(factor.factorType).amr) tx.amr.add(amr);
  tx.amr.add('mfa');
  if (tx.multiOptionalFactorEnroll && enrollable(ctx, user).length > 0) {
    tx.status = 'MFA_ENROLL';
    tx.factorId = null;
    tx.factorResult = null;
    return renderTransaction(ctx, origin, tx);
  }
  return advance(ctx, origin, tx, user);
}

/**
 * Counts a wrong code toward lockout, then rethrows the original error. A blank code or answer
 * guessed nothing: it keeps its answer but never counts.
 */
async function withFailureCounting(ctx: SimContext, user: UserRecord, input: VerifyInput, check: () => Promise<void>): Promise<void> {
  try {
    await check();
  } catch (error) {
    const guessed = !isBlank(input.passCode) || !isBlank(input.answer) || !isBlank(input.signatureData) || !isBlank(input.attestation);
    if (guessed && error instanceof OktaHttpError && (error.errorCode === 'E0000068' || error.errorCode === 'E0000082')) {
      recordFactorFailure(ctx, user);
    }
    throw error;
  }
}

/** The transaction's factor waiting for activation, checked against the path. */
function activatingFactor(ctx: SimContext, req: Request, tx: TransactionRecord): FactorRecord {
  requireStatus(tx, 'MFA_ENROLL_ACTIVATE');
  const factorId = param(req, 'factorId');
  if (tx.factorId !== factorId) throw oktaErrors.illegalState();
  const factor = ctx.store.factors.get(factorId);
  if (!factor) throw oktaErrors.illegalState();
  const duplicate =
    maxEnrolled(factor.factorType) === 1 &&
    ctx.store.activeFactorsOf(factor.userId).some((other) => other.id !== factor.id && other.factorType === factor.factorType && other.provider === factor.provider);
  if (duplicate) {
    // Another transaction finished enrolling the same factor meanwhile: this one goes back to MFA_ENROLL.
    ctx.store.factors.delete(factor.id);
    tx.status = 'MFA_ENROLL';
    tx.factorId = null;
    tx.factorResult = null;
    throw oktaErrors.validation('factorEnrollRequest', ['A factor of this type is already set up.']);
  }
  return factor;
}

/** Where a push activation stands, as the transaction shows it; completes the enrollment when paired. */
function pushActivationResponse(ctx: SimContext, origin: string, tx: TransactionRecord, user: UserRecord, factor: FactorRecord): TransactionBody {
  const state = activationState(ctx, factor);
  if (state === 'DONE') return enrollmentDone(ctx, origin, tx, user, factor);
  tx.factorResult = state;
  return renderTransaction(ctx, origin, tx);
}

/** MFA verification, enrollment and activation endpoints of `/api/v1/authn/factors`. */
export function registerMfaRoutes(ctx: SimContext, routes: RouteTable): void {
  routes.add('post', '/api/v1/authn/factors/:factorId/verify', async (req: Request, res: Response) => {
    const query = parseQuery(VerifyQuerySchema, req);
    const body = parseBody(VerifySchema, req, 'verifyRequest');
    const tx = loadTransaction(ctx, body.stateToken);
    // UNAUTHENTICATED lists factors to verify only after a passwordless sign-in (a step-up's first one lists none).
    requireStatus(tx, 'MFA_REQUIRED', 'MFA_CHALLENGE', ...(tx.passwordless ? (['UNAUTHENTICATED'] as const) : []));
    const user = userOf(ctx, tx);
    assertNotLocked(ctx, user);
    const { stateToken: _stateToken, ...credentials } = body;
    const input: VerifyInput = { ...credentials, orgOrigin: ctx.origin(req), transaction: tx };
    if (param(req, 'factorId') === WEBAUTHN_BY_TYPE) {
      let verified: FactorRecord | null = null;
      await withFailureCounting(ctx, user, input, async () => {
        verified = await verifyWebAuthnByType(ctx, tx, user, input);
      });
      sendJson(res, 200, verified ? factorVerified(ctx, ctx.origin(req), tx, user, verified, query) : renderTransaction(ctx, ctx.origin(req), tx));
      return;
    }
    const factor = factorOfUser(ctx, user, param(req, 'factorId'));
    if (factor.status !== 'ACTIVE') throw oktaErrors.illegalState();
    // MFA_CHALLENGE publishes only its own factor's verify; another factor needs `prev` first.
    if (tx.status === 'MFA_CHALLENGE' && tx.factorId !== factor.id) throw oktaErrors.illegalState();
    const origin = ctx.origin(req);
    const kind = kindOf(factor.factorType);
    if (factor.factorType === 'push') {
      const polling = tx.status === 'MFA_CHALLENGE' && tx.factorId === factor.id && tx.factorResult === 'WAITING';
      if (polling) {
        const state = pushState(ctx, factor, tx.pushChallengeId);
        if (state === 'APPROVED') {
          sendJson(res, 200, factorVerified(ctx, origin, tx, user, factor, query));
          return;
        }
        if (state === 'REJECTED' || state === 'TIMEOUT') tx.factorResult = state;
      } else {
        const push = startPush(ctx, factor, user);
        tx.status = 'MFA_CHALLENGE';
        tx.factorId = factor.id;
        tx.factorResult = 'WAITING';
        tx.pushChallengeId = push.id;
      }
      sendJson(res, 200, renderTransaction(ctx, origin, tx));
      return;
    }
    if (kind.hasCredential(input)) {
      await withFailureCounting(ctx, user, input, () => kind.verify(ctx, factor, user, input));
      sendJson(res, 200, factorVerified(ctx, origin, tx, user, factor, query));
      return;
    }
    if (kind.sendCode) kind.sendCode(ctx, factor, user, 'verification');
    kind.issueChallenge?.(ctx, factor, tx);
    tx.status = 'MFA_CHALLENGE';
    tx.factorId = factor.id;
    tx.factorResult = factor.factorType === 'email' || factor.factorType === 'webauthn' ? 'CHALLENGE' : null;
    sendJson(res, 200, renderTransaction(ctx, origin, tx));
  });

  routes.add('post', '/api/v1/authn/factors/:factorId/verify/resend', (req, res) => {
    const { tx, user } = openTransaction(ctx, req, StateTokenSchema, 'stateToken', 'MFA_CHALLENGE');
    assertNotLocked(ctx, user);
    const factor = factorOfUser(ctx, user, param(req, 'factorId'));
    if (tx.factorId !== factor.id) throw oktaErrors.illegalState();
    const kind = kindOf(factor.factorType);
    if (factor.factorType === 'push') {
      tx.pushChallengeId = startPush(ctx, factor, user).id;
      tx.factorResult = 'WAITING';
    } else if (kind.sendCode) {
      kind.sendCode(ctx, factor, user, 'verification');
    } else {
      throw oktaErrors.illegalState();
    }
    sendJson(res, 200, renderTransaction(ctx, ctx.origin(req), tx));
  });

  routes.add('post', '/api/v1/authn/factors', async (req, res) => {
    const query = parseQuery(EnrollQuerySchema, req);
    const { body, tx, user } = openTransaction(ctx, req, EnrollSchema, 'factorEnrollRequest', 'MFA_ENROLL');
    const { kind, factor } = await startEnrollment(ctx, user, body, { updatePhone: query.updatePhone === 'true', transaction: tx });
    const origin = ctx.origin(req);
    if (factor.status === 'ACTIVE') {
      ctx.store.factors.set(factor.id, factor);
      sendJson(res, 200, enrollmentDone(ctx, origin, tx, user, factor));
      return;
    }
    if (kind.sendCode) kind.sendCode(ctx, factor, user, 'activation');
    ctx.store.factors.set(factor.id, factor);
    tx.status = 'MFA_ENROLL_ACTIVATE';
    tx.factorId = factor.id;
    tx.factorResult = kind.type === 'push' ? 'WAITING' : null;
    rotate(ctx, tx);
    sendJson(res, 200, renderTransaction(ctx, origin, tx));
  });

  routes.add('post', '/api/v1/authn/factors/:factorId/lifecycle/activate', async (req, res) => {
    const body = parseBody(ActivateSchema, req, 'activateRequest');
    const tx = loadTransaction(ctx, body.stateToken);
    const factor = activatingFactor(ctx, req, tx);
    const user = userOf(ctx, tx);
    const origin = ctx.origin(req);
    if (factor.factorType === 'push') {
      // Restart after a timeout; otherwise behave like poll (older clients poll this link).
      if (activationState(ctx, factor) === 'TIMEOUT') startActivation(ctx, factor);
      sendJson(res, 200, pushActivationResponse(ctx, origin, tx, user, factor));
      return;
    }
    assertActivationNotThrottled(ctx, factor);
    assertNotLocked(ctx, user);
    recordActivationAttempt(ctx, factor);
    const input: VerifyInput = { passCode: body.passCode, attestation: body.attestation, clientData: body.clientData, orgOrigin: origin };
    await withFailureCounting(ctx, user, input, () => kindOf(factor.factorType).verify(ctx, factor, user, input));
    factor.status = 'ACTIVE';
    factor.lastUpdated = ctx.clock.now();
    factor.activationAttempts = [];
    sendJson(res, 200, enrollmentDone(ctx, origin, tx, user, factor));
  });

  routes.add('post', '/api/v1/authn/factors/:factorId/lifecycle/activate/poll', (req, res) => {
    const body = parseBody(StateTokenSchema, req, 'stateToken');
    const tx = loadTransaction(ctx, body.stateToken);
    const factor = activatingFactor(ctx, req, tx);
    if (factor.factorType !== 'push') throw oktaErrors.illegalState();
    sendJson(res, 200, pushActivationResponse(ctx, ctx.origin(req), tx, userOf(ctx, tx), factor));
  });

  routes.add('post', '/api/v1/authn/factors/:factorId/lifecycle/activate/:channel', (req, res) => {
    const channel = param(req, 'channel');
    if (channel !== 'sms' && channel !== 'email') throw oktaErrors.unknownPath();
    const smsBody = channel === 'sms' ? parseBody(SendSmsSchema, req, 'activationRequest') : undefined;
    const body = smsBody ?? parseBody(StateTokenSchema, req, 'stateToken');
    const tx = loadTransaction(ctx, body.stateToken);
    const factor = activatingFactor(ctx, req, tx);
    if (factor.factorType !== 'push') throw oktaErrors.illegalState();
    const user = userOf(ctx, tx);
    if (activationState(ctx, factor) === 'TIMEOUT') startActivation(ctx, factor);
    const origin = ctx.origin(req);
    const activationLink = `${origin}/api/v1/users/${user.id}/factors/${factor.id}/qr/${factor.qrToken ?? ''}`;
    const text = `Open this link on your phone to set up Okta Verify: ${activationLink}`;
    if (smsBody) deliver(ctx, 'sms', normalizePhone(smsBody.profile.phoneNumber), text, null);
    else deliver(ctx, 'email', user.profile.email, text, null);
    sendJson(res, 200, pushActivationResponse(ctx, origin, tx, user, factor));
  });

  routes.add('post', '/api/v1/authn/factors/:factorId/lifecycle/resend', (req, res) => {
    const body = parseBody(z.object({ stateToken: stateTokenField }).loose(), req, 'resendRequest');
    const tx = loadTransaction(ctx, body.stateToken);
    const factor = activatingFactor(ctx, req, tx);
    const kind = kindOf(factor.factorType);
    if (!isDelivered(factor.factorType) || !kind.sendCode) throw oktaErrors.illegalState();
    kind.sendCode(ctx, factor, userOf(ctx, tx), 'activation');
    sendJson(res, 200, renderTransaction(ctx, ctx.origin(req), tx));
  });
}

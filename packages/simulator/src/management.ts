import type { Request, Response } from 'express';
import { z } from 'zod';
import { iso } from './clock.js';
import type { SimContext } from './context.js';
import { oktaErrors } from './errors.js';
import { deliver, normalizePhone } from './factors/delivery.js';
import { catalog, isDelivered, kindOf } from './factors/index.js';
import { OktaHttpError } from './errors.js';
import { SECURITY_QUESTIONS } from './factors/question.js';
import { activationState, deviceIdOf, deviceOf, isPushOf, pushState, startActivation, startPush } from './factors/push.js';
import { TOTP_PERIOD, totpUri } from './factors/totp.js';
import { param, parseBody, parseQuery, readCookie, requireApiToken, sendJson } from './http.js';
import { authnLink } from './links.js';
import type { RouteTable } from './router.js';
import { safeEqual } from './secrets.js';
import { liveSession } from './sessions.js';
import type { SessionLifetimes } from './sessions.js';
import type { FactorRecord, UserRecord } from './store.js';
import { activateUser, createUser, CreateUserSchema, issueActivationToken, renderUser } from './users.js';
import { fidoData } from './authn/mfa.js';
import { lockUser, unlockUser } from './authn/transaction.js';
import { assertActivationNotThrottled, recordActivationAttempt } from './factors/activation.js';
import { EnrollRequestSchema, startEnrollment } from './factors/enroll.js';
import { registerUserLifecycleRoutes } from './user-lifecycle.js';

const booleanQuery = z.enum(['true', 'false']).optional();
const CreateUserQuerySchema = z.object({
  activate: booleanQuery,
  provider: booleanQuery,
  nextLogin: z.enum(['changePassword']).optional(),
});
const EnrollQuerySchema = z.object({
  activate: booleanQuery,
  updatePhone: booleanQuery,
  templateId: z.string().max(64).optional(),
  tokenLifetimeSeconds: z.coerce.number().int().min(1).max(86_400).optional(),
});
const SendEmailQuerySchema = z.object({ sendEmail: booleanQuery });
/** An activation: the code (OTP factors) or, for WebAuthn, what `navigator.credentials.create` gave. */
const ActivateSchema = z.object({ passCode: z.string().max(100).optional(), attestation: fidoData.optional(), clientData: fidoData.optional() });
/** Base64 data of a WebAuthn or U2F assertion: long enough for any real one, bounded. */
const assertionPart = z.string().max(20_000).optional();
const VerifySchema = z.object({
  passCode: z.string().max(100).optional(),
  answer: z.string().max(1000).optional(),
  nextPassCode: z.string().max(100).optional(),
  clientData: assertionPart,
  authenticatorData: assertionPart,
  signatureData: assertionPart,
});
const SendSmsSchema = z.object({ profile: z.object({ phoneNumber: z.string().max(32) }) });
const EmptySchema = z.object({}).loose();
const ExpandQuerySchema = z.object({ expand: z.string().max(200).optional() });

/**
 * A factor as the Factors API shows it. With `expandDevice` (`?expand=device`, seed 004) a paired
 * push factor also embeds its device and links to it.
 */
export function renderApiFactor(ctx: SimContext, origin: string, factor: FactorRecord, expandDevice = false): Record<string, unknown> {
  const base = `${origin}/api/v1/users/${factor.userId}/factors/${factor.id}`;
  const body: Record<string, unknown> = {
    id: factor.id,
    factorType: factor.factorType,
    provider: factor.provider,
    vendorName: factor.provider,
    status: factor.status,
    created: iso(factor.created),
    lastUpdated: iso(factor.lastUpdated),
    profile: kindOf(factor.factorType).apiProfile(factor),
  };
  if (factor.status === 'ACTIVE') {
    body._links = {
      self: authnLink(base, ['GET', 'DELETE']),
      verify: authnLink(`${base}/verify`, ['POST']),
      user: authnLink(`${origin}/api/v1/users/${factor.userId}`, ['GET']),
      ...(factor.factorType === 'question'
        ? { questions: authnLink(`${origin}/api/v1/users/${factor.userId}/factors/questions`, ['GET']) }
        : {}),
    };
    const device = expandDevice ? deviceOf(ctx, factor) : undefined;
    if (device) {
      body._embedded = { device };
      body._links = { ...(body._links as Record<string, unknown>), device: authnLink(`${origin}/api/v1/users/${factor.userId}/devices/${String(device.id)}`, ['GET']) };
    }
    return body;
  }
  body._links = {
    activate: authnLink(`${base}/lifecycle/activate`, ['POST']),
    self: authnLink(base, ['GET']),
    user: authnLink(`${origin}/api/v1/users/${factor.userId}`, ['GET']),
    ...(factor.factorType === 'push' ? { poll: authnLink(`${base}/lifecycle/activate/poll`, ['POST']) } : {}),
    ...(isDelivered(factor.factorType) ? { resend: authnLink(`${base}/resend`, ['POST']) } : {}),
  };
  const activation = apiActivation(ctx, origin, factor);
  if (activation) body._embedded = { activation };
  return body;
}

function apiActivation(ctx: SimContext, origin: string, factor: FactorRecord): Record<string, unknown> | undefined {
  // WebAuthn builds its own: the creation options, with every active key of the user's excluded.
  const own = kindOf(factor.factorType).activation;
  const user = ctx.store.users.get(factor.userId);
  if (own && user) return own(ctx, origin, factor, user);
  const base = `${origin}/api/v1/users/${factor.userId}/factors/${factor.id}`;
  const qrcode = { href: `${base}/qr/${factor.qrToken ?? ''}`, type: 'image/png' };
  if (factor.factorType === 'token:software:totp') {
    return { timeStep: TOTP_PERIOD, sharedSecret: factor.secret, encoding: 'base32', keyLength: 6, factorResult: 'WAITING', _links: { qrcode } };
  }
  if (factor.factorType === 'push' && factor.pushActivation) {
    return {
      expiresAt: iso(factor.pushActivation.expiresAt),
      factorResult: activationState(ctx, factor) === 'TIMEOUT' ? 'TIMEOUT' : 'WAITING',
      _links: {
        qrcode,
        send: [
          { name: 'email', ...authnLink(`${base}/lifecycle/activate/email`, ['POST']) },
          { name: 'sms', ...authnLink(`${base}/lifecycle/activate/sms`, ['POST']) },
        ],
      },
    };
  }
  return undefined;
}

/** Users API, Factors API and user lifecycle operations, all behind `SSWS <apiToken>`. */
export function registerManagementRoutes(ctx: SimContext, routes: RouteTable, lifetimes: SessionLifetimes): void {
  const userFor = (req: Request): UserRecord => {
    const id = param(req, 'userId');
    const user = ctx.store.findUser(id);
    if (!user) throw oktaErrors.notFound(`${id} (User)`);
    return user;
  };
  const factorFor = (req: Request, user: UserRecord): FactorRecord => {
    const id = param(req, 'factorId');
    const factor = ctx.store.factors.get(id);
    if (!factor || factor.userId !== user.id) throw oktaErrors.notFound(`${id} (UserFactor)`);
    return factor;
  };
  const admin = (req: Request): UserRecord => {
    requireApiToken(ctx, req);
    return userFor(req);
  };

  routes.add('post', '/api/v1/users', async (req, res) => {
    requireApiToken(ctx, req);
    const query = parseQuery(CreateUserQuerySchema, req);
    const body = parseBody(CreateUserSchema, req, 'user');
    const activate = query.activate !== 'false';
    if (query.nextLogin === 'changePassword' && !activate) {
      throw new OktaHttpError(400, 'E0000125', 'Expire on create requires user activation');
    }
    if (query.nextLogin === 'changePassword' && !body.credentials?.password) {
      throw new OktaHttpError(400, 'E0000124', 'Expire on create requires password');
    }
    const user = await createUser(ctx, body, { activate, expirePassword: query.nextLogin === 'changePassword' });
    // Okta mails an activation link to a user activated without a password.
    if (user.status === 'PROVISIONED') issueActivationToken(ctx, ctx.origin(req), user, true);
    sendJson(res, 200, renderUser(ctx.origin(req), user));
  });

  routes.add('post', '/api/v1/users/:userId/lifecycle/activate', (req, res) => {
    const user = admin(req);
    const query = parseQuery(SendEmailQuerySchema, req);
    if (user.status !== 'STAGED' && user.status !== 'DEPROVISIONED') {
      throw new OktaHttpError(403, 'E0000016', 'Activation failed because the user is already active');
    }
    activateUser(ctx, user);
    const link = issueActivationToken(ctx, ctx.origin(req), user, query.sendEmail !== 'false');
    sendJson(res, 200, query.sendEmail === 'false' ? link : {});
  });

  routes.add('post', '/api/v1/users/:userId/lifecycle/reactivate', (req, res) => {
    const user = admin(req);
    const query = parseQuery(SendEmailQuerySchema, req);
    if (user.status !== 'PROVISIONED') throw oktaErrors.lifecycleNotAllowed();
    const link = issueActivationToken(ctx, ctx.origin(req), user, query.sendEmail !== 'false');
    sendJson(res, 200, query.sendEmail === 'false' ? link : {});
  });

  routes.add('get', '/api/v1/users', (req, res) => {
    requireApiToken(ctx, req);
    const query = parseQuery(z.object({ q: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(200).optional() }), req);
    const users = [...ctx.store.users.values()].filter((user) =>
      query.q === undefined ? true : [user.profile.login, user.profile.email, user.profile.firstName, user.profile.lastName].some((value) => value.toLowerCase().startsWith(query.q?.toLowerCase() ?? '')),
    );
    sendJson(res, 200, users.slice(0, query.limit ?? 200).map((user) => renderUser(ctx.origin(req), user, { collection: true })));
  });

  routes.add('get', '/api/v1/users/me', (req, res) => {
    const session = liveSession(ctx, lifetimes, readCookie(req, 'sid'));
    const user = session ? ctx.store.users.get(session.userId) : undefined;
    if (!user) throw oktaErrors.notFound('me (User)');
    sendJson(res, 200, renderUser(ctx.origin(req), user));
  });

  routes.add('get', '/api/v1/users/:userId', (req, res) => sendJson(res, 200, renderUser(ctx.origin(req), admin(req))));

  routes.add('post', '/api/v1/users/:userId/lifecycle/expire_password', (req, res) => {
    const user = admin(req);
    parseQuery(z.object({ tempPassword: booleanQuery }), req);
    if (!['ACTIVE', 'PASSWORD_EXPIRED', 'LOCKED_OUT'].includes(user.status)) throw oktaErrors.lifecycleNotAllowed();
    const now = ctx.clock.now();
    user.passwordExpired = true;
    if (user.status === 'ACTIVE') user.status = 'PASSWORD_EXPIRED';
    user.statusChanged = now;
    user.lastUpdated = now;
    sendJson(res, 200, renderUser(ctx.origin(req), user));
  });

  routes.add('post', '/api/v1/users/:userId/lifecycle/unlock', (req, res) => {
    const user = admin(req);
    if (user.status !== 'LOCKED_OUT') throw oktaErrors.lifecycleNotAllowed();
    unlockUser(ctx, user);
    sendJson(res, 200, {});
  });

  routes.add('post', '/api/v1/users/:userId/lifecycle/lock', (req, res) => {
    const user = admin(req);
    if (user.status !== 'ACTIVE') throw oktaErrors.lifecycleNotAllowed();
    lockUser(ctx, user);
    sendJson(res, 200, {});
  });

  registerUserLifecycleRoutes(ctx, routes);

  routes.add('delete', '/api/v1/users/:userId/sessions', (req, res) => {
    const user = admin(req);
    ctx.store.revokeSessions(user.id);
    res.status(204).end();
  });

  routes.add('get', '/api/v1/users/:userId/factors/questions', (req, res) => {
    // Allowed without an API token while the user is in a transaction (the SDK calls it from the browser).
    // Without a token, an unknown user and a user not in a transaction get the same 401 E0000011.
    const user = ctx.store.findUser(param(req, 'userId'));
    const inTransaction = user !== undefined && ctx.store.liveTransactionsOf(user.id, ctx.clock.now()).length > 0;
    if (!inTransaction) {
      requireApiToken(ctx, req);
      userFor(req);
    }
    sendJson(res, 200, SECURITY_QUESTIONS);
  });

  routes.add('get', '/api/v1/users/:userId/factors/catalog', (req, res) => {
    const user = admin(req);
    const origin = ctx.origin(req);
    sendJson(
      res,
      200,
      catalog().map(({ factorType, provider }) => ({
        factorType,
        provider,
        vendorName: provider,
        _links: {
          enroll: authnLink(`${origin}/api/v1/users/${user.id}/factors`, ['POST']),
          ...(factorType === 'question' ? { questions: authnLink(`${origin}/api/v1/users/${user.id}/factors/questions`, ['GET']) } : {}),
        },
      })),
    );
  });

  const expandDevice = (req: Request): boolean => parseQuery(ExpandQuerySchema, req).expand?.split(',').includes('device') === true;

  routes.add('get', '/api/v1/users/:userId/factors', (req, res) => {
    const user = admin(req);
    const expand = expandDevice(req);
    sendJson(res, 200, ctx.store.factorsOf(user.id).map((factor) => renderApiFactor(ctx, ctx.origin(req), factor, expand)));
  });

  routes.add('get', '/api/v1/users/:userId/factors/:factorId', (req, res) => {
    const user = admin(req);
    sendJson(res, 200, renderApiFactor(ctx, ctx.origin(req), factorFor(req, user), expandDevice(req)));
  });

  routes.add('get', '/api/v1/users/:userId/devices/:deviceId', (req, res) => {
    const user = admin(req);
    const deviceId = param(req, 'deviceId');
    const factor = ctx.store.activeFactorsOf(user.id).find((candidate) => candidate.factorType === 'push' && deviceIdOf(ctx, candidate) === deviceId);
    const device = factor ? deviceOf(ctx, factor) : undefined;
    if (!device) throw oktaErrors.notFound(`${deviceId} (Device)`);
    const origin = ctx.origin(req);
    sendJson(res, 200, {
      ...device,
      _links: {
        self: authnLink(`${origin}/api/v1/users/${user.id}/devices/${deviceId}`, ['GET']),
        user: authnLink(`${origin}/api/v1/users/${user.id}`, ['GET']),
      },
    });
  });

  routes.add('delete', '/api/v1/users/:userId/factors/:factorId', (req, res) => {
    const user = admin(req);
    parseQuery(z.object({ removeRecoveryEnrollment: booleanQuery }), req);
    const factor = factorFor(req, user);
    ctx.store.factors.delete(factor.id);
    user.autoPush.delete(factor.id);
    res.status(204).end();
  });

  routes.add('post', '/api/v1/users/:userId/factors', async (req, res) => {
    const user = admin(req);
    const query = parseQuery(EnrollQuerySchema, req);
    const body = parseBody(EnrollRequestSchema, req, 'factorEnrollRequest');
    const { kind, factor } = await startEnrollment(ctx, user, body, { updatePhone: query.updatePhone === 'true' });
    if (query.activate === 'true' && isDelivered(kind.type)) factor.status = 'ACTIVE';
    else if (factor.status === 'PENDING_ACTIVATION' && kind.sendCode) kind.sendCode(ctx, factor, user, 'activation');
    ctx.store.factors.set(factor.id, factor);
    sendJson(res, 200, renderApiFactor(ctx, ctx.origin(req), factor));
  });

  const pushActivationPoll = (req: Request, res: Response, user: UserRecord, factor: FactorRecord): void => {
    const origin = ctx.origin(req);
    const base = `${origin}/api/v1/users/${user.id}/factors/${factor.id}`;
    const state = activationState(ctx, factor);
    if (state === 'DONE') {
      sendJson(res, 200, renderApiFactor(ctx, origin, factor));
      return;
    }
    if (state === 'TIMEOUT') {
      sendJson(res, 200, { factorResult: 'TIMEOUT', _links: { activate: authnLink(`${base}/lifecycle/activate`, ['POST']) } });
      return;
    }
    const activation = apiActivation(ctx, origin, factor) ?? {};
    const activationLinks = (activation._links ?? {}) as Record<string, unknown>;
    // Still waiting for the phone: 202 Accepted, as seed 004 shows; paired or timed out: 200.
    sendJson(res, 202, {
      expiresAt: activation.expiresAt,
      factorResult: 'WAITING',
      _links: { poll: authnLink(`${base}/lifecycle/activate/poll`, ['POST']), ...activationLinks },
    });
  };

  routes.add('post', '/api/v1/users/:userId/factors/:factorId/lifecycle/activate', async (req, res) => {
    const user = admin(req);
    const factor = factorFor(req, user);
    const body = parseBody(ActivateSchema, req, 'activateFactorRequest');
    if (factor.status === 'ACTIVE') throw oktaErrors.lifecycleNotAllowed();
    if (factor.factorType === 'push') {
      if (activationState(ctx, factor) === 'TIMEOUT') startActivation(ctx, factor);
      pushActivationPoll(req, res, user, factor);
      return;
    }
    assertActivationNotThrottled(ctx, factor);
    recordActivationAttempt(ctx, factor);
    await kindOf(factor.factorType).verify(ctx, factor, user, { passCode: body.passCode, attestation: body.attestation, clientData: body.clientData, orgOrigin: ctx.origin(req) });
    factor.status = 'ACTIVE';
    factor.lastUpdated = ctx.clock.now();
    factor.activationAttempts = [];
    sendJson(res, 200, renderApiFactor(ctx, ctx.origin(req), factor));
  });

  routes.add('post', '/api/v1/users/:userId/factors/:factorId/lifecycle/activate/poll', (req, res) => {
    const user = admin(req);
    const factor = factorFor(req, user);
    if (factor.factorType !== 'push') throw oktaErrors.lifecycleNotAllowed();
    pushActivationPoll(req, res, user, factor);
  });

  routes.add('post', '/api/v1/users/:userId/factors/:factorId/lifecycle/activate/:channel', (req, res) => {
    const user = admin(req);
    const factor = factorFor(req, user);
    const channel = param(req, 'channel');
    if (channel !== 'sms' && channel !== 'email') throw oktaErrors.unknownPath();
    if (factor.factorType !== 'push' || factor.status === 'ACTIVE') throw oktaErrors.lifecycleNotAllowed();
    if (activationState(ctx, factor) === 'TIMEOUT') startActivation(ctx, factor);
    const text = `Open this link on your phone to set up Okta Verify: ${ctx.origin(req)}/api/v1/users/${user.id}/factors/${factor.id}/qr/${factor.qrToken ?? ''}`;
    if (channel === 'sms') deliver(ctx, 'sms', normalizePhone(parseBody(SendSmsSchema, req, 'activationRequest').profile.phoneNumber), text, null);
    else deliver(ctx, 'email', user.profile.email, text, null);
    sendJson(res, 200, apiActivation(ctx, ctx.origin(req), factor) ?? {});
  });

  routes.add('post', '/api/v1/users/:userId/factors/:factorId/resend', (req, res) => {
    const user = admin(req);
    const factor = factorFor(req, user);
    parseBody(EmptySchema, req, 'resendRequest');
    const kind = kindOf(factor.factorType);
    if (!kind.sendCode || factor.status !== 'PENDING_ACTIVATION') throw oktaErrors.lifecycleNotAllowed();
    kind.sendCode(ctx, factor, user, 'activation');
    sendJson(res, 200, renderApiFactor(ctx, ctx.origin(req), factor));
  });

  routes.add('post', '/api/v1/users/:userId/factors/:factorId/verify', async (req, res) => {
    const user = admin(req);
    const factor = factorFor(req, user);
    const body = parseBody(VerifySchema, req, 'verifyFactorRequest');
    if (factor.status !== 'ACTIVE') throw oktaErrors.lifecycleNotAllowed();
    const origin = ctx.origin(req);
    const base = `${origin}/api/v1/users/${user.id}/factors/${factor.id}`;
    const kind = kindOf(factor.factorType);
    if (factor.factorType === 'push') {
      const push = startPush(ctx, factor, user);
      const poll = `${base}/transactions/${push.id}`;
      res.setHeader('Location', poll);
      sendJson(res, 202, {
        expiresAt: iso(push.expiresAt),
        factorResult: 'WAITING',
        profile: kind.apiProfile(factor),
        _links: { poll: authnLink(poll, ['GET']), cancel: authnLink(poll, ['DELETE']) },
      });
      return;
    }
    // WebAuthn and U2F: a challenge of the factor's own first, then the assertion signed over it
    // (any part of one is an attempt: a missing part is a 400, not a new challenge).
    const assertion = [body.clientData, body.authenticatorData, body.signatureData].some((part) => part !== undefined);
    if (kind.issueChallenge && !assertion) {
      kind.issueChallenge(ctx, factor, factor);
      sendJson(res, 200, {
        factorResult: 'CHALLENGE',
        profile: kind.apiProfile(factor),
        _embedded: { challenge: kind.challengeObject?.(ctx, factor, factor) },
        _links: { verify: authnLink(`${base}/verify`, ['POST']), factor: authnLink(base, ['GET', 'DELETE']) },
      });
      return;
    }
    if (kind.hasCredential(body) || (kind.issueChallenge && assertion)) {
      await kind.verify(ctx, factor, user, { ...body, orgOrigin: origin, transaction: factor });
      sendJson(res, 200, { factorResult: 'SUCCESS' });
      return;
    }
    if (!kind.sendCode) throw oktaErrors.validation('verifyFactorRequest', ['passCode: Required']);
    kind.sendCode(ctx, factor, user, 'verification');
    sendJson(res, 200, {
      factorResult: 'CHALLENGE',
      profile: kind.apiProfile(factor),
      _links: { verify: authnLink(`${base}/verify`, ['POST']), factor: authnLink(base, ['GET', 'DELETE']) },
    });
  });

  const pushTransaction = (req: Request, res: Response): void => {
    const user = admin(req);
    const factor = factorFor(req, user);
    const transactionId = param(req, 'transactionId');
    if (factor.factorType !== 'push' || !isPushOf(ctx, factor, transactionId)) throw oktaErrors.notFound(`${transactionId} (Transaction)`);
    const origin = ctx.origin(req);
    const base = `${origin}/api/v1/users/${user.id}/factors/${factor.id}`;
    if (req.method === 'DELETE') {
      // Cancelling a push a newer one replaced leaves the newer one alone.
      if (factor.push?.id === transactionId) factor.push = null;
      res.status(204).end();
      return;
    }
    const state = pushState(ctx, factor, transactionId);
    if (state === 'APPROVED') {
      sendJson(res, 200, { factorResult: 'SUCCESS' });
      return;
    }
    if (state === 'WAITING' && factor.push) {
      const poll = `${base}/transactions/${transactionId}`;
      sendJson(res, 200, {
        expiresAt: iso(factor.push.expiresAt),
        factorResult: 'WAITING',
        ...(factor.push.correctAnswer !== null ? { _embedded: { challenge: { correctAnswer: factor.push.correctAnswer } } } : {}),
        _links: { poll: authnLink(poll, ['GET']), cancel: authnLink(poll, ['DELETE']) },
      });
      return;
    }
    sendJson(res, 200, {
      factorResult: state,
      _links: { verify: authnLink(`${base}/verify`, ['POST']), factor: authnLink(base, ['GET', 'DELETE']) },
    });
  };
  routes.add('get', '/api/v1/users/:userId/factors/:factorId/transactions/:transactionId', pushTransaction);
  routes.add('delete', '/api/v1/users/:userId/factors/:factorId/transactions/:transactionId', pushTransaction);
  routes.add('get', '/api/v1/users/:userId/factors/:factorId/verify/:transactionId', pushTransaction);

  routes.add('get', '/api/v1/users/:userId/factors/:factorId/qr/:qrToken', async (req, res) => {
    const user = userFor(req);
    const factor = factorFor(req, user);
    const qrToken = param(req, 'qrToken');
    if (!factor.qrToken || !safeEqual(factor.qrToken, qrToken) || factor.status === 'ACTIVE') throw oktaErrors.notFound(`${qrToken} (QR code)`);
    const content =
      factor.factorType === 'token:software:totp'
        ? totpUri(factor, new URL(ctx.origin(req)).host)
        : `oktaverify://activate?org=${encodeURIComponent(ctx.origin(req))}&factorId=${factor.id}&token=${qrToken}`;
    // Imported on first use: few runs show a QR code, and every start-up would pay for it.
    const { default: QRCode } = await import('qrcode');
    const png = await QRCode.toBuffer(content, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 220 });
    res.setHeader('Cache-Control', 'no-store');
    res.status(200).type('image/png').send(png);
  });

}

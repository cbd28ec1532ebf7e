import { z } from 'zod';
import type { SimContext } from './context.js';
import { iso } from './clock.js';
import { oktaErrors } from './errors.js';
import { answerPending } from './factors/push.js';
import { tokenPasscode, tokenPeriod } from './factors/token.js';
import { TOTP_PERIOD, totpFor } from './factors/totp.js';
import { yubikeyOtp } from './factors/yubikey.js';
import { param, parseBody, parseQuery, sendJson, validate } from './http.js';
import { PolicyControlSchema, mergePatch, policyControlView, splitPolicyControl } from './policy.js';
import type { RouteTable } from './router.js';
import type { FactorRecord, UserRecord } from './store.js';

const OutboxQuerySchema = z.object({ to: z.string().max(200).optional(), channel: z.enum(['sms', 'call', 'email']).optional() });
const PushAnswerSchema = z.object({ answer: z.number().int().min(0).max(999).optional() });
const AdvanceSchema = z.object({ seconds: z.number().finite().min(0).max(10 * 365 * 86_400) });
const HardwareProviderSchema = z.enum(['RSA', 'SYMANTEC', 'YUBICO']);
// Kept as sent (not copied), so a key such as `__proto__` reaches the strict schema and is refused by name.
const PolicyPatchSchema = z.custom<Record<string, unknown>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value));
const PASSWORD_POLICY_PARTS = ['password', 'lockout', 'recovery'];

/** The passcode a TOTP, RSA/Symantec or YubiKey factor shows now, or the outstanding sms/call/email code. */
function currentPasscode(ctx: SimContext, factor: FactorRecord): { passCode: string; expiresAt?: string } {
  const now = ctx.clock.now();
  if (factor.factorType === 'token:software:totp' && factor.secret) {
    const step = Math.floor(now / (TOTP_PERIOD * 1000));
    return { passCode: totpFor(factor.secret, TOTP_PERIOD).generate({ timestamp: now }), expiresAt: iso((step + 1) * TOTP_PERIOD * 1000) };
  }
  if (factor.factorType === 'token') {
    const period = tokenPeriod(factor.provider) * 1000;
    return { passCode: tokenPasscode(ctx, factor.provider, String(factor.profile.credentialId)), expiresAt: iso((Math.floor(now / period) + 1) * period) };
  }
  if (factor.factorType === 'token:hardware') {
    return { passCode: yubikeyOtp(ctx, String(factor.profile.credentialId), factor.lastUsedCounter + 1) };
  }
  if (factor.code && !factor.code.used && now < factor.code.expiresAt) {
    return { passCode: factor.code.code, expiresAt: iso(factor.code.expiresAt) };
  }
  throw oktaErrors.notFound(`${factor.id} (Passcode)`);
}

/** `/__sim/*`: outbox, push answers, clock, per-user policy and passcode reveal (only with `devControls`). */
export function registerDevControls(ctx: SimContext, routes: RouteTable): void {
  const userFor = (id: string): UserRecord => {
    const user = ctx.store.findUser(id);
    if (!user) throw oktaErrors.notFound(`${id} (User)`);
    return user;
  };

  routes.add('get', '/__sim/outbox', (req, res) => {
    const query = parseQuery(OutboxQuerySchema, req);
    sendJson(res, 200, ctx.store.outbox.list(query.to, query.channel));
  });

  routes.add('delete', '/__sim/outbox', (_req, res) => {
    ctx.store.outbox.clear();
    res.status(204).end();
  });

  for (const verdict of ['approve', 'reject'] as const) {
    routes.add('post', `/__sim/push/:factorId/${verdict}`, (req, res) => {
      const body = parseBody(PushAnswerSchema, req, 'pushAnswer');
      const factorId = param(req, 'factorId');
      const factor = ctx.store.factors.get(factorId);
      if (!factor || factor.factorType !== 'push') throw oktaErrors.notFound(`${factorId} (UserFactor)`);
      const user = userFor(factor.userId);
      const answered = answerPending(ctx, factor, user, verdict === 'approve', body.answer);
      sendJson(res, 200, { factorId, answered, result: answered === 'verification' ? factor.push?.result : factor.status });
    });
  }

  routes.add('get', '/__sim/clock', (_req, res) => sendJson(res, 200, { now: iso(ctx.clock.now()) }));
  routes.add('post', '/__sim/clock/advance', (req, res) => {
    const body = parseBody(AdvanceSchema, req, 'clockAdvance');
    ctx.clock.advance(body.seconds * 1000);
    sendJson(res, 200, { now: iso(ctx.clock.now()) });
  });

  const policyOf = (user: UserRecord) => policyControlView(user.policy, ctx.store.passwordPolicyOf(user));

  routes.add('get', '/__sim/users', (_req, res) => {
    sendJson(
      res,
      200,
      [...ctx.store.users.values()].map((user) => ({ id: user.id, login: user.profile.login, status: user.status, policy: policyOf(user) })),
    );
  });

  routes.add('get', '/__sim/users/:userId/policy', (req, res) => sendJson(res, 200, policyOf(userFor(param(req, 'userId')))));
  routes.add('put', '/__sim/users/:userId/policy', (req, res) => {
    const user = userFor(param(req, 'userId'));
    const patch = parseBody(PolicyPatchSchema, req, 'policy');
    // The patch is laid over what is in effect and the result validated whole: nothing changes unless all of it is valid.
    const { policy, passwordPolicy } = splitPolicyControl(validate(PolicyControlSchema, mergePatch(policyOf(user), patch), 'policy'));
    user.policy = policy;
    // Naming any password-policy part gives the user a policy of their own; the named one stays as it is for everyone else.
    if (PASSWORD_POLICY_PARTS.some((part) => Object.hasOwn(patch, part))) user.ownPasswordPolicy = passwordPolicy;
    sendJson(res, 200, policyOf(user));
  });

  routes.add('get', '/__sim/users/:userId/factors/:factorId/passcode', (req, res) => {
    const user = userFor(param(req, 'userId'));
    const factorId = param(req, 'factorId');
    const factor = ctx.store.factors.get(factorId);
    if (!factor || factor.userId !== user.id) throw oktaErrors.notFound(`${factorId} (UserFactor)`);
    sendJson(res, 200, { factorId, factorType: factor.factorType, provider: factor.provider, ...currentPasscode(ctx, factor) });
  });

  routes.add('get', '/__sim/hardware-tokens/:provider/:credentialId/passcode', (req, res) => {
    const provider = HardwareProviderSchema.safeParse(param(req, 'provider'));
    if (!provider.success) throw oktaErrors.validation('provider', ['provider: one of RSA, SYMANTEC, YUBICO']);
    const credentialId = param(req, 'credentialId');
    if (provider.data === 'YUBICO') {
      if (!/^[cbdefghijklnrtuv]{12}$/.test(credentialId)) throw oktaErrors.validation('credentialId', ['credentialId: 12 modhex characters']);
      sendJson(res, 200, { provider: 'YUBICO', credentialId, passCode: yubikeyOtp(ctx, credentialId, 1) });
      return;
    }
    const period = tokenPeriod(provider.data) * 1000;
    const now = ctx.clock.now();
    sendJson(res, 200, {
      provider: provider.data,
      credentialId,
      passCode: tokenPasscode(ctx, provider.data, credentialId),
      nextPassCode: tokenPasscode({ ...ctx, clock: { now: () => now + period, advance: () => undefined } }, provider.data, credentialId),
      expiresAt: iso((Math.floor(now / period) + 1) * period),
    });
  });
}

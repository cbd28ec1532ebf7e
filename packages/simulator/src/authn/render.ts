import type {
  AuthnUser,
  Factor,
  FactorTypeEntry,
  Links,
  RememberDevicePolicy,
  StepUpAuthentication,
  StepUpTarget,
  TransactionBody,
  TransactionBodyOf,
} from '@okta-authn/core';
import type { SimContext } from '../context.js';
import { iso } from '../clock.js';
import { oktaErrors } from '../errors.js';
import { FACTOR_KINDS, catalog, isDelivered, isOffered, kindOf, maxEnrolled } from '../factors/index.js';
import { activationState } from '../factors/push.js';
import { openVerification } from '../factors/fido.js';
import { TOTP_PERIOD } from '../factors/totp.js';
import { WEBAUTHN_BY_TYPE, webauthnFactorsOf } from '../factors/webauthn.js';
import { embeddedPasswordPolicy, warnDaysLeft } from '../policy.js';
import type { SimFactorType } from '../policy.js';
import type { FactorRecord, StepUpRecord, TransactionRecord, UserRecord } from '../store.js';
import { enrollmentOf, unmetRequirements } from './enrollment.js';
import { cancelLink, link, prevLink } from './links.js';

/** `_embedded.user` as authn releases it. */
export function authnUser(user: UserRecord, withRecoveryQuestion = false): AuthnUser {
  return {
    id: user.id,
    passwordChanged: user.passwordChanged === null ? null : iso(user.passwordChanged),
    profile: {
      login: user.profile.login,
      firstName: user.profile.firstName,
      lastName: user.profile.lastName,
      locale: user.profile.locale ?? 'en_US',
      timeZone: user.profile.timezone ?? 'America/Los_Angeles',
    },
    ...(withRecoveryQuestion && user.recoveryQuestion ? { recovery_question: { question: user.recoveryQuestion.question } } : {}),
  };
}

/** Order of factor types in lists, as Okta shows them. */
function factorOrder(factor: { factorType: string; provider: string }): number {
  const types = Object.keys(FACTOR_KINDS);
  return types.indexOf(factor.factorType) * 10 + (factor.provider === 'GOOGLE' ? 1 : 0);
}

/** An enrolled factor as an authn transaction shows it. */
export function authnFactor(origin: string, factor: FactorRecord, withVerifyLink: boolean): Factor {
  return {
    id: factor.id,
    factorType: factor.factorType,
    provider: factor.provider,
    vendorName: factor.provider,
    profile: kindOf(factor.factorType).authnProfile(factor),
    ...(withVerifyLink ? { _links: { verify: link(`${origin}/api/v1/authn/factors/${factor.id}/verify`) } } : {}),
  };
}

/** The remember-device policy object of `MFA_REQUIRED` / `MFA_CHALLENGE`. */
export function rememberDevicePolicy(ctx: SimContext, user: UserRecord, tx: TransactionRecord): RememberDevicePolicy {
  const factorsPolicyInfo: Record<string, { autoPushEnabled: boolean }> = {};
  for (const [factorId, enabled] of user.autoPush) factorsPolicyInfo[factorId] = { autoPushEnabled: enabled };
  const known = tx.deviceKey !== null && user.rememberedDevices.has(tx.deviceKey);
  return {
    allowRememberDevice: user.policy.allowRememberDevice,
    rememberDeviceLifetimeInMinutes: user.policy.allowRememberDevice ? user.policy.rememberDeviceLifetimeInMinutes : 0,
    rememberDeviceByDefault: user.policy.allowRememberDevice && known,
    factorsPolicyInfo,
  };
}

/** The user's active factors with their verify links, and WebAuthn also by type (one challenge for every authenticator). */
function verifiableFactors(ctx: SimContext, origin: string, user: UserRecord): { factors: Factor[]; factorTypes?: FactorTypeEntry[] } {
  const factors = ctx.store
    .activeFactorsOf(user.id)
    .sort((a, b) => factorOrder(a) - factorOrder(b))
    .map((factor) => authnFactor(origin, factor, true));
  if (webauthnFactorsOf(ctx, user.id).length === 0) return { factors };
  return { factors, factorTypes: [{ factorType: 'webauthn', _links: { next: link(`${origin}/api/v1/authn/factors/${WEBAUTHN_BY_TYPE}/verify`, { name: 'verify' }) } }] };
}

/** (type, provider) pairs the user could still enroll. */
export function enrollable(ctx: SimContext, user: UserRecord): { factorType: SimFactorType; provider: string }[] {
  const active = ctx.store.activeFactorsOf(user.id);
  return catalog().filter(
    (entry) =>
      isOffered(entry.factorType, user) &&
      active.filter((factor) => factor.factorType === entry.factorType && factor.provider === entry.provider).length < maxEnrolled(entry.factorType),
  );
}

/** True when `MFA_ENROLL` may publish `skip`: nothing required is missing and MFA does not need a first factor. */
export function canSkipEnroll(ctx: SimContext, user: UserRecord, tx: TransactionRecord): boolean {
  if (unmetRequirements(ctx, user).length > 0) return false;
  const needsFirstFactor = user.policy.mfa === 'required' && !tx.flags.mfaSatisfied && ctx.store.activeFactorsOf(user.id).length === 0;
  return !needsFirstFactor;
}

function enrollFactors(ctx: SimContext, origin: string, user: UserRecord): Factor[] {
  const enrollment = enrollmentOf(ctx, user);
  const active = ctx.store.activeFactorsOf(user.id);
  return catalog()
    .filter(({ factorType }) => isOffered(factorType, user))
    .map(({ factorType, provider }) => {
      const count = active.filter((factor) => factor.factorType === factorType && factor.provider === provider).length;
      const maximum = maxEnrolled(factorType);
      const enrolled = count >= maximum;
      const links: Links = {};
      if (factorType === 'question') {
        links.questions = link(`${origin}/api/v1/users/${user.id}/factors/questions`, { allow: ['GET'] });
      }
      if (!enrolled) links.enroll = link(`${origin}/api/v1/authn/factors`);
      const entry: Factor = {
        factorType,
        provider,
        vendorName: provider,
        status: count > 0 ? 'ACTIVE' : 'NOT_SETUP',
        enrollment: enrollment({ factorType, provider }),
        // Types with several instances say how many there are and may be.
        ...(maximum > 1 ? { policy: { enrollment: { enrolled: count, minimum: enrollment({ factorType, provider }) === 'REQUIRED' ? 1 : 0, maximum } } } : {}),
        _links: links,
      };
      if (factorType === 'token' || factorType === 'token:hardware') entry.profile = { credentialId: user.profile.login };
      return entry;
    })
    .sort((a, b) => factorOrder(a) - factorOrder(b));
}

/** The activation object of a factor waiting in `MFA_ENROLL_ACTIVATE`. */
export function activationObject(ctx: SimContext, origin: string, factor: FactorRecord, user: UserRecord): Record<string, unknown> | undefined {
  const own = kindOf(factor.factorType).activation;
  if (own) return own(ctx, origin, factor, user);
  const qrcode = { href: `${origin}/api/v1/users/${user.id}/factors/${factor.id}/qr/${factor.qrToken ?? ''}`, type: 'image/png' };
  if (factor.factorType === 'token:software:totp') {
    return {
      timeStep: TOTP_PERIOD,
      sharedSecret: factor.secret,
      encoding: 'base32',
      keyLength: 6,
      _links: { qrcode },
    };
  }
  if (factor.factorType === 'push' && factor.pushActivation && activationState(ctx, factor) === 'WAITING') {
    return {
      expiresAt: iso(factor.pushActivation.expiresAt),
      factorResult: 'WAITING',
      _links: {
        qrcode,
        send: [
          link(`${origin}/api/v1/authn/factors/${factor.id}/lifecycle/activate/email`, { name: 'email' }),
          link(`${origin}/api/v1/authn/factors/${factor.id}/lifecycle/activate/sms`, { name: 'sms' }),
        ],
      },
    };
  }
  return undefined;
}

/** Path of the logo every simulated step-up app shows. */
export const STEP_UP_LOGO_PATH = '/assets/img/logos/simulated-app.svg';

/** `_embedded.target` and `_embedded.authentication` of a step-up transaction. */
function stepUpEmbedded(origin: string, stepUp: StepUpRecord): { target: StepUpTarget; authentication: StepUpAuthentication } {
  return {
    target: {
      type: 'APP',
      name: stepUp.appName,
      label: stepUp.appLabel,
      _links: { logo: { name: 'medium', href: `${origin}${STEP_UP_LOGO_PATH}`, type: 'image/svg+xml' } },
    },
    authentication: {
      protocol: 'SAML2.0',
      issuer: { id: stepUp.appId, name: stepUp.appLabel, uri: `http://www.okta.com/exk${stepUp.appId.slice(3)}` },
    },
  };
}

/**
 * A transaction whose factor is gone (deleted through the Factors API, or replaced) goes back
 * to choosing one: `MFA_REQUIRED` while the user has an active factor, else `MFA_ENROLL`.
 */
function recoverLostFactor(ctx: SimContext, tx: TransactionRecord): void {
  if (tx.status !== 'MFA_ENROLL_ACTIVATE' && tx.status !== 'MFA_CHALLENGE') return;
  if (tx.factorId === WEBAUTHN_BY_TYPE && tx.userId !== null && webauthnFactorsOf(ctx, tx.userId).length > 0) return;
  const factor = tx.factorId === null ? undefined : ctx.store.factors.get(tx.factorId);
  if (factor && factor.userId === tx.userId && (tx.status === 'MFA_ENROLL_ACTIVATE' || factor.status === 'ACTIVE')) return;
  const hasActive = tx.userId !== null && ctx.store.activeFactorsOf(tx.userId).length > 0;
  // Passwordless, not authenticated yet: back to its list (it ends when no factor is left, never enrolls).
  if (tx.passwordless && !tx.flags.mfaSatisfied && tx.status === 'MFA_CHALLENGE') tx.status = 'UNAUTHENTICATED';
  else tx.status = tx.status === 'MFA_CHALLENGE' && hasActive ? 'MFA_REQUIRED' : 'MFA_ENROLL';
  tx.factorId = null;
  tx.factorResult = null;
  tx.pushChallengeId = null;
}

/** Renders a live transaction in its current state; one that can no longer be shown ends (401 E0000011). */
export function renderTransaction(ctx: SimContext, origin: string, tx: TransactionRecord): TransactionBody {
  recoverLostFactor(ctx, tx);
  const base = {
    stateToken: tx.stateToken,
    ...(tx.stepUp !== null ? { type: 'SESSION_STEP_UP' } : {}),
    expiresAt: iso(tx.expiresAt),
    ...(tx.relayState !== null ? { relayState: tx.relayState } : {}),
  };
  if (tx.status === 'UNAUTHENTICATED' && tx.stepUp !== null && !tx.passwordless) {
    const body: TransactionBodyOf<'UNAUTHENTICATED'> = {
      ...base,
      status: 'UNAUTHENTICATED',
      _embedded: stepUpEmbedded(origin, tx.stepUp),
      _links: { next: link(`${origin}/api/v1/authn`, { name: 'authenticate' }) },
    };
    return body;
  }
  if (tx.status === 'RECOVERY_CHALLENGE') {
    const type = tx.recoveryFactorType ?? 'SMS';
    const body: TransactionBodyOf<'RECOVERY_CHALLENGE'> = {
      ...base,
      status: 'RECOVERY_CHALLENGE',
      factorType: type,
      recoveryType: tx.recoveryType ?? 'PASSWORD',
      _links: {
        next: link(`${origin}/api/v1/authn/recovery/factors/${type}/verify`, { name: 'verify' }),
        cancel: cancelLink(origin),
        resend: link(`${origin}/api/v1/authn/recovery/factors/${type}/resend`, { name: type.toLowerCase() }),
      },
    };
    return body;
  }
  const user = tx.userId === null ? undefined : ctx.store.users.get(tx.userId);
  if (!user) return unrenderable(ctx, tx);
  if (tx.status === 'UNAUTHENTICATED') {
    // Passwordless: the factors to verify, but no user yet (nothing is released before a factor is verified).
    const choice = verifiableFactors(ctx, origin, user);
    if (!tx.passwordless || choice.factors.length === 0) return unrenderable(ctx, tx);
    const body: TransactionBodyOf<'UNAUTHENTICATED'> = {
      ...base,
      status: 'UNAUTHENTICATED',
      _embedded: { ...(tx.stepUp !== null ? stepUpEmbedded(origin, tx.stepUp) : {}), ...choice, policy: rememberDevicePolicy(ctx, user, tx) },
      // A step-up has no cancel link before it is authenticated.
      _links: tx.stepUp !== null ? {} : { cancel: cancelLink(origin) },
    };
    return body;
  }
  const embeddedUser = authnUser(user);
  switch (tx.status) {
    case 'RECOVERY': {
      const body: TransactionBodyOf<'RECOVERY'> = {
        ...base,
        status: 'RECOVERY',
        recoveryType: tx.recoveryType ?? 'PASSWORD',
        _embedded: { user: authnUser(user, true) },
        _links: { next: link(`${origin}/api/v1/authn/recovery/answer`, { name: 'answer' }), cancel: cancelLink(origin) },
      };
      return body;
    }
    case 'PASSWORD_RESET': {
      const body: TransactionBodyOf<'PASSWORD_RESET'> = {
        ...base,
        status: 'PASSWORD_RESET',
        recoveryType: tx.recoveryType ?? 'PASSWORD',
        _embedded: { user: embeddedUser, policy: embeddedPasswordPolicy(ctx.store.passwordPolicyOf(user)) },
        _links: {
          next: link(`${origin}/api/v1/authn/credentials/reset_password`, { name: 'resetPassword' }),
          cancel: cancelLink(origin),
        },
      };
      return body;
    }
    case 'PASSWORD_EXPIRED': {
      const body: TransactionBodyOf<'PASSWORD_EXPIRED'> = {
        ...base,
        status: 'PASSWORD_EXPIRED',
        _embedded: { user: embeddedUser, policy: embeddedPasswordPolicy(ctx.store.passwordPolicyOf(user)) },
        _links: {
          next: link(`${origin}/api/v1/authn/credentials/change_password`, { name: 'changePassword' }),
          cancel: cancelLink(origin),
        },
      };
      return body;
    }
    case 'PASSWORD_WARN': {
      const policy = ctx.store.passwordPolicyOf(user);
      const days = warnDaysLeft(policy, user.passwordChanged ?? 0, ctx.clock.now()) ?? 0;
      const body: TransactionBodyOf<'PASSWORD_WARN'> = {
        ...base,
        status: 'PASSWORD_WARN',
        _embedded: { user: embeddedUser, policy: embeddedPasswordPolicy(policy, days) },
        _links: {
          next: link(`${origin}/api/v1/authn/credentials/change_password`, { name: 'changePassword' }),
          skip: link(`${origin}/api/v1/authn/skip`, { name: 'skip' }),
          cancel: cancelLink(origin),
        },
      };
      return body;
    }
    case 'MFA_ENROLL': {
      const links: Links = { cancel: cancelLink(origin) };
      if (canSkipEnroll(ctx, user, tx)) links.skip = link(`${origin}/api/v1/authn/skip`, { name: 'skip' });
      const body: TransactionBodyOf<'MFA_ENROLL'> = {
        ...base,
        status: 'MFA_ENROLL',
        _embedded: { user: embeddedUser, factors: enrollFactors(ctx, origin, user) },
        _links: links,
      };
      return body;
    }
    case 'MFA_ENROLL_ACTIVATE': {
      const factor = ctx.store.factors.get(tx.factorId ?? '');
      if (!factor) return unrenderable(ctx, tx);
      const activation = activationObject(ctx, origin, factor, user);
      const factorBody: Factor = {
        ...authnFactor(origin, factor, false),
        ...(activation ? { _embedded: { activation } } : {}),
      };
      const base2 = `${origin}/api/v1/authn/factors/${factor.id}/lifecycle`;
      const links: Links = {
        next:
          factor.factorType === 'push'
            ? tx.factorResult === 'TIMEOUT'
              ? link(`${base2}/activate`, { name: 'activate' })
              : link(`${base2}/activate/poll`, { name: 'poll' })
            : link(`${base2}/activate`, { name: 'activate' }),
        prev: prevLink(origin),
        cancel: cancelLink(origin),
      };
      if (isDelivered(factor.factorType)) links.resend = [link(`${base2}/resend`, { name: factor.factorType })];
      const body: TransactionBodyOf<'MFA_ENROLL_ACTIVATE'> = {
        ...base,
        status: 'MFA_ENROLL_ACTIVATE',
        ...(tx.factorResult !== null ? { factorResult: tx.factorResult } : {}),
        _embedded: { user: embeddedUser, factor: factorBody },
        _links: links,
      };
      return body;
    }
    case 'MFA_REQUIRED': {
      const body: TransactionBodyOf<'MFA_REQUIRED'> = {
        ...base,
        status: 'MFA_REQUIRED',
        _embedded: { user: embeddedUser, ...verifiableFactors(ctx, origin, user), policy: rememberDevicePolicy(ctx, user, tx) },
        _links: { cancel: cancelLink(origin) },
      };
      return body;
    }
    case 'MFA_CHALLENGE': {
      if (tx.factorId === WEBAUTHN_BY_TYPE) {
        const factors = webauthnFactorsOf(ctx, user.id);
        const body: TransactionBodyOf<'MFA_CHALLENGE'> = {
          ...base,
          status: 'MFA_CHALLENGE',
          factorResult: 'CHALLENGE',
          challengeType: 'FACTOR_TYPE',
          factorType: WEBAUTHN_BY_TYPE,
          _embedded: {
            user: embeddedUser,
            challenge: { challenge: openVerification(ctx, tx), extensions: {} },
            factors: factors.map((factor) => authnFactor(origin, factor, false)),
            policy: rememberDevicePolicy(ctx, user, tx),
          },
          _links: { next: link(`${origin}/api/v1/authn/factors/${WEBAUTHN_BY_TYPE}/verify`, { name: 'verify' }), prev: prevLink(origin), cancel: cancelLink(origin) },
        };
        return body;
      }
      const factor = ctx.store.factors.get(tx.factorId ?? '');
      if (!factor) return unrenderable(ctx, tx);
      const verifyHref = `${origin}/api/v1/authn/factors/${factor.id}/verify`;
      const factorBody = authnFactor(origin, factor, false);
      if (factor.factorType === 'push' && tx.factorResult === 'WAITING' && factor.push?.correctAnswer != null) {
        factorBody._embedded = { challenge: { correctAnswer: factor.push.correctAnswer } };
      }
      const challenge = kindOf(factor.factorType).challengeObject?.(ctx, factor, tx);
      if (challenge) factorBody._embedded = { challenge };
      const links: Links = {
        next: link(verifyHref, { name: factor.factorType === 'push' && tx.factorResult === 'WAITING' ? 'poll' : 'verify' }),
        prev: prevLink(origin),
        cancel: cancelLink(origin),
      };
      if (isDelivered(factor.factorType) || factor.factorType === 'push') {
        links.resend = [link(`${verifyHref}/resend`, { name: factor.factorType })];
      }
      const body: TransactionBodyOf<'MFA_CHALLENGE'> = {
        ...base,
        status: 'MFA_CHALLENGE',
        ...(tx.factorResult !== null ? { factorResult: tx.factorResult } : {}),
        ...(tx.factorResult === 'CHALLENGE' ? { challengeType: 'FACTOR' } : {}),
        _embedded: { user: embeddedUser, factor: factorBody, policy: rememberDevicePolicy(ctx, user, tx) },
        _links: links,
      };
      return body;
    }
    case 'SUCCESS': {
      if (tx.stepUp === null) return unrenderable(ctx, tx);
      const original = `${origin}/login/step-up/redirect?stateToken=${encodeURIComponent(tx.stateToken)}`;
      const body: TransactionBodyOf<'SUCCESS'> = {
        ...base,
        status: 'SUCCESS',
        _embedded: { user: embeddedUser, ...stepUpEmbedded(origin, tx.stepUp) },
        _links: { next: link(original, { name: 'original', allow: ['GET'] }) },
      };
      return body;
    }
    default:
      return unrenderable(ctx, tx);
  }
}

/** Ends a transaction that cannot be shown (its user is gone, or its state has no live form): 401 E0000011. */
function unrenderable(ctx: SimContext, tx: TransactionRecord): never {
  if (ctx.store.transactions.get(tx.stateToken) === tx) ctx.store.dropTransaction(tx.stateToken);
  throw oktaErrors.invalidToken();
}

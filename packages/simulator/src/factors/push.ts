import { createHmac } from 'node:crypto';
import { iso } from '../clock.js';
import type { SimContext } from '../context.js';
import { oktaErrors } from '../errors.js';
import { challengeNumber, newOpaqueToken, oktaId } from '../ids.js';
import { safeEqual } from '../secrets.js';
import type { FactorRecord, PushChallenge, UserRecord } from '../store.js';
import type { FactorKind } from './kind.js';
import { newFactor } from './kind.js';

/** How long a device has to pair after enrollment (or a restart of the activation). */
export const PUSH_ACTIVATION_MS = 5 * 60_000;
/** How long a sign-in push waits for an answer before it times out. */
export const PUSH_VERIFY_MS = 5 * 60_000;

/** Where a push activation stands. */
export type ActivationState = 'WAITING' | 'TIMEOUT' | 'DONE';
/** Where a push verification stands. */
export type PushState = 'WAITING' | 'APPROVED' | 'REJECTED' | 'TIMEOUT';

/** (Re)starts device pairing: a new QR token and deadline. */
export function startActivation(ctx: SimContext, factor: FactorRecord): void {
  factor.pushActivation = { expiresAt: ctx.clock.now() + PUSH_ACTIVATION_MS, token: newOpaqueToken(), completed: false };
  factor.qrToken = factor.pushActivation.token;
}

/** Where the activation of a push factor stands now. */
export function activationState(ctx: SimContext, factor: FactorRecord): ActivationState {
  if (factor.status === 'ACTIVE' || factor.pushActivation?.completed) return 'DONE';
  if (!factor.pushActivation || ctx.clock.now() >= factor.pushActivation.expiresAt) return 'TIMEOUT';
  return 'WAITING';
}

/** Pairs the simulated phone: the factor becomes ACTIVE with a device profile. */
export function completeActivation(ctx: SimContext, factor: FactorRecord, user: UserRecord): void {
  factor.status = 'ACTIVE';
  factor.lastUpdated = ctx.clock.now();
  if (factor.pushActivation) factor.pushActivation.completed = true;
  factor.profile = {
    credentialId: user.profile.login,
    deviceType: 'SmartPhone_Android',
    name: 'Simulated Pixel',
    platform: 'ANDROID',
    version: '14',
    keys: [{ kty: 'PKIX', use: 'sig', kid: 'default', x5c: [] }],
  };
}

/** Characters of the org-secret MAC of `label`, hex. */
function derived(ctx: SimContext, label: string, length: number): string {
  return createHmac('sha256', ctx.hardwareSecret).update(label).digest('hex').slice(0, length);
}

/** The id of the simulated phone a paired push factor lives on (`mbd…`, stable for the factor). */
export function deviceIdOf(ctx: SimContext, factor: FactorRecord): string {
  return `mbd${derived(ctx, `device:${factor.id}`, 17)}`;
}

/**
 * The device of a paired push factor, as the Factors API embeds it with `?expand=device` (seed
 * 004): id, status, when it paired, and its profile (platform, type, name, OS version, udid, serial).
 */
export function deviceOf(ctx: SimContext, factor: FactorRecord): Record<string, unknown> | undefined {
  if (factor.factorType !== 'push' || factor.status !== 'ACTIVE') return undefined;
  const { platform, deviceType, name, version } = factor.profile;
  return {
    id: deviceIdOf(ctx, factor),
    status: 'ACTIVE',
    created: iso(factor.lastUpdated),
    lastUpdated: iso(factor.lastUpdated),
    profile: { udid: derived(ctx, `udid:${factor.id}`, 40), platform, deviceType, name, version, serial: derived(ctx, `serial:${factor.id}`, 12).toUpperCase() },
  };
}

/** The last 8 characters of a push id: a MAC of its first 12 and the factor, under the org's secret. */
function pushIdTag(ctx: SimContext, factorId: string, head: string): string {
  return derived(ctx, `push:${factorId}:${head}`, 8);
}

/** True when `id` names a push this factor sent: the pending one, or one a newer push replaced. */
export function isPushOf(ctx: SimContext, factor: FactorRecord, id: string): boolean {
  return id.length === 20 && id.startsWith('mst') && safeEqual(pushIdTag(ctx, factor.id, id.slice(0, 12)), id.slice(12));
}

/** Sends a new sign-in push (replacing any earlier one); with a number challenge when the user's policy asks. */
export function startPush(ctx: SimContext, factor: FactorRecord, user: UserRecord): PushChallenge {
  // The id carries a tag, so a replaced push's poll and cancel links still answer (as timed out).
  const head = oktaId('mst').slice(0, 12);
  factor.push = {
    id: head + pushIdTag(ctx, factor.id, head),
    expiresAt: ctx.clock.now() + PUSH_VERIFY_MS,
    result: 'WAITING',
    correctAnswer: user.policy.numberChallenge ? challengeNumber() : null,
  };
  return factor.push;
}

/** Where the sign-in push `challengeId` stands; a replaced or unknown push counts as timed out. */
export function pushState(ctx: SimContext, factor: FactorRecord, challengeId: string | null): PushState {
  const push = factor.push;
  if (!push || push.id !== challengeId) return 'TIMEOUT';
  if (push.result !== 'WAITING') return push.result;
  return ctx.clock.now() >= push.expiresAt ? 'TIMEOUT' : 'WAITING';
}

/**
 * Answers what is pending on the phone: a device activation or a sign-in push. A number
 * challenge answered with the wrong number counts as a rejection.
 */
export function answerPending(
  ctx: SimContext,
  factor: FactorRecord,
  user: UserRecord,
  approve: boolean,
  answer: number | undefined,
): 'activation' | 'verification' {
  if (factor.status === 'PENDING_ACTIVATION' && activationState(ctx, factor) === 'WAITING') {
    if (approve) completeActivation(ctx, factor, user);
    else factor.pushActivation = null;
    return 'activation';
  }
  const push = factor.push;
  if (push && pushState(ctx, factor, push.id) === 'WAITING') {
    const numberOk = push.correctAnswer === null || answer === push.correctAnswer;
    push.result = approve && numberOk ? 'APPROVED' : 'REJECTED';
    return 'verification';
  }
  throw oktaErrors.notFound(`${factor.id} (Push)`);
}

/** Okta Verify push: paired by QR code (or a link sent by SMS/email), verified on the phone. */
export const pushFactor: FactorKind = {
  type: 'push',
  providers: ['OKTA'],
  amr: ['swk'],
  idPrefix: () => 'opf',
  async enroll(ctx, user) {
    const factor = newFactor(ctx, user, pushFactor, 'OKTA', {}, 'PENDING_ACTIVATION');
    startActivation(ctx, factor);
    return factor;
  },
  authnProfile: (factor) => {
    const { keys: _keys, ...profile } = factor.profile;
    return profile;
  },
  apiProfile: (factor) => ({ ...factor.profile }),
  hasCredential: () => false,
  async verify() {
    throw oktaErrors.illegalState();
  },
};

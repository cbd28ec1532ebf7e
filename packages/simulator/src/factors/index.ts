import type { SimFactorType } from '../policy.js';
import type { UserRecord } from '../store.js';
import { callFactor } from './call.js';
import { emailFactor } from './email.js';
import type { FactorKind } from './kind.js';
import { pushFactor } from './push.js';
import { questionFactor } from './question.js';
import { smsFactor } from './sms.js';
import { tokenFactor } from './token.js';
import { totpFactor } from './totp.js';
import { u2fFactor } from './u2f.js';
import { webauthnFactor } from './webauthn.js';
import { yubikeyFactor } from './yubikey.js';

/** Every factor type the simulator implements, in the order Okta lists them for enrollment. */
export const FACTOR_KINDS: Record<SimFactorType, FactorKind> = {
  question: questionFactor,
  sms: smsFactor,
  call: callFactor,
  email: emailFactor,
  'token:software:totp': totpFactor,
  push: pushFactor,
  token: tokenFactor,
  'token:hardware': yubikeyFactor,
  webauthn: webauthnFactor,
  u2f: u2fFactor,
};

/** The implementation of a factor type. */
export function kindOf(type: SimFactorType): FactorKind {
  return FACTOR_KINDS[type];
}

/** Every (factorType, provider) pair the org offers. */
export function catalog(): { factorType: SimFactorType; provider: string }[] {
  return Object.values(FACTOR_KINDS).flatMap((kind) => kind.providers.map((provider) => ({ factorType: kind.type, provider })));
}

/** True when the org offers `type` to `user` in `MFA_ENROLL` (WebAuthn only when the user's policy names it). */
export function isOffered(type: SimFactorType, user: UserRecord): boolean {
  return kindOf(type).offeredTo?.(user) ?? true;
}

/** How many active factors of `type` (and one provider) a user may have: several WebAuthn authenticators, else one. */
export function maxEnrolled(type: SimFactorType): number {
  return kindOf(type).maxEnrolled ?? 1;
}

/** True for factor types whose codes are delivered (sms, call, email). */
export function isDelivered(type: SimFactorType): boolean {
  return type === 'sms' || type === 'call' || type === 'email';
}

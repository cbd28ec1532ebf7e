import { createHmac } from 'node:crypto';
import { base32 } from './base32.js';
import type { SimContext } from '../context.js';
import { oktaErrors } from '../errors.js';
import type { FactorKind } from './kind.js';
import { newFactor } from './kind.js';
import { totpFor, verifyTimeCode } from './totp.js';

/** Code period per provider: RSA SecurID tokens change every 60 s, Symantec VIP every 30 s. */
export function tokenPeriod(provider: string): number {
  return provider === 'RSA' ? 60 : 30;
}

/** The seed of the (simulated) hardware token with this serial, derived from the org's secret. */
export function tokenSecret(ctx: SimContext, provider: string, credentialId: string): string {
  return base32(createHmac('sha1', ctx.hardwareSecret).update(`${provider}:${credentialId}`).digest());
}

/** The code token `credentialId` of `provider` shows now (dev controls reveal it). */
export function tokenPasscode(ctx: SimContext, provider: string, credentialId: string): string {
  return totpFor(tokenSecret(ctx, provider, credentialId), tokenPeriod(provider)).generate({ timestamp: ctx.clock.now() });
}

/** The code a token shows at time step `step`. */
function codeAtStep(secret: string, period: number, step: number): string {
  return totpFor(secret, period).generate({ timestamp: step * period * 1000 });
}

/** RSA SecurID and Symantec VIP tokens: the passcode (Symantec: and the next one) is checked at enrollment. */
export const tokenFactor: FactorKind = {
  type: 'token',
  providers: ['RSA', 'SYMANTEC'],
  amr: ['otp'],
  idPrefix: (provider) => (provider === 'RSA' ? 'rsa' : 'ufv'),
  async enroll(ctx, user, input) {
    const credentialId = input.profile?.credentialId;
    if (typeof credentialId !== 'string' || credentialId.trim().length === 0 || credentialId.length > 100) {
      throw oktaErrors.validation('factorEnrollRequest', ['Invalid Profile.']);
    }
    const factor = newFactor(ctx, user, tokenFactor, input.provider, { credentialId }, 'ACTIVE');
    factor.secret = tokenSecret(ctx, input.provider, credentialId);
    verifyTimeCode(ctx, factor, input.passCode, tokenPeriod(input.provider));
    if (input.provider === 'SYMANTEC') {
      const expectedNext = codeAtStep(factor.secret, 30, factor.lastUsedCounter + 1);
      if (input.nextPassCode !== expectedNext) {
        throw oktaErrors.invalidPasscode("Your passcode doesn't match our records. Please try again.");
      }
      factor.lastUsedCounter += 1;
    }
    return factor;
  },
  authnProfile: (factor) => ({ credentialId: factor.profile.credentialId }),
  apiProfile: (factor) => ({ credentialId: factor.profile.credentialId }),
  hasCredential: (input) => typeof input.passCode === 'string',
  async verify(ctx, factor, _user, input) {
    verifyTimeCode(ctx, factor, input.passCode, tokenPeriod(factor.provider));
  },
};

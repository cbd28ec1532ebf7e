import { Secret, TOTP } from 'otpauth';
import type { SimContext } from '../context.js';
import { oktaErrors } from '../errors.js';
import { newOpaqueToken } from '../ids.js';
import type { FactorRecord } from '../store.js';
import type { FactorKind } from './kind.js';
import { newFactor } from './kind.js';

/** TOTP period in seconds (RFC 6238 default, what Okta publishes as `timeStep`). */
export const TOTP_PERIOD = 30;

/** An RFC 6238 generator for a base32 secret. */
export function totpFor(secret: string, period: number, label = 'okta-authn-sim', issuer = 'okta-authn-sim'): TOTP {
  return new TOTP({ issuer, label, algorithm: 'SHA1', digits: 6, period, secret: Secret.fromBase32(secret) });
}

/**
 * Checks a time-based code (±1 step) and refuses a code whose step was already used:
 * 403 E0000068 for a wrong code, 403 E0000082 for a replay.
 */
export function verifyTimeCode(ctx: SimContext, factor: FactorRecord, passCode: string | undefined, period: number): void {
  if (!factor.secret || typeof passCode !== 'string' || !/^\d{6}$/.test(passCode.trim())) {
    throw oktaErrors.invalidPasscode("Your passcode doesn't match our records. Please try again.");
  }
  const timestamp = ctx.clock.now();
  const generator = totpFor(factor.secret, period);
  const delta = generator.validate({ token: passCode.trim(), timestamp, window: 1 });
  if (delta === null) throw oktaErrors.invalidPasscode("Your passcode doesn't match our records. Please try again.");
  const step = generator.counter({ timestamp }) + delta;
  if (step <= factor.lastUsedCounter) throw oktaErrors.passcodeReplayed();
  factor.lastUsedCounter = step;
}

/** The code a time-based factor shows right now (dev controls). */
export function currentTimeCode(ctx: SimContext, secret: string, period: number): string {
  return totpFor(secret, period).generate({ timestamp: ctx.clock.now() });
}

/** The `otpauth://` URI the activation QR code encodes. */
export function totpUri(factor: FactorRecord, issuer: string): string {
  return totpFor(factor.secret ?? '', TOTP_PERIOD, String(factor.profile.credentialId ?? ''), issuer).toString();
}

/** Okta Verify (OKTA) and Google Authenticator (GOOGLE) TOTP. */
export const totpFactor: FactorKind = {
  type: 'token:software:totp',
  providers: ['OKTA', 'GOOGLE'],
  amr: ['otp'],
  idPrefix: (provider) => (provider === 'GOOGLE' ? 'uft' : 'ost'),
  async enroll(ctx, user, input) {
    const factor = newFactor(ctx, user, totpFactor, input.provider, { credentialId: user.profile.login }, 'PENDING_ACTIVATION');
    factor.secret = new Secret({ size: 10 }).base32;
    factor.qrToken = newOpaqueToken();
    return factor;
  },
  authnProfile: (factor) => ({ credentialId: factor.profile.credentialId }),
  apiProfile: (factor) => ({ credentialId: factor.profile.credentialId }),
  hasCredential: (input) => typeof input.passCode === 'string',
  async verify(ctx, factor, _user, input) {
    verifyTimeCode(ctx, factor, input.passCode, TOTP_PERIOD);
  },
};

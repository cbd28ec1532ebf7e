import { oktaErrors } from '../errors.js';
import { FIDO_CHALLENGE_MS, issueVerification, openVerification, verifyAssertion } from './fido.js';
import type { FactorKind } from './kind.js';
import { assertionOf } from './webauthn.js';

/**
 * Legacy U2F security keys (`u2f`, FIDO), registered before WebAuthn (seeded, or through the
 * Factors API of an older org). Browsers no longer have the U2F API, so they are verified through
 * WebAuthn with the `appid` extension: the key signs for its `profile.appId` (the origin it was
 * registered on), the rest is a WebAuthn assertion. New U2F keys cannot be registered: browsers
 * register security keys as WebAuthn factors.
 */
export const u2fFactor: FactorKind = {
  type: 'u2f',
  providers: ['FIDO'],
  amr: ['hwk'],
  idPrefix: () => 'fuf',
  offeredTo: () => false,
  async enroll() {
    throw oktaErrors.validation('factorEnrollRequest', ['U2F keys can no longer be registered: enroll the key as a webauthn factor.']);
  },
  authnProfile: (factor) => ({ credentialId: factor.profile.credentialId, appId: factor.profile.appId, version: 'U2F_V2' }),
  apiProfile: (factor) => ({ credentialId: factor.profile.credentialId, appId: factor.profile.appId, version: 'U2F_V2' }),
  hasCredential: (input) => typeof input.clientData === 'string' && typeof input.signatureData === 'string',
  issueChallenge: (ctx, factor, tx) => void issueVerification(ctx, tx, [factor]),
  challengeObject(ctx, factor, tx) {
    const nonce = openVerification(ctx, tx, factor);
    return nonce === undefined ? undefined : { nonce, timeoutSeconds: FIDO_CHALLENGE_MS / 1000 };
  },
  async verify(ctx, factor, _user, input) {
    if (!input.orgOrigin) throw oktaErrors.illegalState();
    await verifyAssertion(ctx, input.transaction, [factor], assertionOf(input), input.orgOrigin);
  },
};

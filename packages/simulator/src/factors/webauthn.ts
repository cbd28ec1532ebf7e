import type { SimContext } from '../context.js';
import { oktaErrors } from '../errors.js';
import type { FactorRecord, TransactionRecord, UserRecord } from '../store.js';
import {
  FIDO_ALGORITHMS,
  issueActivationChallenge,
  issueVerification,
  openActivationChallenge,
  openVerification,
  registerCredential,
  rpIdOf,
  verifyAssertion,
} from './fido.js';
import type { FactorKind, VerifyInput } from './kind.js';
import { newFactor } from './kind.js';

/** The factor id segment that verifies WebAuthn by type: `POST /api/v1/authn/factors/webauthn/verify`. */
export const WEBAUTHN_BY_TYPE = 'webauthn';

/** How many WebAuthn authenticators a user may register. */
const WEBAUTHN_MAX_ENROLLED = 10;

/** The relying party name enrollments show (the org's name in Okta). */
const RP_NAME = 'okta-authn simulator';

/** Longest authenticator name accepted when enrolling. */
const NAME_MAX = 50;

/** The user's active WebAuthn factors, oldest first. */
export function webauthnFactorsOf(ctx: SimContext, userId: string): FactorRecord[] {
  return ctx.store.activeFactorsOf(userId).filter((factor) => factor.factorType === 'webauthn');
}

/** The default name of the user's `n`th key: "Security key", then "Security key 2", … */
const defaultName = (n: number): string => (n === 1 ? 'Security key' : `Security key ${n}`);

/**
 * The name a new authenticator gets: the one asked for, else the default name numbered after the
 * user's active keys, or the next number no key of theirs has, so a name never repeats after a removal.
 */
function authenticatorName(ctx: SimContext, user: UserRecord, asked: unknown): string {
  if (asked !== undefined) {
    if (typeof asked !== 'string' || !asked.trim() || asked.trim().length > NAME_MAX) {
      throw oktaErrors.validation('factorEnrollRequest', [`profile.authenticatorName: 1 to ${NAME_MAX} characters`]);
    }
    return asked.trim();
  }
  const taken = new Set(ctx.store.factorsOf(user.id).filter((factor) => factor.factorType === 'webauthn').map((factor) => factor.profile.authenticatorName));
  let next = webauthnFactorsOf(ctx, user.id).length + 1;
  while (taken.has(defaultName(next))) next += 1;
  return defaultName(next);
}

/** True when the request carries an assertion (or, activating, an attestation). */
function carriesCredential(input: VerifyInput): boolean {
  return typeof input.clientData === 'string' && (typeof input.signatureData === 'string' || typeof input.attestation === 'string');
}

/** The assertion fields of `input`, or 400 naming the missing ones. */
export function assertionOf(input: VerifyInput): { clientData: string; authenticatorData: string; signatureData: string } {
  const { clientData, authenticatorData, signatureData } = input;
  const missing = Object.entries({ clientData, authenticatorData, signatureData })
    .filter(([, value]) => typeof value !== 'string')
    .map(([field]) => `${field}: Required`);
  if (missing.length > 0) throw oktaErrors.validation('verifyRequest', missing);
  return { clientData: clientData as string, authenticatorData: authenticatorData as string, signatureData: signatureData as string };
}

/** The org origin of a request, which every WebAuthn check needs. */
function orgOriginOf(input: VerifyInput): string {
  if (!input.orgOrigin) throw oktaErrors.illegalState();
  return input.orgOrigin;
}

/**
 * WebAuthn (`webauthn`, FIDO): security keys, passkeys and platform authenticators. Several per
 * user, each its own factor (`profile.credentialId`, `profile.authenticatorName`); offered for
 * enrollment only when the user's enrollment policy names it; verified by id or, through
 * {@link WEBAUTHN_BY_TYPE}, with one challenge for all of them.
 */
export const webauthnFactor: FactorKind = {
  type: 'webauthn',
  providers: ['FIDO'],
  amr: ['hwk'],
  maxEnrolled: WEBAUTHN_MAX_ENROLLED,
  idPrefix: () => 'fwf',
  // An `enroll` entry is a factor type or a `{ factorType, provider }`.
  offeredTo: (user) => user.policy.enroll.some((entry: unknown) => entry === 'webauthn' || (entry as { factorType?: unknown }).factorType === 'webauthn'),
  async enroll(ctx, user, input) {
    if (webauthnFactorsOf(ctx, user.id).length >= WEBAUTHN_MAX_ENROLLED) {
      throw oktaErrors.validation('factorEnrollRequest', [`A user can have at most ${WEBAUTHN_MAX_ENROLLED} security keys or biometric authenticators.`]);
    }
    const name = authenticatorName(ctx, user, input.profile?.authenticatorName);
    const factor = newFactor(ctx, user, webauthnFactor, 'FIDO', { authenticatorName: name }, 'PENDING_ACTIVATION');
    issueActivationChallenge(ctx, factor);
    return factor;
  },
  activation(ctx, origin, factor, user) {
    const challenge = openActivationChallenge(ctx, factor) ?? issueActivationChallenge(ctx, factor);
    return {
      attestation: 'direct',
      authenticatorSelection: { userVerification: 'preferred', requireResidentKey: false },
      challenge,
      excludeCredentials: webauthnFactorsOf(ctx, user.id).map((other) => ({ type: 'public-key', id: other.profile.credentialId })),
      pubKeyCredParams: FIDO_ALGORITHMS.map((alg) => ({ type: 'public-key', alg })),
      rp: { id: rpIdOf(origin), name: RP_NAME },
      u2fParams: { appid: origin },
      user: { displayName: `${user.profile.firstName} ${user.profile.lastName}`.trim(), name: user.profile.login, id: user.id },
    };
  },
  authnProfile: (factor) => ({ credentialId: factor.profile.credentialId, authenticatorName: factor.profile.authenticatorName }),
  apiProfile: (factor) => ({ credentialId: factor.profile.credentialId, authenticatorName: factor.profile.authenticatorName }),
  hasCredential: carriesCredential,
  issueChallenge: (ctx, factor, tx) => void issueVerification(ctx, tx, [factor]),
  challengeObject(ctx, factor, tx) {
    const challenge = openVerification(ctx, tx, factor);
    return challenge === undefined ? undefined : { challenge, userVerification: 'preferred', extensions: {} };
  },
  async verify(ctx, factor, _user, input) {
    const orgOrigin = orgOriginOf(input);
    if (factor.status === 'PENDING_ACTIVATION') {
      const { attestation, clientData } = input;
      const missing = [attestation === undefined && 'attestation: Required', clientData === undefined && 'clientData: Required'].filter(Boolean);
      if (missing.length > 0) throw oktaErrors.validation('activateRequest', missing as string[]);
      await registerCredential(ctx, factor, { attestation: attestation as string, clientData: clientData as string }, orgOrigin);
      return;
    }
    await verifyAssertion(ctx, input.transaction, [factor], assertionOf(input), orgOrigin);
  },
};

/**
 * `POST /api/v1/authn/factors/webauthn/verify`: without an assertion, one challenge for every
 * active WebAuthn factor of the user (`MFA_CHALLENGE`, `challengeType: FACTOR_TYPE`); with one,
 * the factor whose key signed it (an `MFA_CHALLENGE` by type must be open). 404 E0000007 when the
 * user has no WebAuthn factor.
 */
export async function verifyWebAuthnByType(ctx: SimContext, tx: TransactionRecord, user: UserRecord, input: VerifyInput): Promise<FactorRecord | null> {
  const factors = webauthnFactorsOf(ctx, user.id);
  if (factors.length === 0) throw oktaErrors.notFound(`${WEBAUTHN_BY_TYPE} (UserFactor)`);
  if (!carriesCredential(input)) {
    if (tx.status === 'MFA_CHALLENGE' && tx.factorId !== WEBAUTHN_BY_TYPE) throw oktaErrors.illegalState();
    issueVerification(ctx, tx, factors);
    tx.status = 'MFA_CHALLENGE';
    tx.factorId = WEBAUTHN_BY_TYPE;
    tx.factorResult = 'CHALLENGE';
    return null;
  }
  if (tx.status !== 'MFA_CHALLENGE' || tx.factorId !== WEBAUTHN_BY_TYPE) throw oktaErrors.illegalState();
  return verifyAssertion(ctx, tx, factors, assertionOf(input), orgOriginOf(input));
}

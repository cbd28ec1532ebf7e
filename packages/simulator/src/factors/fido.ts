import { randomBytes } from 'node:crypto';
import type * as WebAuthnServer from '@simplewebauthn/server';
import type * as WebAuthnHelpers from '@simplewebauthn/server/helpers';
import createDebug from 'debug';
import type { SimContext } from '../context.js';
import { MINUTE } from '../clock.js';
import { oktaErrors } from '../errors.js';
import type { FactorRecord, SentCode, TransactionRecord } from '../store.js';
import { DEMO_WEBAUTHN_KEY } from './webauthn-demo-key.js';

// The WebAuthn ceremony checks shared by `webauthn` and (through WebAuthn's appid extension) legacy
// `u2f` factors. Decoding and verifying attestation objects, authenticator data, COSE keys and
// signatures is @simplewebauthn/server's; this module decides what is expected (challenge, origin,
// relying party, counters) and keeps a factor's credential: `profile.credentialId` (base64url), the
// COSE public key (base64url) in `secret`, and the last signature counter in `lastUsedCounter`.
// An activation challenge is the pending factor's (`code`); a verification challenge belongs to
// the transaction that asked for it, as Okta ties it to the stateToken, or, verified through the
// Factors API (`POST /api/v1/users/{id}/factors/{id}/verify`), to the factor itself.

const log = createDebug('okta-authn:simulator:webauthn');

let library: Promise<[typeof WebAuthnServer, typeof WebAuthnHelpers]> | undefined;

/** @simplewebauthn/server, imported on first use: it is about a third of the simulator's start-up, and most runs never see a security key. */
function webauthnLibrary(): Promise<[typeof WebAuthnServer, typeof WebAuthnHelpers]> {
  library ??= Promise.all([import('@simplewebauthn/server'), import('@simplewebauthn/server/helpers')]);
  return library;
}

/** The `alg` of a public key given as a base64url COSE_Key, or undefined when it does not decode as one. */
export async function coseAlgorithm(publicKey: string): Promise<{ alg: unknown } | undefined> {
  const [, { cose, decodeCredentialPublicKey }] = await webauthnLibrary();
  try {
    return { alg: decodeCredentialPublicKey(Buffer.from(publicKey, 'base64url')).get(cose.COSEKEYS.alg) };
  } catch {
    return undefined;
  }
}

/** Keys known to be ES256 COSE keys without decoding them at every start: the default seed's (a test checks it). */
const KNOWN_GOOD_KEYS = new Set<string>([DEMO_WEBAUTHN_KEY.publicKey]);

/** How long a WebAuthn or U2F challenge may be answered. */
export const FIDO_CHALLENGE_MS = 5 * MINUTE;

/** COSE algorithms Okta offers: ES256 and RS256. */
export const FIDO_ALGORITHMS = [-7, -257] as const;

/** The cause Okta gives with 403 E0000068 for WebAuthn and U2F data it does not accept. */
const MISMATCH = "Your passcode doesn't match our records. Please try again.";

/** 403 E0000068; `reason` (what exactly failed) goes to the debug log, not to the client. */
function mismatch(reason: string): Error {
  log('refused: %s', reason);
  return oktaErrors.invalidPasscode(MISMATCH);
}

/** What a verification challenge belongs to: the authn transaction signing in, or the factor verified through the Factors API. */
export type ChallengeOwner = TransactionRecord | FactorRecord;

/** A verification challenge and the factors whose keys may answer it. */
interface Verification extends SentCode {
  factorIds: readonly string[];
}

/** The open verification challenge of each transaction. */
const verifications = new WeakMap<ChallengeOwner, Verification>();

/** A fresh challenge: 15 random bytes, base64url, 20 characters like Okta's. */
function newChallenge(ctx: SimContext): SentCode {
  return { code: randomBytes(15).toString('base64url'), expiresAt: ctx.clock.now() + FIDO_CHALLENGE_MS, used: false };
}

/** `challenge`'s value while it can be answered (not used, not expired). */
function openValue(ctx: SimContext, challenge: SentCode | null | undefined): string | undefined {
  return challenge && !challenge.used && challenge.expiresAt > ctx.clock.now() ? challenge.code : undefined;
}

/** A fresh activation challenge on a pending factor. */
export function issueActivationChallenge(ctx: SimContext, factor: FactorRecord): string {
  factor.code = newChallenge(ctx);
  return factor.code.code;
}

/** The pending factor's activation challenge while it can be answered. */
export function openActivationChallenge(ctx: SimContext, factor: FactorRecord): string | undefined {
  return openValue(ctx, factor.code);
}

/** A fresh verification challenge of `tx`, for `factors` (one value for all of them); it replaces the earlier one of `tx`. */
export function issueVerification(ctx: SimContext, tx: ChallengeOwner, factors: readonly FactorRecord[]): string {
  const verification = { ...newChallenge(ctx), factorIds: factors.map((factor) => factor.id) };
  verifications.set(tx, verification);
  return verification.code;
}

/** `tx`'s verification challenge while it can be answered (by `factor`, when one is given). */
export function openVerification(ctx: SimContext, tx: ChallengeOwner, factor?: FactorRecord): string | undefined {
  const verification = verifications.get(tx);
  if (factor && !verification?.factorIds.includes(factor.id)) return undefined;
  return openValue(ctx, verification);
}

/** `value` (base64 or base64url, padded or not, as clients send it) as base64url; a 400 for `request` naming `field` otherwise. */
function toBase64Url(value: unknown, field: string, request: 'activateRequest' | 'verifyRequest'): string {
  if (typeof value !== 'string' || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) throw oktaErrors.validation(request, [`${field}: must be base64`]);
  return Buffer.from(value, 'base64').toString('base64url');
}

/** The relying party id of the org: the host name its pages and API are on. */
export function rpIdOf(orgOrigin: string): string {
  return new URL(orgOrigin).hostname;
}

/** The page origin in `clientData`, when it is the org's own or a trusted origin; E0000068 otherwise. */
async function trustedOriginOf(ctx: SimContext, clientData: string, orgOrigin: string): Promise<string> {
  const [, { decodeClientDataJSON }] = await webauthnLibrary();
  let origin: string;
  try {
    origin = decodeClientDataJSON(clientData).origin;
  } catch {
    throw mismatch('clientData is not WebAuthn client data');
  }
  if (typeof origin !== 'string' || !ctx.cors.isTrusted(origin, orgOrigin)) throw mismatch(`origin ${String(origin)} is not trusted`);
  return origin;
}

/** What `navigator.credentials.create` gave, as Okta's activate takes it. */
export interface AttestationInput {
  attestation: string;
  clientData: string;
}

/**
 * Verifies a new credential against the factor's activation challenge (client data type and
 * challenge, a trusted origin, the org's rpIdHash, user presence, an ES256 or RS256 key, the
 * attestation statement) and stores it on the factor. E0000068 when anything does not hold.
 */
export async function registerCredential(ctx: SimContext, factor: FactorRecord, input: AttestationInput, orgOrigin: string): Promise<void> {
  const challenge = openActivationChallenge(ctx, factor);
  if (!challenge) throw mismatch('no open activation challenge');
  const clientDataJSON = toBase64Url(input.clientData, 'clientData', 'activateRequest');
  const attestationObject = toBase64Url(input.attestation, 'attestation', 'activateRequest');
  const origin = await trustedOriginOf(ctx, clientDataJSON, orgOrigin);
  const [{ verifyRegistrationResponse }] = await webauthnLibrary();
  let verified;
  try {
    // Okta's activate body has no credential id: it comes from the attested credential data.
    verified = await verifyRegistrationResponse({
      response: { id: 'AA', rawId: 'AA', type: 'public-key', response: { clientDataJSON, attestationObject }, clientExtensionResults: {} },
      expectedChallenge: challenge,
      expectedOrigin: origin,
      expectedRPID: rpIdOf(orgOrigin),
      expectedType: 'webauthn.create',
      requireUserPresence: true,
      requireUserVerification: false,
      supportedAlgorithmIDs: [...FIDO_ALGORITHMS],
    });
  } catch (error) {
    throw mismatch((error as Error).message);
  }
  if (!verified.verified) throw mismatch('attestation not verified');
  const { credential, fmt } = verified.registrationInfo;
  const taken = ctx.store.factorsOf(factor.userId).some((other) => other.id !== factor.id && other.profile.credentialId === credential.id);
  if (taken) throw oktaErrors.validation('activateFactorRequest', ['This authenticator is already registered for this user.']);
  log('registered %s (%s attestation) on %s', credential.id, fmt, factor.id);
  factor.profile = { ...factor.profile, credentialId: credential.id };
  factor.secret = Buffer.from(credential.publicKey).toString('base64url');
  factor.lastUsedCounter = credential.counter;
  factor.code = null;
}

/** What `navigator.credentials.get` gave, as Okta's verify takes it. */
export interface AssertionInput {
  clientData: string;
  authenticatorData: string;
  signatureData: string;
}

/**
 * Verifies an assertion against `factors` (every WebAuthn factor of the user when verified by
 * type, else one): the transaction's open challenge, a trusted origin, the rpIdHash of the org (or
 * of the key's U2F `appId`), user presence and the signature by the stored key; then the signature
 * counter must have grown, unless the authenticator keeps none (both 0), or it is a clone. The
 * challenge is used up either way once a key matched. Answers the factor whose key signed;
 * E0000068 otherwise.
 */
export async function verifyAssertion(
  ctx: SimContext,
  tx: ChallengeOwner | undefined,
  factors: readonly FactorRecord[],
  input: AssertionInput,
  orgOrigin: string,
): Promise<FactorRecord> {
  const clientDataJSON = toBase64Url(input.clientData, 'clientData', 'verifyRequest');
  const authenticatorData = toBase64Url(input.authenticatorData, 'authenticatorData', 'verifyRequest');
  const signature = toBase64Url(input.signatureData, 'signatureData', 'verifyRequest');
  const origin = await trustedOriginOf(ctx, clientDataJSON, orgOrigin);
  const [{ verifyAuthenticationResponse }] = await webauthnLibrary();
  const reasons: string[] = [];
  for (const factor of factors) {
    const challenge = tx && openVerification(ctx, tx, factor);
    const credentialId = factor.profile.credentialId;
    if (!challenge || typeof credentialId !== 'string' || factor.secret === null) {
      reasons.push(`${factor.id}: no open challenge`);
      continue;
    }
    const appId = factor.factorType === 'u2f' && typeof factor.profile.appId === 'string' ? factor.profile.appId : undefined;
    let newCounter: number;
    try {
      const result = await verifyAuthenticationResponse({
        response: { id: credentialId, rawId: credentialId, type: 'public-key', response: { clientDataJSON, authenticatorData, signature }, clientExtensionResults: {} },
        expectedChallenge: challenge,
        expectedOrigin: origin,
        expectedRPID: appId ?? rpIdOf(orgOrigin),
        expectedType: 'webauthn.get',
        // The counter is checked below, so that a clone is told apart from a wrong key.
        credential: { id: credentialId, publicKey: Buffer.from(factor.secret, 'base64url'), counter: 0 },
        requireUserVerification: false,
      });
      if (!result.verified) throw new Error('signature not verified');
      newCounter = result.authenticationInfo.newCounter;
    } catch (error) {
      reasons.push(`${factor.id}: ${(error as Error).message}`);
      continue;
    }
    const verification = tx && verifications.get(tx);
    if (verification) verification.used = true;
    if ((newCounter > 0 || factor.lastUsedCounter > 0) && newCounter <= factor.lastUsedCounter) {
      throw mismatch(`${factor.id}: signature counter ${newCounter} did not grow past ${factor.lastUsedCounter} (a cloned authenticator?)`);
    }
    factor.lastUsedCounter = newCounter;
    return factor;
  }
  throw mismatch(reasons.join('; ') || 'no WebAuthn factor to verify');
}

/** A seeded WebAuthn or U2F credential, as a seed file gives it. */
export interface SeededCredential {
  factorType: string;
  credentialId?: string | undefined;
  publicKey?: string | undefined;
  authenticatorName?: string | undefined;
  appId?: string | undefined;
}

/**
 * The profile of a seeded WebAuthn or U2F factor; `fail` is called with the field and the problem
 * when the credential id is not base64url, the public key is not an ES256 or RS256 COSE key, or a
 * U2F key has no `appId`.
 */
export async function seededFidoProfile(spec: SeededCredential, fail: (field: string, problem: string) => never): Promise<Record<string, unknown>> {
  if (!spec.credentialId || !/^[A-Za-z0-9_-]+$/.test(spec.credentialId)) fail('credentialId', 'required, base64url');
  if (!spec.publicKey) return fail('publicKey', 'required: the COSE public key, base64url');
  if (!KNOWN_GOOD_KEYS.has(spec.publicKey)) {
    const decoded = await coseAlgorithm(spec.publicKey);
    if (decoded === undefined) return fail('publicKey', 'not a COSE key');
    if (!(FIDO_ALGORITHMS as readonly unknown[]).includes(decoded.alg)) fail('publicKey', 'must be an ES256 (-7) or RS256 (-257) key');
  }
  if (spec.factorType === 'u2f') {
    if (!spec.appId) return fail('appId', 'required for u2f: the origin the key was registered on');
    return { credentialId: spec.credentialId, appId: spec.appId, version: 'U2F_V2' };
  }
  return { credentialId: spec.credentialId, authenticatorName: spec.authenticatorName ?? 'Security key' };
}

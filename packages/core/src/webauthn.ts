import type { WebAuthnAssertionFields, WebAuthnAttestationFields } from './client.js';
import { InvalidInputError, InvalidResponseError } from './errors.js';
import { currentFactor, factorsOf } from './factors.js';
import type { AuthnTransaction } from './parse.js';
import type { Activation, Challenge, WebAuthnCredentialDescriptor } from './schemas/factor.js';

// Between Okta's JSON and the browser's WebAuthn API. Okta sends ids and challenges as base64url
// (sometimes padded, sometimes standard base64) and takes the ceremony's results back as standard
// base64, as its documentation and its own Sign-In Widget do. Kept out of the main entry so that
// pages without security keys do not pay for it.

/** The part of the `PublicKeyCredential` from `navigator.credentials.create` that activation sends. */
export interface AttestationCredential {
  /** An `AuthenticatorAttestationResponse`. */
  response: { attestationObject: ArrayBuffer; clientDataJSON: ArrayBuffer };
}

/** The part of the `PublicKeyCredential` from `navigator.credentials.get` that verification sends. */
export interface AssertionCredential {
  /** An `AuthenticatorAssertionResponse`. */
  response: { clientDataJSON: ArrayBuffer; authenticatorData: ArrayBuffer; signature: ArrayBuffer };
}

/** How much of a value that is not base64 an error message quotes: enough to recognise it, never a whole hostile body. */
const QUOTED_CHARS = 32;

/** The bytes of a base64 or base64url string (padded or not); an {@link InvalidResponseError} names `field` when it is neither. */
export function base64ToBytes(text: unknown, field = 'value'): Uint8Array<ArrayBuffer> {
  if (typeof text !== 'string') throw new InvalidResponseError(`${field} is not base64: ${text === null ? 'null' : typeof text}`);
  try {
    return Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (char) => char.charCodeAt(0));
  } catch {
    const quoted = text.length > QUOTED_CHARS ? `${text.slice(0, QUOTED_CHARS)}… (${text.length} characters)` : text;
    throw new InvalidResponseError(`${field} is not base64: ${quoted}`);
  }
}

/** Standard base64, padded, of `bytes`: the encoding Okta's activate and verify take. */
export function bytesToBase64(bytes: ArrayBuffer | ArrayBufferView): string {
  const view = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let binary = '';
  for (const byte of view) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Throws an {@link InvalidInputError} unless `tx` is in `status`. */
function expectStatus(tx: AuthnTransaction, status: string, what: string): void {
  if (tx.status !== status) throw new InvalidInputError(what, [`status: expected ${status}, got ${tx.status}`]);
}

/** A credential descriptor with its id as bytes. */
const descriptor = (credential: WebAuthnCredentialDescriptor, field: string): PublicKeyCredentialDescriptor => ({
  ...(credential.transports ? { transports: credential.transports as AuthenticatorTransport[] } : {}),
  type: 'public-key',
  id: base64ToBytes(credential.id, field),
});

/**
 * The options for `navigator.credentials.create({ publicKey })` from a WebAuthn `MFA_ENROLL_ACTIVATE`:
 * its activation's challenge, relying party, user handle, algorithms, excluded credentials,
 * attestation and authenticator selection, with ids and challenge as bytes.
 */
export function creationOptions(tx: AuthnTransaction): PublicKeyCredentialCreationOptions {
  expectStatus(tx, 'MFA_ENROLL_ACTIVATE', 'creationOptions transaction');
  const activation: Activation = currentFactor(tx)?._embedded?.activation ?? {};
  const { rp, user } = activation;
  if (!rp || !user) throw new InvalidResponseError('The activation has no WebAuthn rp and user');
  return {
    ...(activation.attestation ? { attestation: activation.attestation as AttestationConveyancePreference } : {}),
    ...(activation.authenticatorSelection ? { authenticatorSelection: activation.authenticatorSelection } : {}),
    rp,
    user: { id: base64ToBytes(user.id, 'activation.user.id'), name: user.name, displayName: user.displayName },
    challenge: base64ToBytes(activation.challenge, 'activation.challenge'),
    pubKeyCredParams: (activation.pubKeyCredParams ?? []).map(({ alg }) => ({ type: 'public-key', alg })),
    excludeCredentials: (activation.excludeCredentials ?? []).map((credential) => descriptor(credential, 'activation.excludeCredentials.id')),
  };
}

/**
 * The options for `navigator.credentials.get({ publicKey })` from a WebAuthn or U2F `MFA_CHALLENGE`:
 * the challenge (shared by every factor when WebAuthn is verified by type, else the factor's own;
 * a U2F `nonce`), every factor's credential as allowed, the `extensions` Okta asks for, and for U2F
 * keys the `appid` extension with the origin they were registered for, so browsers without the U2F
 * API can still use them.
 */
export function requestOptions(tx: AuthnTransaction): PublicKeyCredentialRequestOptions {
  expectStatus(tx, 'MFA_CHALLENGE', 'requestOptions transaction');
  const factors = factorsOf(tx);
  const challenge: Challenge = (tx._embedded as { challenge?: Challenge }).challenge ?? currentFactor(tx)?._embedded?.challenge ?? {};
  const extensions: Record<string, unknown> = { ...challenge.extensions };
  const allowCredentials = factors.map((factor) => {
    const profile = factor.profile ?? {};
    if (factor.factorType === 'u2f' && typeof profile.appId === 'string') extensions.appid ??= profile.appId;
    return descriptor({ type: 'public-key', id: profile.credentialId as string }, 'profile.credentialId');
  });
  return {
    ...(challenge.userVerification ? { userVerification: challenge.userVerification as UserVerificationRequirement } : {}),
    ...(challenge.timeoutSeconds ? { timeout: challenge.timeoutSeconds * 1000 } : {}),
    ...(Object.keys(extensions).length ? { extensions } : {}),
    challenge: base64ToBytes(challenge.challenge ?? challenge.nonce, 'challenge'),
    allowCredentials,
  };
}

/** What `tx.activate()` sends for a new credential: its attestation object and client data, base64. */
export function attestationFields(credential: AttestationCredential): WebAuthnAttestationFields {
  return { attestation: bytesToBase64(credential.response.attestationObject), clientData: bytesToBase64(credential.response.clientDataJSON) };
}

/** What `tx.verify()` sends for an assertion: client data, authenticator data and signature, base64. */
export function assertionFields(credential: AssertionCredential): WebAuthnAssertionFields {
  const { response } = credential;
  return {
    clientData: bytesToBase64(response.clientDataJSON),
    authenticatorData: bytesToBase64(response.authenticatorData),
    signatureData: bytesToBase64(response.signature),
  };
}

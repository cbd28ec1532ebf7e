import { describe, expect, test } from 'vitest';
import { AuthnClient, currentFactor, factorsOf, InvalidInputError, InvalidResponseError, parseTransaction } from '../src/index.js';
import { assertionFields, attestationFields, base64ToBytes, bytesToBase64, creationOptions, requestOptions } from '../src/webauthn.js';
import {
  challengeById,
  challengeByType,
  challengeByTypeUnderFactor,
  challengeU2f,
  challengeU2fKeys,
  CREDENTIAL_IDS,
  enrollActivate,
  enrollOffer,
  required,
  WEBAUTHN_EXAMPLES,
} from './fixtures/webauthn.js';
import { clientFor, forbiddenFetch, ORG } from './helpers.js';

const offline = (json: unknown) => new AuthnClient({ baseUrl: ORG, fetch: forbiddenFetch }).wrap(json);
const text = (value: string) => new TextEncoder().encode(value);
const success = { status: 'SUCCESS', expiresAt: '2026-03-01T10:05:00.000Z', sessionToken: '20111simSessionToken' };

describe('WebAuthn and U2F responses', () => {
  test.each(Object.entries(WEBAUTHN_EXAMPLES))('%s parses and keeps every field', (_name, json) => {
    const copy = structuredClone(json);
    const tx = parseTransaction(json);
    expect(tx.raw).toBe(json);
    const { raw: _raw, links, ...body } = tx;
    expect(body).toEqual(copy);
    expect(links).toEqual(copy._links);
  });

  test('a by-type MFA_CHALLENGE (factors and one shared challenge) parses: it was refused with "_embedded.factor: expected object"', () => {
    const tx = parseTransaction(challengeByType);
    expect(factorsOf(tx).map((factor) => factor.id)).toEqual(['fwf1simWEBAUTHN000a1', 'fwf1simWEBAUTHN000a3']);
    expect(currentFactor(tx)?.id).toBe('fwf1simWEBAUTHN000a1');
    expect(factorsOf(parseTransaction(challengeByTypeUnderFactor))).toHaveLength(2);
  });

  test('an MFA_CHALLENGE with neither factor nor factors, or a factorTypes entry without a type, is named', () => {
    const { factors: _factors, ...embedded } = challengeByType._embedded;
    expect(() => parseTransaction({ ...challengeByType, _embedded: embedded })).toThrow('_embedded.factor: expected object');
    expect(() => parseTransaction({ ...challengeByType, _embedded: { ...embedded, factors: {} } })).toThrow('_embedded.factors: expected array');
    expect(() => parseTransaction({ ...required, _embedded: { ...required._embedded, factorTypes: [{ _links: {} }] } })).toThrow(
      '_embedded.factorTypes.0.factorType: expected string',
    );
  });
});

describe('moves with WebAuthn', () => {
  test('MFA_ENROLL enrolls WebAuthn with its type and provider, and activation posts the attestation fields', async () => {
    const fields = attestationFields({ response: { attestationObject: text('attestation').buffer as ArrayBuffer, clientDataJSON: text('{}').buffer as ArrayBuffer } });
    const { client, script } = clientFor([
      { url: `${ORG}/api/v1/authn/factors`, body: { stateToken: enrollOffer.stateToken, factorType: 'webauthn', provider: 'FIDO' }, response: enrollActivate },
      { url: `${ORG}/api/v1/authn/factors/fwf1simWEBAUTHN000a2/lifecycle/activate`, body: { stateToken: enrollActivate.stateToken, ...fields }, response: success },
    ]);
    const activating = await client.wrap(enrollOffer).enroll({ factorType: 'webauthn', provider: 'FIDO' });
    expect(activating.moves()).toEqual(['next:activate', 'cancel', 'prev']);
    expect((await activating.activate(fields)).status).toBe('SUCCESS');
    expect(script.remaining()).toBe(0);
  });

  test('MFA_REQUIRED verifies the type through its factorTypes link (one challenge for every key), a key through its own', async () => {
    const { client, script } = clientFor([
      { url: `${ORG}/api/v1/authn/factors/webauthn/verify`, body: { stateToken: required.stateToken }, response: challengeByType },
      { url: `${ORG}/api/v1/authn/factors/fwf1simWEBAUTHN000a3/verify`, body: { stateToken: required.stateToken }, response: challengeById },
    ]);
    const tx = client.wrap(required);
    expect(tx.can('verify:webauthn')).toBe(true);
    expect((await tx.verify('webauthn')).challengeType).toBe('FACTOR_TYPE');
    expect((await tx.verify('fwf1simWEBAUTHN000a3')).challengeType).toBe('FACTOR');
    expect(script.remaining()).toBe(0);
  });

  test('without factorTypes, verifying the type uses the first key of that type', async () => {
    const { factorTypes: _types, ...embedded } = required._embedded;
    const { client, script } = clientFor([
      { url: `${ORG}/api/v1/authn/factors/fwf1simWEBAUTHN000a1/verify`, body: { stateToken: required.stateToken }, response: challengeById },
    ]);
    await client.wrap({ ...required, _embedded: embedded }).verify('webauthn');
    expect(script.remaining()).toBe(0);
  });

  test('a by-type MFA_CHALLENGE posts the assertion to its next link, with rememberDevice in the query', async () => {
    const bytes = (value: string) => text(value).buffer as ArrayBuffer;
    const fields = assertionFields({ response: { clientDataJSON: bytes('client'), authenticatorData: bytes('auth'), signature: bytes('sig') } });
    const { client, script } = clientFor([
      { url: `${ORG}/api/v1/authn/factors/webauthn/verify?rememberDevice=true`, body: { stateToken: challengeByType.stateToken, ...fields }, response: success },
    ]);
    const tx = client.wrap(challengeByType);
    expect(tx.moves()).toEqual(['next:verify', 'cancel', 'prev']);
    expect((await tx.verify('webauthn', fields, { rememberDevice: true })).status).toBe('SUCCESS');
    expect(script.remaining()).toBe(0);
  });
});

describe('@okta-authn/core/webauthn', () => {
  test('base64 and base64url, padded or not, decode to the same bytes; bytes encode as padded standard base64', () => {
    const bytes = Uint8Array.from([251, 255, 191, 0, 1]);
    for (const encoded of ['+/+/AAE=', '-_-_AAE', '+/+/AAE', '-_-_AAE=']) expect(base64ToBytes(encoded)).toEqual(bytes);
    expect(bytesToBase64(bytes)).toBe('+/+/AAE=');
    expect(bytesToBase64(bytes.buffer)).toBe('+/+/AAE=');
    expect(bytesToBase64(new DataView(bytes.buffer, 1, 2))).toBe('/78=');
    expect(() => base64ToBytes('not base64!', 'activation.challenge')).toThrow(new InvalidResponseError('activation.challenge is not base64: not base64!'));
    expect(() => base64ToBytes(undefined, 'profile.credentialId')).toThrow(new InvalidResponseError('profile.credentialId is not base64: undefined'));
  });

  test('a value that is not base64 is quoted in the error only up to 32 characters, never whole', () => {
    const hostile = `!${'x'.repeat(64 * 1024)}`;
    const error = (() => {
      try {
        base64ToBytes(hostile, 'activation.challenge');
      } catch (caught) {
        return caught as InvalidResponseError;
      }
      throw new Error('expected base64ToBytes to throw');
    })();
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.message).toBe(`activation.challenge is not base64: ${hostile.slice(0, 32)}… (${hostile.length} characters)`);
    expect(error.message.length).toBeLessThan(100);
  });

  test('creationOptions turns the activation into PublicKeyCredentialCreationOptions with ids and challenge as bytes', () => {
    const options = creationOptions(offline(enrollActivate));
    const activation = enrollActivate._embedded.factor._embedded.activation;
    expect(options).toEqual({
      attestation: 'direct',
      authenticatorSelection: { userVerification: 'preferred', requireResidentKey: false },
      rp: { id: 'org.example.test', name: 'Example Org' },
      user: { id: base64ToBytes(activation.user.id), name: 'ada.lovelace@example.test', displayName: 'Ada Lovelace' },
      challenge: base64ToBytes(activation.challenge),
      pubKeyCredParams: [
        { type: 'public-key', alg: -7 },
        { type: 'public-key', alg: -257 },
      ],
      excludeCredentials: [{ type: 'public-key', id: base64ToBytes(CREDENTIAL_IDS[0]) }],
    });
    expect(options.challenge).toBeInstanceOf(Uint8Array);
  });

  test('requestOptions by type allows every key with the shared challenge and passes the extensions Okta asks for', () => {
    const options = requestOptions(offline(WEBAUTHN_EXAMPLES.challengeByTypeWithFactorChallenges));
    expect(options).toEqual({
      extensions: { appid: ORG },
      challenge: base64ToBytes('VHlwZUNoYWxsZW5nZVNoYXJlZA'),
      allowCredentials: CREDENTIAL_IDS.map((id) => ({ type: 'public-key', id: base64ToBytes(id) })),
    });
  });

  test('requestOptions by id uses the factor challenge and its userVerification', () => {
    expect(requestOptions(offline(challengeById))).toEqual({
      userVerification: 'preferred',
      challenge: base64ToBytes('S2V5Q2hhbGxlbmdlT25lMDE'),
      allowCredentials: [{ type: 'public-key', id: base64ToBytes(CREDENTIAL_IDS[0]) }],
    });
  });

  test('a U2F challenge becomes WebAuthn options: the nonce as challenge, the key handles, appid and the timeout', () => {
    expect(requestOptions(offline(challengeU2f))).toEqual({
      timeout: 20000,
      extensions: { appid: ORG },
      challenge: base64ToBytes('VTJmTm9uY2VUb1NpZ24wMDE'),
      allowCredentials: [{ type: 'public-key', id: base64ToBytes(CREDENTIAL_IDS[1]) }],
    });
    const several = requestOptions(offline(challengeU2fKeys));
    expect(several.challenge).toEqual(base64ToBytes('U2hhcmVkVTJmTm9uY2UwMDE'));
    expect(several.allowCredentials).toHaveLength(2);
  });

  test('the options helpers refuse another state and an activation without WebAuthn data, by name', () => {
    expect(() => creationOptions(offline(challengeById))).toThrow(
      new InvalidInputError('creationOptions transaction', ['status: expected MFA_ENROLL_ACTIVATE, got MFA_CHALLENGE']),
    );
    expect(() => requestOptions(offline(enrollActivate))).toThrow(InvalidInputError);
    expect(() => creationOptions(offline(WEBAUTHN_EXAMPLES.enrollActivateU2f))).toThrow('The activation has no WebAuthn rp and user');
    const noChallenge = structuredClone(challengeById) as { _embedded: { factor: { _embedded: Record<string, unknown> } } };
    noChallenge._embedded.factor._embedded = {};
    expect(() => requestOptions(offline(noChallenge))).toThrow('challenge is not base64: undefined');
  });

  test('attestationFields and assertionFields encode the browser credential as Okta takes it', () => {
    const attestationObject = text('attestation-object').buffer as ArrayBuffer;
    const clientDataJSON = text('{"type":"webauthn.get"}').buffer as ArrayBuffer;
    expect(attestationFields({ response: { attestationObject, clientDataJSON } })).toEqual({
      attestation: btoa('attestation-object'),
      clientData: btoa('{"type":"webauthn.get"}'),
    });
    const authenticatorData = Uint8Array.from([1, 2, 3]).buffer;
    const signature = Uint8Array.from([0xfb, 0xff]).buffer;
    expect(assertionFields({ response: { clientDataJSON, authenticatorData, signature } })).toEqual({
      clientData: btoa('{"type":"webauthn.get"}'),
      authenticatorData: 'AQID',
      signatureData: '+/8=',
    });
  });
});

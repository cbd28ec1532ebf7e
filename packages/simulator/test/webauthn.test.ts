import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Factor, Transaction } from '@okta-authn/core';
import { OktaApiError, factorsOf } from '@okta-authn/core';
import { assertionFields, attestationFields, creationOptions, requestOptions } from '@okta-authn/core/webauthn';
import { DEFAULT_SEED, DEMO_WEBAUTHN_KEY } from '../src/index.js';
import type { SeedInput } from '../src/index.js';
import { PASSWORD, offeredFactor, startOrg } from './helpers.js';
import type { TestOrg } from './helpers.js';
import { SoftwareAuthenticator } from './software-authenticator.js';
import type { CeremonyOptions } from './software-authenticator.js';

const PAGE = 'http://localhost:3000';
/** How long a WebAuthn challenge can be answered. */
const FIDO_CHALLENGE_MINUTES = 5;
const page: CeremonyOptions = { origin: PAGE };

let org: TestOrg;
afterEach(async () => {
  await org.close();
});

/** Signs in and expects `status`. */
async function signIn(login: string, status: string, options?: { multiOptionalFactorEnroll?: boolean }): Promise<Transaction> {
  const tx = await org.client.signIn({ username: login, password: PASSWORD, ...(options ? { options } : {}) });
  expect(tx.status).toBe(status);
  return tx;
}

/** Enrolls a new authenticator from MFA_ENROLL with `authenticator`, answering the transaction after activation. */
async function enrollKey(tx: Transaction, authenticator: SoftwareAuthenticator, ceremony: CeremonyOptions = page, profile?: Record<string, unknown>): Promise<Transaction> {
  const activating = await tx.enroll(offeredFactor(tx, 'webauthn', 'FIDO'), profile ? { profile } : {});
  expect(activating.status).toBe('MFA_ENROLL_ACTIVATE');
  return activating.activate(attestationFields(authenticator.create(creationOptions(activating), ceremony)));
}

/** Verifies WebAuthn by type from MFA_REQUIRED with `authenticator`. */
async function verifyKey(tx: Transaction, authenticator: SoftwareAuthenticator, ceremony: CeremonyOptions = page): Promise<Transaction> {
  const challenge = await tx.verify('webauthn');
  expect(challenge.challengeType).toBe('FACTOR_TYPE');
  return challenge.verify('webauthn', assertionFields(authenticator.get(requestOptions(challenge), ceremony)));
}

/** The embedded resources of a transaction, as the tests read them. */
function embedded(tx: Transaction): { user: { id: string }; factor: Factor; factors: Factor[]; factorTypes?: unknown } {
  return tx.raw._embedded as ReturnType<typeof embedded>;
}

/** Expects `promise` to fail with Okta's error `errorCode` (and HTTP `status`). */
async function expectOktaError(promise: Promise<unknown>, errorCode: string, status: number): Promise<OktaApiError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(OktaApiError);
  expect(error).toMatchObject({ errorCode, status });
  return error as OktaApiError;
}

describe('enrolling a security key', () => {
  beforeEach(async () => {
    org = await startOrg();
  });

  test('MFA_ENROLL offers webauthn only when the policy names it, and never u2f', async () => {
    await org.createUser('plain.enroll@example.test', { mfa: 'required' });
    const plain = await signIn('plain.enroll@example.test', 'MFA_ENROLL');
    expect(factorsOf(plain).map((factor) => factor.factorType)).not.toContain('webauthn');
    expect(factorsOf(plain).map((factor) => factor.factorType)).not.toContain('u2f');
    const tx = await signIn('enroll.webauthn@example.test', 'MFA_ENROLL');
    expect(offeredFactor(tx, 'webauthn', 'FIDO')).toMatchObject({
      status: 'NOT_SETUP',
      enrollment: 'REQUIRED',
      policy: { enrollment: { enrolled: 0, minimum: 1, maximum: 10 } },
    });
    await expectOktaError(tx.client.request('POST', `${org.sim.url}/api/v1/authn/factors`, { stateToken: tx.stateToken, factorType: 'u2f', provider: 'FIDO' }), 'E0000001', 400);
  });

  test('the activation carries a fresh challenge, the org as relying party, the user handle, ES256 and RS256', async () => {
    const tx = await signIn('enroll.webauthn@example.test', 'MFA_ENROLL');
    const activating = await tx.enroll(offeredFactor(tx, 'webauthn', 'FIDO'));
    const factor = embedded(activating).factor;
    expect(factor.id).toMatch(/^fwf[A-Za-z0-9]{17}$/);
    const activation = factor._embedded?.activation;
    expect(activation).toMatchObject({
      attestation: 'direct',
      rp: { id: 'localhost' },
      user: { id: embedded(activating).user.id, name: 'enroll.webauthn@example.test', displayName: 'Kit Keyholder' },
      pubKeyCredParams: [
        { type: 'public-key', alg: -7 },
        { type: 'public-key', alg: -257 },
      ],
      excludeCredentials: [],
    });
    expect(activation?.challenge).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(activating.moves()).toEqual(['next:activate', 'prev', 'cancel']);
    const again = await (await activating.prev()).enroll(offeredFactor(tx, 'webauthn', 'FIDO'));
    expect(embedded(again).factor).not.toMatchObject({ _embedded: { activation: { challenge: activation?.challenge } } });
  });

  test('enroll.webauthn enrolls a key (packed attestation), then verifies with it on the next sign-in', async () => {
    const authenticator = new SoftwareAuthenticator();
    const done = await enrollKey(await signIn('enroll.webauthn@example.test', 'MFA_ENROLL'), authenticator, { ...page, format: 'packed' });
    expect(done.status).toBe('SUCCESS');
    const [credentialId] = authenticator.credentials.keys();
    const required = await signIn('enroll.webauthn@example.test', 'MFA_REQUIRED');
    expect(embedded(required).factors).toEqual([
      expect.objectContaining({ factorType: 'webauthn', provider: 'FIDO', profile: { credentialId, authenticatorName: 'Security key' } }),
    ]);
    expect(embedded(required).factorTypes).toEqual([
      { factorType: 'webauthn', _links: { next: expect.objectContaining({ name: 'verify', href: `${org.sim.url}/api/v1/authn/factors/webauthn/verify` }) } },
    ]);
    expect((await verifyKey(required, authenticator)).status).toBe('SUCCESS');
  });

  test('a key with `none` attestation and an RS256 key both enroll; a name can be given', async () => {
    const userId = await org.createUser('two.formats@example.test', { mfa: 'required', enroll: ['webauthn'] });
    const authenticator = new SoftwareAuthenticator();
    const first = await enrollKey(await signIn('two.formats@example.test', 'MFA_ENROLL', { multiOptionalFactorEnroll: true }), authenticator, page, {
      authenticatorName: 'Desk key',
    });
    expect(first.status).toBe('MFA_ENROLL');
    const second = await enrollKey(first, new SoftwareAuthenticator(), { ...page, alg: -257, format: 'packed' });
    expect(second.status).toBe('MFA_ENROLL');
    const factors = (await org.admin('GET', `/api/v1/users/${userId}/factors`)).body as { factorType: string; profile: Record<string, unknown> }[];
    expect(factors.filter((factor) => factor.factorType === 'webauthn').map((factor) => factor.profile.authenticatorName)).toEqual(['Desk key', 'Security key 2']);
  });

  test('the user-present flag, the challenge, the client data type, the origin and the relying party are all checked', async () => {
    const cases: [string, CeremonyOptions, (options: PublicKeyCredentialCreationOptions) => PublicKeyCredentialCreationOptions][] = [
      ['no user presence', { ...page, userPresent: false }, (options) => options],
      ['another challenge', page, (options) => ({ ...options, challenge: new Uint8Array(15) })],
      ['an assertion type', { ...page, type: 'webauthn.get' }, (options) => options],
      ['an untrusted page', { origin: 'https://evil.example.test' }, (options) => options],
      ['another relying party', page, (options) => ({ ...options, rp: { id: 'evil.example.test', name: 'x' } })],
    ];
    for (const [index, [what, ceremony, change]] of cases.entries()) {
      // One user per case: failed activations count toward the user's lockout, as wrong codes do.
      await org.createUser(`activation.${index}@example.test`, { mfa: 'required', enroll: ['webauthn'] });
      const tx = await signIn(`activation.${index}@example.test`, 'MFA_ENROLL');
      const activating = await tx.enroll(offeredFactor(tx, 'webauthn', 'FIDO'));
      const created = new SoftwareAuthenticator().create(change(creationOptions(activating)), ceremony);
      const error = await expectOktaError(activating.activate(attestationFields(created)), 'E0000068', 403);
      expect(error.errorCauses, what).toEqual([{ errorSummary: "Your passcode doesn't match our records. Please try again." }]);
      if (index === 0) await expectOktaError(activating.activate({ clientData: 'e30=' }), 'E0000001', 400);
    }
  });

  test('a second key is offered with the first excluded, and the same key cannot be registered twice', async () => {
    await org.createUser('excluded@example.test', { mfa: 'required', enroll: ['webauthn'] });
    const authenticator = new SoftwareAuthenticator();
    const enrolling = await enrollKey(await signIn('excluded@example.test', 'MFA_ENROLL', { multiOptionalFactorEnroll: true }), authenticator);
    const [first] = authenticator.credentials.keys();
    const activating = await enrolling.enroll(offeredFactor(enrolling, 'webauthn', 'FIDO'));
    const options = creationOptions(activating);
    expect(options.excludeCredentials?.map((descriptor) => Buffer.from(descriptor.id as Uint8Array).toString('base64url'))).toEqual([first]);
    expect(() => authenticator.create(options, page)).toThrow('already holds');
  });

  test('a person with two keys who must still set up another method may add a third: both keys are excluded, an authenticator holding either refuses, a new one registers', async () => {
    const desk = new SoftwareAuthenticator();
    desk.importCredential(DEMO_WEBAUTHN_KEY);
    const pocket = new SoftwareAuthenticator();
    const made = pocket.create({ rp: { id: 'localhost', name: 'x' }, user: { id: new Uint8Array(1), name: 'x', displayName: 'x' }, challenge: new Uint8Array(1), pubKeyCredParams: [{ type: 'public-key', alg: -7 }] }, page);
    const key = (credentialId: string, publicKey: string, authenticatorName: string) => ({ factorType: 'webauthn' as const, credentialId, publicKey, authenticatorName });
    await org.close();
    org = await startOrg({
      seed: {
        ...DEFAULT_SEED,
        users: [
          ...(DEFAULT_SEED.users ?? []),
          {
            profile: { login: 'adds.key@example.test', email: 'adds.key@example.test', firstName: 'Ada', lastName: 'Addkey' },
            password: PASSWORD,
            policy: { mfa: 'required', enroll: ['webauthn', 'question'] },
            factors: [key(DEMO_WEBAUTHN_KEY.credentialId, DEMO_WEBAUTHN_KEY.publicKey, 'Desk key'), key(made.id, pocket.publicKeyOf(made.id), 'Pocket key')],
          },
        ],
      },
    });
    const enrolling = await verifyKey(await signIn('adds.key@example.test', 'MFA_REQUIRED'), desk);
    expect(enrolling.status).toBe('MFA_ENROLL');
    expect(offeredFactor(enrolling, 'webauthn', 'FIDO')).toMatchObject({
      status: 'ACTIVE',
      enrollment: 'REQUIRED',
      policy: { enrollment: { enrolled: 2, minimum: 1, maximum: 10 } },
      _links: { enroll: { href: `${org.sim.url}/api/v1/authn/factors` } },
    });
    const activating = await enrolling.enroll(offeredFactor(enrolling, 'webauthn', 'FIDO'));
    const options = creationOptions(activating);
    expect(options.excludeCredentials?.map((descriptor) => Buffer.from(descriptor.id as Uint8Array).toString('base64url'))).toEqual([DEMO_WEBAUTHN_KEY.credentialId, made.id]);
    for (const held of [desk, pocket]) expect(() => held.create(options, page)).toThrow(expect.objectContaining({ name: 'InvalidStateError' }));
    const added = await activating.activate(attestationFields(new SoftwareAuthenticator().create(options, page)));
    expect(added.status).toBe('MFA_ENROLL');
    expect(offeredFactor(added, 'webauthn', 'FIDO')).toMatchObject({ policy: { enrollment: { enrolled: 3 } } });
    const third = await added.enroll(offeredFactor(added, 'webauthn', 'FIDO'));
    expect(creationOptions(third).excludeCredentials).toHaveLength(3);
  });

  test('after a key is removed, the next key gets a default name no other key has', async () => {
    const userId = await org.createUser('renamed.keys@example.test', { mfa: 'required', enroll: ['webauthn'] });
    const first = await enrollKey(await signIn('renamed.keys@example.test', 'MFA_ENROLL', { multiOptionalFactorEnroll: true }), new SoftwareAuthenticator());
    const names = async () =>
      ((await org.admin('GET', `/api/v1/users/${userId}/factors`)).body as { id: string; factorType: string; profile: Record<string, unknown> }[]).filter(
        (factor) => factor.factorType === 'webauthn',
      );
    const second = await enrollKey(first, new SoftwareAuthenticator());
    expect(second.status).toBe('MFA_ENROLL');
    const [removed] = await names();
    expect((await org.admin('DELETE', `/api/v1/users/${userId}/factors/${removed?.id}`)).status).toBe(204);
    await enrollKey(second, new SoftwareAuthenticator());
    expect((await names()).map((factor) => factor.profile.authenticatorName)).toEqual(['Security key 2', 'Security key 3']);
  });

  test('a user holds at most 10 keys: the eleventh enrollment is 400 E0000001', async () => {
    await org.createUser('ten.keys@example.test', { mfa: 'required', enroll: ['webauthn'] });
    let tx = await signIn('ten.keys@example.test', 'MFA_ENROLL', { multiOptionalFactorEnroll: true });
    for (let key = 0; key < 10; key += 1) tx = await enrollKey(tx, new SoftwareAuthenticator());
    const eleventh = await expectOktaError(tx.client.request('POST', `${org.sim.url}/api/v1/authn/factors`, { stateToken: tx.stateToken, factorType: 'webauthn', provider: 'FIDO' }), 'E0000001', 400);
    expect(eleventh.errorCauses).toEqual([{ errorSummary: 'A user can have at most 10 security keys or biometric authenticators.' }]);
  });

  test('an authenticatorName that is empty, longer than 50 characters or not a string is 400 E0000001; 50 characters are taken', async () => {
    await org.createUser('named.keys@example.test', { mfa: 'required', enroll: ['webauthn'] });
    const tx = await signIn('named.keys@example.test', 'MFA_ENROLL', { multiOptionalFactorEnroll: true });
    for (const authenticatorName of ['', '   ', 'k'.repeat(51), 42, null, ['Desk key']]) {
      const refused = await expectOktaError(tx.enroll(offeredFactor(tx, 'webauthn', 'FIDO'), { profile: { authenticatorName } }), 'E0000001', 400);
      expect(refused.errorCauses, JSON.stringify(authenticatorName)).toEqual([{ errorSummary: 'profile.authenticatorName: 1 to 50 characters' }]);
    }
    const activating = await tx.enroll(offeredFactor(tx, 'webauthn', 'FIDO'), { profile: { authenticatorName: 'k'.repeat(50) } });
    expect(embedded(activating).factor.profile).toMatchObject({ authenticatorName: 'k'.repeat(50) });
  });

  test('an activation challenge past its 5 minutes is refused with E0000068 while the transaction is still open', async () => {
    await org.createUser('late.key@example.test', { mfa: 'required', enroll: ['webauthn'] });
    const tx = await signIn('late.key@example.test', 'MFA_ENROLL');
    const activating = await tx.enroll(offeredFactor(tx, 'webauthn', 'FIDO'));
    const authenticator = new SoftwareAuthenticator();
    const attestation = attestationFields(authenticator.create(creationOptions(activating), page));
    // Four minutes in, the transaction is touched (its own 5 minutes start again); the challenge's do not.
    org.sim.clock.advance(4 * 60_000);
    expect(await tx.client.request('POST', `${org.sim.url}/api/v1/authn`, { stateToken: activating.stateToken })).toMatchObject({ status: 'MFA_ENROLL_ACTIVATE' });
    org.sim.clock.advance((FIDO_CHALLENGE_MINUTES - 4) * 60_000 + 1);
    await expectOktaError(activating.activate(attestation), 'E0000068', 403);
  });

  test('an activation body that is not base64 is 400 E0000001 for activateRequest, naming the field', async () => {
    await org.createUser('bad.body@example.test', { mfa: 'required', enroll: ['webauthn'] });
    const tx = await signIn('bad.body@example.test', 'MFA_ENROLL');
    const activating = await tx.enroll(offeredFactor(tx, 'webauthn', 'FIDO'));
    const fields = attestationFields(new SoftwareAuthenticator().create(creationOptions(activating), page));
    for (const [body, field] of [
      [{ ...fields, attestation: 'not base64!' }, 'attestation'],
      [{ ...fields, clientData: 'eyJ0eXBlIjo gd2ViYXV0aG4=' }, 'clientData'],
    ] as const) {
      const refused = await expectOktaError(activating.activate(body as unknown as typeof fields), 'E0000001', 400);
      expect(refused).toMatchObject({ errorSummary: 'Api validation failed: activateRequest' });
      expect(refused.errorCauses).toEqual([{ errorSummary: `${field}: must be base64` }]);
    }
  });
});

describe('verifying with a security key', () => {
  test('webauthn@example.test signs in with the seeded key the README publishes', async () => {
    org = await startOrg();
    const authenticator = new SoftwareAuthenticator();
    authenticator.importCredential(DEMO_WEBAUTHN_KEY);
    const required = await signIn('webauthn@example.test', 'MFA_REQUIRED');
    expect(embedded(required).factors).toMatchObject([{ profile: { credentialId: DEMO_WEBAUTHN_KEY.credentialId, authenticatorName: 'Demo security key' } }]);
    const done = await verifyKey(required, authenticator);
    expect(done.status).toBe('SUCCESS');
    expect(done.sessionToken).toBeTruthy();
  });

  test('a verification challenge past its 5 minutes is refused with E0000068 while the transaction is still open', async () => {
    org = await startOrg();
    const authenticator = new SoftwareAuthenticator();
    authenticator.importCredential(DEMO_WEBAUTHN_KEY);
    const challenge = await (await signIn('webauthn@example.test', 'MFA_REQUIRED')).verify('webauthn');
    const assertion = assertionFields(authenticator.get(requestOptions(challenge), page));
    org.sim.clock.advance(4 * 60_000);
    expect(await challenge.client.request('POST', `${org.sim.url}/api/v1/authn`, { stateToken: challenge.stateToken })).toMatchObject({ status: 'MFA_CHALLENGE' });
    org.sim.clock.advance((FIDO_CHALLENGE_MINUTES - 4) * 60_000 + 1);
    await expectOktaError(challenge.verify('webauthn', assertion), 'E0000068', 403);
  });

  test('verifying one key by its id puts the challenge on the factor; the shared challenge is refused there', async () => {
    org = await startOrg();
    const authenticator = new SoftwareAuthenticator();
    authenticator.importCredential(DEMO_WEBAUTHN_KEY);
    const required = await signIn('webauthn@example.test', 'MFA_REQUIRED');
    const factor = embedded(required).factors[0] as Factor;
    const challenge = await required.verify(factor);
    expect(challenge).toMatchObject({ factorResult: 'CHALLENGE', challengeType: 'FACTOR' });
    expect(embedded(challenge).factor).toMatchObject({ _embedded: { challenge: { challenge: expect.stringMatching(/^[A-Za-z0-9_-]{20}$/), userVerification: 'preferred' } } });
    expect(challenge.moves()).toEqual(['next:verify', 'prev', 'cancel']);
    const byType = `${org.sim.url}/api/v1/authn/factors/webauthn/verify`;
    await expectOktaError(challenge.client.request('POST', byType, { stateToken: challenge.stateToken }), 'E0000079', 403);
    expect((await challenge.verify(factor, assertionFields(authenticator.get(requestOptions(challenge), page)))).status).toBe('SUCCESS');
  });

  test('a wrong key, an untrusted page and a missing field are refused with Okta errors; wrong keys count toward lockout', async () => {
    org = await startOrg();
    const impostor = new SoftwareAuthenticator();
    impostor.create({ ...({} as PublicKeyCredentialCreationOptions), rp: { id: 'localhost', name: 'x' }, user: { id: new Uint8Array(1), name: 'x', displayName: 'x' }, challenge: new Uint8Array(1), pubKeyCredParams: [{ type: 'public-key', alg: -7 }] }, page);
    const [impostorKey] = impostor.credentials.values();
    if (!impostorKey) throw new Error('no key');
    impostor.credentials.set(DEMO_WEBAUTHN_KEY.credentialId, { ...impostorKey, id: DEMO_WEBAUTHN_KEY.credentialId });
    const required = await signIn('webauthn@example.test', 'MFA_REQUIRED');
    const challenge = await required.verify('webauthn');
    await expectOktaError(challenge.verify('webauthn', assertionFields(impostor.get(requestOptions(challenge), page))), 'E0000068', 403);
    const genuine = new SoftwareAuthenticator();
    genuine.importCredential(DEMO_WEBAUTHN_KEY);
    await expectOktaError(challenge.verify('webauthn', assertionFields(genuine.get({ ...requestOptions(challenge), rpId: 'localhost' }, { origin: 'https://evil.example.test' }))), 'E0000068', 403);
    const { authenticatorData: _missing, ...partial } = assertionFields(genuine.get(requestOptions(challenge), page));
    const missing = await expectOktaError(challenge.verify('webauthn', partial), 'E0000001', 400);
    expect(missing.errorCauses).toEqual([{ errorSummary: 'authenticatorData: Required' }]);
    // Two failures so far; the fifth locks the user (the default policy's maxFactorAttempts).
    for (let attempt = 0; attempt < 2; attempt += 1) {
      await expectOktaError(challenge.verify('webauthn', assertionFields(impostor.get(requestOptions(challenge), page))), 'E0000068', 403);
    }
    await expectOktaError(challenge.verify('webauthn', assertionFields(impostor.get(requestOptions(challenge), page))), 'E0000069', 403);
  });

  test('an assertion answers its own challenge only: replayed in a later sign-in it is refused', async () => {
    org = await startOrg();
    const authenticator = new SoftwareAuthenticator();
    authenticator.importCredential(DEMO_WEBAUTHN_KEY);
    const first = await (await signIn('webauthn@example.test', 'MFA_REQUIRED')).verify('webauthn');
    const fields = assertionFields(authenticator.get(requestOptions(first), page));
    expect((await first.verify('webauthn', fields)).status).toBe('SUCCESS');
    const second = await (await signIn('webauthn@example.test', 'MFA_REQUIRED')).verify('webauthn');
    await expectOktaError(second.verify('webauthn', fields), 'E0000068', 403);
    expect((await second.verify('webauthn', assertionFields(authenticator.get(requestOptions(second), page)))).status).toBe('SUCCESS');
  });

  test('a challenge is its transaction\'s: two sign-ins at once each need an assertion of their own', async () => {
    org = await startOrg();
    const authenticator = new SoftwareAuthenticator();
    authenticator.importCredential(DEMO_WEBAUTHN_KEY);
    const first = await (await signIn('webauthn@example.test', 'MFA_REQUIRED')).verify('webauthn');
    const second = await (await signIn('webauthn@example.test', 'MFA_REQUIRED')).verify('webauthn');
    const forFirst = assertionFields(authenticator.get(requestOptions(first), page));
    await expectOktaError(second.verify('webauthn', forFirst), 'E0000068', 403);
    expect((await first.verify('webauthn', forFirst)).status).toBe('SUCCESS');
    expect((await second.verify('webauthn', assertionFields(authenticator.get(requestOptions(second), page)))).status).toBe('SUCCESS');
  });

  test('a cloned authenticator is refused: its signature counter does not grow past the last one seen', async () => {
    org = await startOrg();
    const original = new SoftwareAuthenticator();
    original.importCredential({ ...DEMO_WEBAUTHN_KEY, signCount: 4 });
    expect((await verifyKey(await signIn('webauthn@example.test', 'MFA_REQUIRED'), original)).status).toBe('SUCCESS');
    const clone = new SoftwareAuthenticator();
    clone.importCredential({ ...DEMO_WEBAUTHN_KEY, signCount: 4 });
    await expectOktaError(verifyKey(await signIn('webauthn@example.test', 'MFA_REQUIRED'), clone), 'E0000068', 403);
    expect((await verifyKey(await signIn('webauthn@example.test', 'MFA_REQUIRED'), original)).status).toBe('SUCCESS');
  });

  test('an authenticator without a counter (always 0) keeps working', async () => {
    org = await startOrg();
    const authenticator = new SoftwareAuthenticator();
    authenticator.countsSignatures = false;
    authenticator.importCredential(DEMO_WEBAUTHN_KEY);
    for (let round = 0; round < 2; round += 1) expect((await verifyKey(await signIn('webauthn@example.test', 'MFA_REQUIRED'), authenticator)).status).toBe('SUCCESS');
  });

  test('with two keys, one challenge lists both and either one signs in', async () => {
    org = await startOrg();
    await org.createUser('two.keys@example.test', { mfa: 'required', enroll: ['webauthn'] });
    const desk = new SoftwareAuthenticator();
    const laptop = new SoftwareAuthenticator();
    const enrolling = await enrollKey(await signIn('two.keys@example.test', 'MFA_ENROLL', { multiOptionalFactorEnroll: true }), desk);
    expect((await (await enrollKey(enrolling, laptop)).skip()).status).toBe('SUCCESS');
    const challenge = await (await signIn('two.keys@example.test', 'MFA_REQUIRED')).verify('webauthn');
    expect(factorsOf(challenge)).toHaveLength(2);
    expect(requestOptions(challenge).allowCredentials).toHaveLength(2);
    expect((await challenge.verify('webauthn', assertionFields(laptop.get(requestOptions(challenge), page)))).status).toBe('SUCCESS');
    expect((await verifyKey(await signIn('two.keys@example.test', 'MFA_REQUIRED'), desk)).status).toBe('SUCCESS');
  });
});

describe('the Factors API', () => {
  /** A Factors API WebAuthn activation, as the tests read it. */
  interface ApiActivation {
    rp: PublicKeyCredentialRpEntity;
    user: { id: string; name: string; displayName: string };
    challenge: string;
    pubKeyCredParams: PublicKeyCredentialParameters[];
    excludeCredentials: { id: string }[];
  }

  /** `navigator.credentials.create` options from a Factors API activation (ids and challenge base64url, as Okta sends them). */
  function apiCreationOptions(activation: ApiActivation): PublicKeyCredentialCreationOptions {
    const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'base64url'));
    return {
      rp: activation.rp,
      user: { ...activation.user, id: bytes(activation.user.id) },
      challenge: bytes(activation.challenge),
      pubKeyCredParams: activation.pubKeyCredParams,
      excludeCredentials: activation.excludeCredentials.map((credential) => ({ type: 'public-key', id: bytes(credential.id) })),
    };
  }

  test('an admin enrolls another key for a user who has one: the activation excludes it, an authenticator holding it refuses, a new key activates and signs in', async () => {
    org = await startOrg();
    const userId = ((await org.admin('GET', '/api/v1/users/webauthn@example.test')).body as { id: string }).id;
    const enrolled = await org.admin('POST', `/api/v1/users/${userId}/factors`, { factorType: 'webauthn', provider: 'FIDO', profile: { authenticatorName: 'Laptop' } });
    expect(enrolled.status).toBe(200);
    const factor = enrolled.body as { id: string; _links: { activate: { href: string } }; _embedded: { activation: ApiActivation } };
    expect(factor).toMatchObject({
      factorType: 'webauthn',
      provider: 'FIDO',
      status: 'PENDING_ACTIVATION',
      profile: { authenticatorName: 'Laptop' },
      _embedded: {
        activation: {
          rp: { id: 'localhost' },
          user: { id: userId, name: 'webauthn@example.test' },
          challenge: expect.stringMatching(/^[A-Za-z0-9_-]{20}$/),
          excludeCredentials: [{ type: 'public-key', id: DEMO_WEBAUTHN_KEY.credentialId }],
        },
      },
    });
    const options = apiCreationOptions(factor._embedded.activation);
    const demo = new SoftwareAuthenticator();
    demo.importCredential(DEMO_WEBAUTHN_KEY);
    expect(() => demo.create(options, page)).toThrow(expect.objectContaining({ name: 'InvalidStateError' }));
    const activate = new URL(factor._links.activate.href).pathname;
    expect(await org.admin('POST', activate, { clientData: 'e30=' })).toMatchObject({ status: 400, body: { errorCode: 'E0000001' } });
    const laptop = new SoftwareAuthenticator();
    const activated = await org.admin('POST', activate, attestationFields(laptop.create(options, page)));
    const [credentialId] = laptop.credentials.keys();
    expect(activated).toMatchObject({ status: 200, body: { id: factor.id, status: 'ACTIVE', profile: { credentialId, authenticatorName: 'Laptop' } } });
    expect(((await org.admin('GET', `/api/v1/users/${userId}/factors/${factor.id}`)).body as Record<string, unknown>)._embedded).toBeUndefined();
    expect((await verifyKey(await signIn('webauthn@example.test', 'MFA_REQUIRED'), laptop)).status).toBe('SUCCESS');
    // A removed key is no longer excluded: the authenticator that held it may register again.
    const demoFactor = ((await org.admin('GET', `/api/v1/users/${userId}/factors`)).body as { id: string; profile: { credentialId?: string } }[]).find(
      (listed) => listed.profile.credentialId === DEMO_WEBAUTHN_KEY.credentialId,
    );
    expect((await org.admin('DELETE', `/api/v1/users/${userId}/factors/${demoFactor?.id}`)).status).toBe(204);
    const again = (await org.admin('POST', `/api/v1/users/${userId}/factors`, { factorType: 'webauthn', provider: 'FIDO' })).body as typeof factor;
    expect(again._embedded.activation.excludeCredentials).toEqual([{ type: 'public-key', id: credentialId }]);
    expect(() => demo.create(apiCreationOptions(again._embedded.activation), page)).not.toThrow();
  });
});

describe('the Factors API verifies a key', () => {
  /** The demo user's seeded key through the Factors API: its id, the verify path, an authenticator holding the key. */
  async function seededKey(): Promise<{ verify: string; key: SoftwareAuthenticator }> {
    org = await startOrg();
    const userId = ((await org.admin('GET', '/api/v1/users/webauthn@example.test')).body as { id: string }).id;
    const factors = (await org.admin('GET', `/api/v1/users/${userId}/factors`)).body as { id: string; factorType: string }[];
    const factor = factors.find((listed) => listed.factorType === 'webauthn');
    const key = new SoftwareAuthenticator();
    key.importCredential(DEMO_WEBAUTHN_KEY);
    return { verify: `/api/v1/users/${userId}/factors/${factor?.id}/verify`, key };
  }

  /** `navigator.credentials.get` options for a Factors API challenge. */
  const apiRequestOptions = (challenge: string): PublicKeyCredentialRequestOptions => ({
    challenge: new Uint8Array(Buffer.from(challenge, 'base64url')),
    rpId: 'localhost',
    allowCredentials: [{ type: 'public-key', id: new Uint8Array(Buffer.from(DEMO_WEBAUTHN_KEY.credentialId, 'base64url')) }],
  });

  test('an empty verify answers a challenge of the factor; the assertion signed over it succeeds once, a replay is refused', async () => {
    const { verify, key } = await seededKey();
    const challenged = await org.admin('POST', verify, {});
    expect(challenged).toMatchObject({
      status: 200,
      body: {
        factorResult: 'CHALLENGE',
        profile: { credentialId: DEMO_WEBAUTHN_KEY.credentialId },
        _embedded: { challenge: { challenge: expect.stringMatching(/^[A-Za-z0-9_-]{20}$/), extensions: {} } },
        _links: { verify: { href: expect.stringContaining(verify) } },
      },
    });
    const { challenge } = (challenged.body as { _embedded: { challenge: { challenge: string } } })._embedded.challenge;
    const signed = assertionFields(key.get(apiRequestOptions(challenge), page));
    expect(await org.admin('POST', verify, signed)).toMatchObject({ status: 200, body: { factorResult: 'SUCCESS' } });
    expect(await org.admin('POST', verify, signed)).toMatchObject({ status: 403, body: { errorCode: 'E0000068' } });
  });

  test('an assertion without a challenge, over another challenge, by another key or missing a field is refused in Okta\'s shape', async () => {
    const { verify, key } = await seededKey();
    const made = randomBytes(15).toString('base64url');
    expect(await org.admin('POST', verify, assertionFields(key.get(apiRequestOptions(made), page)))).toMatchObject({ status: 403, body: { errorCode: 'E0000068' } });
    await org.admin('POST', verify, {});
    expect(await org.admin('POST', verify, assertionFields(key.get(apiRequestOptions(made), page)))).toMatchObject({ status: 403, body: { errorCode: 'E0000068' } });
    const { challenge } = ((await org.admin('POST', verify, {})).body as { _embedded: { challenge: { challenge: string } } })._embedded.challenge;
    const stranger = new SoftwareAuthenticator();
    // The same credential id, another private key: what a forged or swapped key would sign.
    const otherKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
    stranger.importCredential({ ...DEMO_WEBAUTHN_KEY, privateKey: otherKey });
    expect(await org.admin('POST', verify, assertionFields(stranger.get(apiRequestOptions(challenge), page)))).toMatchObject({ status: 403, body: { errorCode: 'E0000068' } });
    const { signatureData: _missing, ...partial } = assertionFields(key.get(apiRequestOptions(challenge), page));
    expect(await org.admin('POST', verify, partial)).toMatchObject({ status: 400, body: { errorCode: 'E0000001' } });
    expect(await org.admin('POST', verify, assertionFields(key.get(apiRequestOptions(challenge), page)))).toMatchObject({ status: 200, body: { factorResult: 'SUCCESS' } });
  });
});

describe('legacy U2F keys', () => {
  const u2fKey = new SoftwareAuthenticator();
  const appId = 'http://localhost:3000';

  beforeEach(async () => {
    const seedKey = u2fKey.create(
      { rp: { id: appId, name: 'u2f' }, user: { id: new Uint8Array(1), name: 'x', displayName: 'x' }, challenge: new Uint8Array(1), pubKeyCredParams: [{ type: 'public-key', alg: -7 }] },
      page,
    );
    const held = u2fKey.credentials.get(seedKey.id);
    if (!held) throw new Error('no key');
    const seed: SeedInput = {
      ...DEFAULT_SEED,
      users: [
        ...(DEFAULT_SEED.users ?? []),
        {
          profile: { login: 'u2f@example.test', email: 'u2f@example.test', firstName: 'Uma', lastName: 'Second' },
          password: PASSWORD,
          policy: { mfa: 'required' },
          factors: [{ factorType: 'u2f', credentialId: held.id, publicKey: u2fKey.publicKeyOf(held.id), appId }],
        },
      ],
    };
    org = await startOrg({ seed });
  });

  test('a U2F key verifies through WebAuthn with the appid extension; without it the relying party does not match', async () => {
    const required = await signIn('u2f@example.test', 'MFA_REQUIRED');
    const factor = embedded(required).factors[0] as Factor;
    expect(factor).toMatchObject({ factorType: 'u2f', provider: 'FIDO', profile: { appId, version: 'U2F_V2' } });
    expect(embedded(required).factorTypes).toBeUndefined();
    const challenge = await required.verify(factor);
    expect(embedded(challenge).factor).toMatchObject({ _embedded: { challenge: { nonce: expect.any(String), timeoutSeconds: 300 } } });
    const options = requestOptions(challenge);
    expect(options.extensions).toEqual({ appid: appId });
    const withoutAppId = new SoftwareAuthenticator();
    const [held] = u2fKey.credentials.values();
    if (!held) throw new Error('no key');
    withoutAppId.credentials.set(held.id, { ...held, rpId: 'localhost' });
    await expectOktaError(challenge.verify(factor, assertionFields(withoutAppId.get({ ...options, extensions: {} }, page))), 'E0000068', 403);
    expect((await challenge.verify(factor, assertionFields(u2fKey.get(options, page)))).status).toBe('SUCCESS');
  });

  test('through the Factors API a U2F key gets a nonce of its own and verifies with the appid extension', async () => {
    const userId = ((await org.admin('GET', '/api/v1/users/u2f@example.test')).body as { id: string }).id;
    const factors = (await org.admin('GET', `/api/v1/users/${userId}/factors`)).body as { id: string; factorType: string; profile: { credentialId: string } }[];
    const factor = factors.find((listed) => listed.factorType === 'u2f');
    const verify = `/api/v1/users/${userId}/factors/${factor?.id}/verify`;
    const challenged = await org.admin('POST', verify, {});
    expect(challenged).toMatchObject({ status: 200, body: { factorResult: 'CHALLENGE', profile: { appId }, _embedded: { challenge: { nonce: expect.any(String), timeoutSeconds: 300 } } } });
    const { nonce } = (challenged.body as { _embedded: { challenge: { nonce: string } } })._embedded.challenge;
    // The key seeded for this test (each test's seed registers a new one).
    const held = factor && u2fKey.credentials.get(factor.profile.credentialId);
    if (!held) throw new Error('no key');
    const options: PublicKeyCredentialRequestOptions = {
      challenge: new Uint8Array(Buffer.from(nonce, 'base64url')),
      allowCredentials: [{ type: 'public-key', id: new Uint8Array(Buffer.from(held.id, 'base64url')) }],
      extensions: { appid: appId },
    };
    const withoutAppId = new SoftwareAuthenticator();
    withoutAppId.credentials.set(held.id, { ...held, rpId: 'localhost' });
    expect(await org.admin('POST', verify, assertionFields(withoutAppId.get({ ...options, extensions: {} }, page)))).toMatchObject({ status: 403, body: { errorCode: 'E0000068' } });
    expect(await org.admin('POST', verify, assertionFields(u2fKey.get(options, page)))).toMatchObject({ status: 200, body: { factorResult: 'SUCCESS' } });
  });
});

describe('seeding', () => {
  test('a WebAuthn seed entry needs a base64url credential id and an ES256 or RS256 COSE key; U2F needs its appId', async () => {
    const base = { profile: { login: 'bad@example.test', email: 'bad@example.test', firstName: 'B', lastName: 'S' }, password: PASSWORD };
    const attempts: [Record<string, unknown>, string][] = [
      [{ factorType: 'webauthn', publicKey: DEMO_WEBAUTHN_KEY.publicKey }, 'users.0.factors.0.credentialId: required, base64url'],
      [{ factorType: 'webauthn', credentialId: 'abc' }, 'users.0.factors.0.publicKey: required'],
      [{ factorType: 'webauthn', credentialId: 'abc', publicKey: 'AAAA' }, 'users.0.factors.0.publicKey: not a COSE key'],
      [{ factorType: 'u2f', credentialId: 'abc', publicKey: DEMO_WEBAUTHN_KEY.publicKey }, 'users.0.factors.0.appId: required for u2f'],
    ];
    for (const [factor, problem] of attempts) {
      await expect(startOrg({ seed: { users: [{ ...base, factors: [factor] }] } as SeedInput })).rejects.toThrow(problem);
    }
    org = await startOrg({ seed: { users: [{ ...base, factors: [{ factorType: 'webauthn', credentialId: 'abc', publicKey: DEMO_WEBAUTHN_KEY.publicKey }] }] } });
  });
});

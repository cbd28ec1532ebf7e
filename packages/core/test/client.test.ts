import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  AuthnClient,
  InvalidInputError,
  InvalidResponseError,
  NetworkError,
  OktaApiError,
  TransactionExpiredError,
  TransitionNotAllowedError,
  UnsupportedStatusError,
} from '../src/index.js';
import type { AuthnError, Transaction } from '../src/index.js';
import { clientFor, forbiddenFetch, link, ORG, scriptedFetch, user } from './helpers.js';

const cancel = link('/api/v1/authn/cancel');
const prev = link('/api/v1/authn/previous');
const TOKEN = '00Tok3nSim0000000000000000000000000000000a';
const success = { status: 'SUCCESS', expiresAt: '2026-03-01T10:05:00.000Z', sessionToken: '20111simSessionToken', _embedded: { user } };

const sms = {
  id: 'sms1simSMS000000a001',
  factorType: 'sms',
  provider: 'OKTA',
  profile: { phoneNumber: '+1 XXX-XXX-4242' },
  _links: { verify: link('/api/v1/authn/factors/sms1simSMS000000a001/verify') },
};
const question = {
  id: 'ufs1simQUESTION0a001',
  factorType: 'question',
  provider: 'OKTA',
  profile: { question: 'disliked_food', questionText: 'What is the food you least liked as a child?' },
  _links: { verify: link('/api/v1/authn/factors/ufs1simQUESTION0a001/verify') },
};
const push = {
  id: 'opf1simPUSH00000a001',
  factorType: 'push',
  provider: 'OKTA',
  profile: {},
  _links: { verify: link('/api/v1/authn/factors/opf1simPUSH00000a001/verify') },
};
const mfaRequired = {
  status: 'MFA_REQUIRED',
  stateToken: TOKEN,
  _embedded: { user, factors: [sms, question, push], policy: { allowRememberDevice: true, rememberDeviceByDefault: false, rememberDeviceLifetimeInMinutes: 15, factorsPolicyInfo: {} } },
  _links: { cancel },
};
const smsChallenge = {
  status: 'MFA_CHALLENGE',
  stateToken: TOKEN,
  _embedded: { user, factor: sms },
  _links: {
    next: link(`/api/v1/authn/factors/${sms.id}/verify`, 'verify'),
    prev,
    cancel,
    resend: [link(`/api/v1/authn/factors/${sms.id}/verify/resend`, 'sms')],
  },
};
const enrollLink = { enroll: link('/api/v1/authn/factors') };
const mfaEnroll = {
  status: 'MFA_ENROLL',
  stateToken: TOKEN,
  _embedded: {
    user,
    factors: [
      { factorType: 'question', provider: 'OKTA', enrollment: 'OPTIONAL', _links: { ...enrollLink, questions: { href: `${ORG}/api/v1/users/${user.id}/factors/questions`, hints: { allow: ['GET'] } } } },
      { factorType: 'sms', provider: 'OKTA', enrollment: 'REQUIRED', _links: enrollLink },
      { factorType: 'call', provider: 'OKTA', enrollment: 'OPTIONAL', _links: enrollLink },
      { factorType: 'email', provider: 'OKTA', enrollment: 'OPTIONAL', _links: enrollLink },
      { factorType: 'token:software:totp', provider: 'OKTA', enrollment: 'OPTIONAL', _links: enrollLink },
      { factorType: 'token:software:totp', provider: 'GOOGLE', enrollment: 'OPTIONAL', _links: enrollLink },
      { factorType: 'push', provider: 'OKTA', enrollment: 'OPTIONAL', _links: enrollLink },
      { factorType: 'token', provider: 'RSA', enrollment: 'OPTIONAL', _links: enrollLink },
      { factorType: 'token', provider: 'SYMANTEC', enrollment: 'OPTIONAL', _links: enrollLink },
      { factorType: 'token:hardware', provider: 'YUBICO', enrollment: 'OPTIONAL', _links: enrollLink },
      { factorType: 'u2f', provider: 'FIDO', enrollment: 'OPTIONAL', _links: enrollLink },
      { factorType: 'webauthn', provider: 'FIDO', enrollment: 'OPTIONAL', _links: enrollLink },
      { factorType: 'web', provider: 'DUO', enrollment: 'OPTIONAL', _links: enrollLink },
    ],
  },
  _links: { cancel, skip: link('/api/v1/authn/skip', 'skip') },
};
const smsActivate = {
  status: 'MFA_ENROLL_ACTIVATE',
  stateToken: TOKEN,
  _embedded: { user, factor: { id: 'sms1simSMS000000a002', factorType: 'sms', provider: 'OKTA', profile: { phoneNumber: '+1 XXX-XXX-4242' } } },
  _links: {
    next: link('/api/v1/authn/factors/sms1simSMS000000a002/lifecycle/activate', 'activate'),
    prev,
    cancel,
    resend: [link('/api/v1/authn/factors/sms1simSMS000000a002/lifecycle/resend', 'sms')],
  },
};
const totpActivate = {
  status: 'MFA_ENROLL_ACTIVATE',
  stateToken: TOKEN,
  _embedded: {
    user,
    factor: {
      id: 'uft1simGOOG00000a001',
      factorType: 'token:software:totp',
      provider: 'GOOGLE',
      profile: { credentialId: user.profile.login },
      _embedded: {
        activation: {
          timeStep: 30,
          sharedSecret: 'JBSWY3DPEHPK3PXP',
          encoding: 'base32',
          keyLength: 6,
          _links: { qrcode: { href: `${ORG}/api/v1/users/${user.id}/factors/uft1simGOOG00000a001/qr/20111simQrT0ken000001`, type: 'image/png' } },
        },
      },
    },
  },
  _links: { next: link('/api/v1/authn/factors/uft1simGOOG00000a001/lifecycle/activate', 'activate'), prev, cancel },
};
const passwordPolicy = { complexity: { minLength: 8, minLowerCase: 1, minUpperCase: 1, minNumber: 1, minSymbol: 0, excludeUsername: true } };
const passwordWarn = {
  status: 'PASSWORD_WARN',
  stateToken: TOKEN,
  _embedded: { user, policy: { expiration: { passwordExpireDays: 3 }, ...passwordPolicy } },
  _links: { next: link('/api/v1/authn/credentials/change_password', 'changePassword'), skip: link('/api/v1/authn/skip', 'skip'), cancel },
};
const passwordExpired = {
  status: 'PASSWORD_EXPIRED',
  stateToken: TOKEN,
  _embedded: { user, policy: passwordPolicy },
  _links: { next: link('/api/v1/authn/credentials/change_password', 'changePassword'), cancel },
};
const passwordReset = (name: string) => ({
  status: 'PASSWORD_RESET',
  stateToken: TOKEN,
  recoveryType: 'PASSWORD',
  _embedded: { user, policy: passwordPolicy },
  _links: { next: link('/api/v1/authn/credentials/reset_password', name), cancel },
});
const recoveryChallenge = {
  status: 'RECOVERY_CHALLENGE',
  stateToken: TOKEN,
  factorType: 'SMS',
  recoveryType: 'PASSWORD',
  _links: {
    next: link('/api/v1/authn/recovery/factors/SMS/verify', 'verify'),
    cancel,
    resend: link('/api/v1/authn/recovery/factors/SMS/resend', 'sms'),
  },
};
const emailRecoveryChallenge = { status: 'RECOVERY_CHALLENGE', factorResult: 'WAITING', factorType: 'EMAIL', recoveryType: 'PASSWORD' };
const recovery = {
  status: 'RECOVERY',
  stateToken: TOKEN,
  recoveryType: 'UNLOCK',
  _embedded: { user: { ...user, recovery_question: { question: 'Who is a major player in the cowboy scene?' } } },
  _links: { next: link('/api/v1/authn/recovery/answer', 'answer'), cancel },
};
const lockedOut = { status: 'LOCKED_OUT', _embedded: {}, _links: { next: link('/api/v1/authn/recovery/unlock', 'unlock'), cancel } };
const unauthenticated = {
  status: 'UNAUTHENTICATED',
  stateToken: TOKEN,
  type: 'SESSION_STEP_UP',
  _embedded: { target: { type: 'APP', name: 'demo_saml_app', label: 'Demo SAML App' } },
  _links: { next: link('/api/v1/authn', 'authenticate') },
};
const stepUpSuccess = {
  status: 'SUCCESS',
  stateToken: TOKEN,
  type: 'SESSION_STEP_UP',
  _links: { next: { name: 'original', href: `${ORG}/login/step-up/redirect?stateToken=${TOKEN}`, hints: { allow: ['GET'] } } },
};

/** A transaction in `state` on a client whose fetch must never be called. */
function offline(state: object): Transaction {
  return new AuthnClient({ baseUrl: ORG, fetch: forbiddenFetch }).wrap(state);
}

describe('starting a transaction', () => {
  test('signIn posts the credentials, options, context and relayState to /api/v1/authn', async () => {
    const body = {
      username: 'ada.lovelace@example.test',
      password: 'Corr3ct-Horse!',
      relayState: '/app/dashboard',
      options: { multiOptionalFactorEnroll: true, warnBeforePasswordExpired: true },
      context: { deviceToken: '9f1c2b7e4d0a4c6f8e3b5a7d9c1e2f30' },
    };
    const { client, script } = clientFor([{ url: `${ORG}/api/v1/authn`, body, response: success }]);
    const tx = await client.signIn(body);
    expect(tx.status).toBe('SUCCESS');
    expect(tx.sessionToken).toBe('20111simSessionToken');
    expect(tx.moves()).toEqual([]);
    expect(script.remaining()).toBe(0);
  });

  test('a passwordless signIn posts the username alone (no password, no flag) and verifies a listed factor in UNAUTHENTICATED', async () => {
    const listed = {
      status: 'UNAUTHENTICATED',
      stateToken: TOKEN,
      _embedded: { factors: [sms, question], policy: { allowRememberDevice: false, rememberDeviceByDefault: false, rememberDeviceLifetimeInMinutes: 0, factorsPolicyInfo: {} } },
      _links: { cancel },
    };
    const { client, script } = clientFor([
      { url: `${ORG}/api/v1/authn`, body: { username: 'ada', options: { warnBeforePasswordExpired: true } }, response: listed },
      { url: `${ORG}/api/v1/authn/factors/${question.id}/verify`, body: { stateToken: TOKEN, answer: 'brussels sprouts' }, response: success },
    ]);
    const tx = await client.signIn({ username: 'ada', passwordless: true, options: { warnBeforePasswordExpired: true } });
    expect(tx.status).toBe('UNAUTHENTICATED');
    expect(tx.moves()).toEqual(['cancel', 'verify:sms:OKTA', 'verify:question:OKTA']);
    expect((await tx.verify(question, { answer: 'brussels sprouts' })).status).toBe('SUCCESS');
    expect(script.remaining()).toBe(0);
  });

  test('passwordless: false is a password sign-in and the flag is not sent', async () => {
    const body = { username: 'ada', password: 'pw' };
    const { client } = clientFor([{ url: `${ORG}/api/v1/authn`, body, response: success }]);
    expect((await client.signIn({ ...body, passwordless: false })).status).toBe('SUCCESS');
  });

  test('a step-up UNAUTHENTICATED lists no factors, so no factor can be verified there', async () => {
    await expect(offline(unauthenticated).verify('sms')).rejects.toThrow(TransitionNotAllowedError);
  });

  test.each([
    ['forgotPassword', '/api/v1/authn/recovery/password', 'SMS'],
    ['forgotPassword', '/api/v1/authn/recovery/password', 'EMAIL'],
    ['unlockAccount', '/api/v1/authn/recovery/unlock', 'CALL'],
    ['unlockAccount', '/api/v1/authn/recovery/unlock', 'SMS'],
  ] as const)('%s posts username and factorType %s to %s', async (method, path, factorType) => {
    const response = factorType === 'EMAIL' ? emailRecoveryChallenge : { ...recoveryChallenge, factorType };
    const body = { username: 'ada', factorType, relayState: '/back' };
    const { client } = clientFor([{ url: `${ORG}${path.replace('SMS', factorType)}`, body, response }]);
    const tx = await client[method](body);
    expect(tx.status).toBe('RECOVERY_CHALLENGE');
  });

  test('verifyRecoveryToken posts the token from the recovery email to /recovery/token', async () => {
    const body = { recoveryToken: 'VBQ0gwBp5LyJJFdbmWCM', options: { multiOptionalFactorEnroll: false } };
    const { client } = clientFor([{ url: `${ORG}/api/v1/authn/recovery/token`, body, response: recovery }]);
    expect((await client.verifyRecoveryToken(body)).status).toBe('RECOVERY');
  });

  test('resume posts only the stateToken and re-renders the current state', async () => {
    const { client } = clientFor([{ url: `${ORG}/api/v1/authn`, body: { stateToken: TOKEN }, response: unauthenticated }]);
    const tx = await client.resume(TOKEN);
    expect(tx.status).toBe('UNAUTHENTICATED');
    expect(tx.moves()).toEqual(['next:authenticate']);
  });

  test('a step-up signs in inside the existing transaction through next()', async () => {
    const body = { stateToken: TOKEN, username: 'ada', password: 'pw' };
    const { client } = clientFor([{ url: `${ORG}/api/v1/authn`, body, response: stepUpSuccess }]);
    const done = await client.wrap(unauthenticated).next({ username: 'ada', password: 'pw' });
    expect(done.status).toBe('SUCCESS');
    expect(done.moves()).toEqual(['next:original']);
    await expect(done.next()).rejects.toThrow(TransitionNotAllowedError);
  });

  test('wrap turns a raw response into a live transaction that keeps every field', () => {
    const raw = { ...mfaRequired, futureField: { added: 'later' } };
    const tx = offline(raw);
    expect(tx.raw).toBe(raw);
    expect(tx.futureField).toEqual({ added: 'later' });
    expect({ ...tx, raw: undefined, links: undefined }).toEqual({ ...raw, raw: undefined, links: undefined });
    expect(tx.client).toBeInstanceOf(AuthnClient);
    expect(offline(tx).stateToken).toBe(TOKEN);
  });

  test.each([
    ['signIn', { password: 'x' }, 'username: expected string'],
    ['signIn', { username: '  ', password: 'x' }, 'username: must not be empty'],
    ['signIn', { username: 'ada', password: '' }, 'password: must not be empty'],
    ['signIn', { username: 'ada' }, 'password: expected string'],
    ['signIn', { username: 'ada', password: 'pw', passwordless: true }, 'password: must be left out with passwordless'],
    ['signIn', { username: 'ada', password: '', passwordless: true }, 'password: must be left out with passwordless'],
    ['signIn', { username: 'ada', passwordless: 'yes' }, 'passwordless: expected boolean'],
    ['signIn', { username: '', passwordless: true }, 'username: must not be empty'],
    ['signIn', undefined, '(root): expected object'],
    ['forgotPassword', { username: 'ada', factorType: 'PIGEON' }, 'factorType: expected one of SMS, CALL, EMAIL'],
    ['unlockAccount', { factorType: 'SMS' }, 'username: expected string'],
    ['verifyRecoveryToken', { recoveryToken: 42 }, 'recoveryToken: expected string'],
    ['resume', '', 'stateToken: must not be empty'],
  ] as const)('%s with bad input %j throws INVALID_INPUT naming the field and sends nothing', async (method, input, issue) => {
    const client = new AuthnClient({ baseUrl: ORG, fetch: forbiddenFetch });
    const call = () => (client[method] as (value: unknown) => Promise<Transaction>)(input);
    const error = await Promise.resolve().then(call).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as AuthnError).code).toBe('INVALID_INPUT');
    expect((error as InvalidInputError).issues).toContain(issue);
  });

  test('a client without an absolute baseUrl is refused at construction', () => {
    expect(() => new AuthnClient({ baseUrl: 'org.example.test' })).toThrow(/baseUrl: not an absolute URL/);
    expect(() => new AuthnClient({} as { baseUrl: string })).toThrow(InvalidInputError);
  });

  test('custom headers (an API token from a trusted backend) go on every request', async () => {
    const { client } = clientFor(
      [{ url: `${ORG}/api/v1/authn`, body: { stateToken: TOKEN }, headers: { authorization: 'SSWS token', 'x-forwarded-for': '203.0.113.7' }, response: success }],
      { Authorization: 'SSWS token', 'X-Forwarded-For': '203.0.113.7' },
    );
    await client.resume(TOKEN);
  });
});

describe('moves of each state', () => {
  test('MFA_REQUIRED verifies a factor through its own verify link, with rememberDevice and autoPush in the query', async () => {
    const { client } = clientFor([
      { url: `${ORG}/api/v1/authn/factors/${sms.id}/verify?rememberDevice=true`, body: { stateToken: TOKEN }, response: smsChallenge },
      { url: `${ORG}/api/v1/authn/factors/${question.id}/verify`, body: { stateToken: TOKEN, answer: 'mayonnaise' }, response: success },
      { url: `${ORG}/api/v1/authn/factors/${push.id}/verify?rememberDevice=false&autoPush=true`, body: { stateToken: TOKEN }, response: success },
    ]);
    const tx = client.wrap(mfaRequired);
    expect(tx.moves()).toEqual(['cancel', 'verify:sms:OKTA', 'verify:question:OKTA', 'verify:push:OKTA']);
    expect(tx.can('verify')).toBe(true);
    expect(tx.can('next')).toBe(false);
    expect((await tx.verify(sms, {}, { rememberDevice: true })).status).toBe('MFA_CHALLENGE');
    expect((await tx.verify(question.id, { answer: 'mayonnaise' })).status).toBe('SUCCESS');
    expect((await tx.verify('push', undefined, { rememberDevice: false, autoPush: true })).status).toBe('SUCCESS');
  });

  test('MFA_REQUIRED refuses a factor the user does not have, without a request', async () => {
    const tx = offline(mfaRequired);
    await expect(tx.verify('token:software:totp', { passCode: '123456' })).rejects.toMatchObject({
      code: 'TRANSITION_NOT_ALLOWED',
      move: 'verify:token:software:totp',
      status: 'MFA_REQUIRED',
      available: ['cancel', 'verify:sms:OKTA', 'verify:question:OKTA', 'verify:push:OKTA'],
    });
    await expect(tx.next()).rejects.toThrow(TransitionNotAllowedError);
  });

  test('MFA_CHALLENGE verifies the passCode on next, resends by name, and goes back with prev', async () => {
    const { client } = clientFor([
      { url: `${ORG}/api/v1/authn/factors/${sms.id}/verify/resend`, body: { stateToken: TOKEN }, response: smsChallenge },
      { url: `${ORG}/api/v1/authn/factors/${sms.id}/verify`, body: { stateToken: TOKEN, passCode: '123456' }, response: success },
      { url: `${ORG}/api/v1/authn/previous`, body: { stateToken: TOKEN }, response: mfaRequired },
    ]);
    const tx = client.wrap(smsChallenge);
    expect(tx.can('resend:sms')).toBe(true);
    expect(tx.can('resend:call')).toBe(false);
    expect((await tx.resend('sms')).status).toBe('MFA_CHALLENGE');
    expect((await tx.verify(sms, { passCode: '123456' })).status).toBe('SUCCESS');
    expect((await tx.prev()).status).toBe('MFA_REQUIRED');
    await expect(tx.resend('call')).rejects.toThrow(/"resend:call" is not allowed in MFA_CHALLENGE/);
    await expect(tx.verify(question, { answer: 'x' })).rejects.toThrow(TransitionNotAllowedError);
    await expect(tx.verifyRecovery('123456')).rejects.toThrow(/"verifyRecovery" is not allowed in MFA_CHALLENGE/);
  });

  test('MFA_ENROLL enrolls each factor type through its enroll link, adding factorType and provider', async () => {
    const factors = `${ORG}/api/v1/authn/factors`;
    const cases: [string, string, Record<string, unknown> | undefined, Record<string, unknown>][] = [
      ['question', 'OKTA', { profile: { question: 'disliked_food', answer: 'mayonnaise' } }, { profile: { question: 'disliked_food', answer: 'mayonnaise' } }],
      ['sms', 'OKTA', { profile: { phoneNumber: '+1-555-202-4242' } }, { profile: { phoneNumber: '+1-555-202-4242' } }],
      ['call', 'OKTA', { profile: { phoneNumber: '+1-555-202-4242', phoneExtension: '1234' } }, { profile: { phoneNumber: '+1-555-202-4242', phoneExtension: '1234' } }],
      ['email', 'OKTA', undefined, {}],
      ['token:software:totp', 'OKTA', undefined, {}],
      ['token:software:totp', 'GOOGLE', undefined, {}],
      ['push', 'OKTA', undefined, {}],
      ['token', 'RSA', { profile: { credentialId: 'ada' }, passCode: '5275875498' }, { profile: { credentialId: 'ada' }, passCode: '5275875498' }],
      ['token', 'SYMANTEC', { profile: { credentialId: 'VSMT14393584' }, passCode: '875498', nextPassCode: '678195' }, { profile: { credentialId: 'VSMT14393584' }, passCode: '875498', nextPassCode: '678195' }],
      ['token:hardware', 'YUBICO', { passCode: 'cccccceukngdfgkukfctkcvfidnetljjiknckkcjulji' }, { passCode: 'cccccceukngdfgkukfctkcvfidnetljjiknckkcjulji' }],
      ['u2f', 'FIDO', undefined, {}],
      ['webauthn', 'FIDO', undefined, {}],
      ['web', 'DUO', undefined, {}],
    ];
    const { client, script } = clientFor(
      cases.map(([factorType, provider, , sent]) => ({ url: factors, body: { stateToken: TOKEN, ...sent, factorType, provider }, response: smsActivate })),
    );
    const tx = client.wrap(mfaEnroll);
    expect(tx.can('enroll:token:software:totp:GOOGLE')).toBe(true);
    for (const [factorType, provider, data] of cases) {
      expect((await tx.enroll({ factorType, provider }, data)).status).toBe('MFA_ENROLL_ACTIVATE');
    }
    expect(script.remaining()).toBe(0);
  });

  test('enrolling SMS moves updatePhone to the query string (as an option or in the profile)', async () => {
    const url = `${ORG}/api/v1/authn/factors?updatePhone=true`;
    const body = { stateToken: TOKEN, factorType: 'sms', provider: 'OKTA', profile: { phoneNumber: '+15552024242' } };
    const { client } = clientFor([
      { url, body, response: smsActivate },
      { url, body, response: smsActivate },
    ]);
    const tx = client.wrap(mfaEnroll);
    await tx.enroll({ factorType: 'sms', provider: 'OKTA' }, { profile: { phoneNumber: '+15552024242' } }, { updatePhone: true });
    await tx.enroll({ factorType: 'sms', provider: 'OKTA' }, { profile: { phoneNumber: '+15552024242', updatePhone: true } });
  });

  test('enrolling without the profile a factor needs is refused before any request', async () => {
    const tx = offline(mfaEnroll);
    await expect(tx.enroll({ factorType: 'sms', provider: 'OKTA' })).rejects.toThrow(/profile.phoneNumber: required/);
    await expect(tx.enroll({ factorType: 'question', provider: 'OKTA' }, { profile: { question: 'disliked_food' } })).rejects.toThrow(/profile.answer: required/);
    await expect(tx.enroll({ factorType: 'token:hotp', provider: 'CUSTOM' })).rejects.toThrow(TransitionNotAllowedError);
  });

  test('MFA_ENROLL skip posts the skip link when only optional factors remain; cancel posts the stateToken', async () => {
    const { client } = clientFor([
      { url: `${ORG}/api/v1/authn/skip`, body: { stateToken: TOKEN }, response: success },
      { url: `${ORG}/api/v1/authn/cancel`, body: { stateToken: TOKEN }, response: {} },
    ]);
    const tx = client.wrap(mfaEnroll);
    expect((await tx.skip()).status).toBe('SUCCESS');
    await expect(tx.cancel()).resolves.toBeUndefined();
  });

  test('security questions come from the factor questions link (GET)', async () => {
    const list = [
      { question: 'disliked_food', questionText: 'What is the food you least liked as a child?' },
      { question: 'favorite_movie_quote', questionText: 'What is your favorite movie quote?' },
    ];
    const { client } = clientFor([{ method: 'GET', url: `${ORG}/api/v1/users/${user.id}/factors/questions`, response: list }]);
    const tx = client.wrap(mfaEnroll);
    if (tx.status !== 'MFA_ENROLL') throw new Error('expected MFA_ENROLL');
    expect(await client.questions(tx._embedded.factors[0]!)).toEqual(list);
    await expect(client.questions(tx._embedded.factors[1]!)).rejects.toThrow(/has no questions link/);
  });

  test('MFA_ENROLL_ACTIVATE activates an OTP factor, resends with factorType and provider, and goes back', async () => {
    const base = `${ORG}/api/v1/authn/factors/sms1simSMS000000a002/lifecycle`;
    const { client } = clientFor([
      { url: `${base}/resend`, body: { stateToken: TOKEN, factorType: 'sms', provider: 'OKTA' }, response: smsActivate },
      { url: `${base}/activate`, body: { stateToken: TOKEN, passCode: '123456' }, response: success },
      { url: `${ORG}/api/v1/authn/previous`, body: { stateToken: TOKEN }, response: mfaEnroll },
    ]);
    const tx = client.wrap(smsActivate);
    expect(tx.moves()).toEqual(['next:activate', 'prev', 'cancel', 'resend:sms']);
    expect((await tx.resend()).status).toBe('MFA_ENROLL_ACTIVATE');
    expect((await tx.activate({ passCode: '123456' })).status).toBe('SUCCESS');
    expect((await tx.prev()).status).toBe('MFA_ENROLL');
    await expect(tx.sendActivation('email')).rejects.toThrow(TransitionNotAllowedError);
    await expect(tx.poll()).rejects.toThrow(TransitionNotAllowedError);
  });

  test('a TOTP activation exposes its QR code as data, not as a move', () => {
    const tx = offline(totpActivate);
    expect(tx.qrCode()).toEqual({ href: expect.stringContaining('/qr/'), type: 'image/png' });
    expect(tx.moves()).toEqual(['next:activate', 'prev', 'cancel']);
  });

  test('PASSWORD_WARN changes the password or skips', async () => {
    const change = { oldPassword: 'old', newPassword: 'N3w-password', revokeSessions: true };
    const { client } = clientFor([
      { url: `${ORG}/api/v1/authn/credentials/change_password`, body: { stateToken: TOKEN, ...change }, response: success },
      { url: `${ORG}/api/v1/authn/skip`, body: { stateToken: TOKEN }, response: success },
    ]);
    const tx = client.wrap(passwordWarn);
    expect(tx.moves()).toEqual(['next:changePassword', 'skip', 'cancel']);
    expect((await tx.changePassword(change)).status).toBe('SUCCESS');
    expect((await tx.skip()).status).toBe('SUCCESS');
  });

  test('PASSWORD_EXPIRED must change the password: skip is not published and a blank new password is refused', async () => {
    const tx = offline(passwordExpired);
    await expect(tx.skip()).rejects.toThrow(/"skip" is not allowed in PASSWORD_EXPIRED; available: next:changePassword, cancel/);
    await expect(tx.changePassword({ oldPassword: 'old', newPassword: '' })).rejects.toThrow(InvalidInputError);
    await expect(tx.resetPassword({ newPassword: 'x' })).rejects.toThrow(TransitionNotAllowedError);
  });

  test.each(['resetPassword', 'password'])('PASSWORD_RESET resets through next named %s', async (name) => {
    const { client } = clientFor([
      { url: `${ORG}/api/v1/authn/credentials/reset_password`, body: { stateToken: TOKEN, newPassword: 'N3w-password' }, response: success },
    ]);
    expect((await client.wrap(passwordReset(name)).resetPassword({ newPassword: 'N3w-password' })).status).toBe('SUCCESS');
  });

  test('RECOVERY_CHALLENGE verifies the SMS code and resends through its single (non-array) resend link', async () => {
    const { client } = clientFor([
      { url: `${ORG}/api/v1/authn/recovery/factors/SMS/resend`, body: { stateToken: TOKEN }, response: recoveryChallenge },
      { url: `${ORG}/api/v1/authn/recovery/factors/SMS/verify`, body: { stateToken: TOKEN, passCode: '657866' }, response: recovery },
    ]);
    const tx = client.wrap(recoveryChallenge);
    expect(tx.moves()).toEqual(['next:verify', 'cancel', 'resend:sms']);
    expect((await tx.resend('whatever')).status).toBe('RECOVERY_CHALLENGE');
    expect((await tx.verifyRecovery('657866')).status).toBe('RECOVERY');
  });

  test('the EMAIL recovery challenge has no links: cancel is local and other moves are refused', async () => {
    const tx = offline(emailRecoveryChallenge);
    expect(tx.moves()).toEqual([]);
    await expect(tx.cancel()).resolves.toBeUndefined();
    await expect(tx.verifyRecovery('123456')).rejects.toThrow(TransitionNotAllowedError);
  });

  test('RECOVERY answers the question; an UNLOCK recovery ends in SUCCESS', async () => {
    const { client } = clientFor([
      { url: `${ORG}/api/v1/authn/recovery/answer`, body: { stateToken: TOKEN, answer: 'Annie Oakley' }, response: { ...success, recoveryType: 'UNLOCK' } },
    ]);
    const done = await client.wrap(recovery).answer('Annie Oakley');
    expect(done.status).toBe('SUCCESS');
    expect(done.recoveryType).toBe('UNLOCK');
    await expect(offline(recovery).answer('')).rejects.toThrow(/answer: must not be empty/);
    await expect(offline(recovery).exchangeRecoveryToken()).rejects.toThrow(TransitionNotAllowedError);
  });

  test('LOCKED_OUT has no stateToken: unlock goes through next and cancel posts an empty body', async () => {
    const { client } = clientFor([
      { url: `${ORG}/api/v1/authn/recovery/unlock`, body: { username: 'ada', factorType: 'SMS' }, response: recoveryChallenge },
      { url: `${ORG}/api/v1/authn/cancel`, body: {}, response: { relayState: '' } },
    ]);
    const tx = client.wrap(lockedOut);
    expect(tx.moves()).toEqual(['next:unlock', 'cancel']);
    expect((await tx.next({ username: 'ada', factorType: 'SMS' })).status).toBe('RECOVERY_CHALLENGE');
    await tx.cancel();
  });

  test('SUCCESS publishes no moves', async () => {
    const tx = offline(success);
    expect(tx.moves()).toEqual([]);
    await expect(tx.cancel()).rejects.toThrow(TransitionNotAllowedError);
    await expect(tx.prev()).rejects.toThrow(TransitionNotAllowedError);
  });

  test('exactly the moves each state publishes are allowed; every other move throws TransitionNotAllowedError and sends no request', async () => {
    const states = [unauthenticated, passwordWarn, passwordExpired, recovery, recoveryChallenge, passwordReset('resetPassword'), lockedOut, mfaEnroll, smsActivate, mfaRequired, smsChallenge, success];
    const moves: [string, (tx: Transaction) => unknown][] = [
      ['prev', (tx) => tx.prev()],
      ['skip', (tx) => tx.skip()],
      ['resend', (tx) => tx.resend('push')],
      ['activate', (tx) => tx.activate({ passCode: '1' })],
      ['answer', (tx) => tx.answer('x')],
      ['verifyRecovery', (tx) => tx.verifyRecovery('1')],
      ['changePassword', (tx) => tx.changePassword({ oldPassword: 'a', newPassword: 'b' })],
      ['resetPassword', (tx) => tx.resetPassword({ newPassword: 'b' })],
      ['exchangeRecoveryToken', (tx) => tx.exchangeRecoveryToken()],
      ['sendActivation', (tx) => tx.sendActivation('email')],
      ['enroll', (tx) => tx.enroll({ factorType: 'sms', provider: 'OKTA' }, { profile: { phoneNumber: '+1' } })],
      ['verify', (tx) => tx.verify('sms', { passCode: '1' })],
      ['poll', (tx) => tx.poll()],
    ];
    const allowed: string[] = [];
    for (const state of states) {
      const tx = offline(state);
      for (const [name, move] of moves) {
        const error = await Promise.resolve().then(() => move(tx)).catch((e: unknown) => e);
        if (error instanceof TransitionNotAllowedError) {
          expect(error.status).toBe(state.status);
          expect(error.available).toEqual(tx.moves());
          continue;
        }
        // The move was published: the only failure allowed is the forbidden fetch being reached.
        expect(String(error)).toMatch(/no request may be sent/);
        allowed.push(`${state.status} ${name}`);
      }
    }
    // The other 142 of the 156 pairs must be refused.
    expect(allowed).toEqual([
      'PASSWORD_WARN skip',
      'PASSWORD_WARN changePassword',
      'PASSWORD_EXPIRED changePassword',
      'RECOVERY answer',
      'RECOVERY_CHALLENGE resend',
      'RECOVERY_CHALLENGE verifyRecovery',
      'PASSWORD_RESET resetPassword',
      'MFA_ENROLL skip',
      'MFA_ENROLL enroll',
      'MFA_ENROLL_ACTIVATE prev',
      'MFA_ENROLL_ACTIVATE activate',
      'MFA_REQUIRED verify',
      'MFA_CHALLENGE prev',
      'MFA_CHALLENGE verify',
    ]);
  });
});

describe('error paths', () => {
  const resume = (step: Omit<Parameters<typeof clientFor>[0][number], 'url' | 'body'>) =>
    clientFor([{ url: `${ORG}/api/v1/authn`, body: { stateToken: TOKEN }, ...step }]).client.resume(TOKEN);

  test('E0000011 (expired stateToken) becomes a TransactionExpiredError', async () => {
    const error = await resume({ status: 401, response: { errorCode: 'E0000011', errorSummary: 'Invalid token provided', errorLink: 'E0000011', errorId: 'oaeSim1', errorCauses: [] } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransactionExpiredError);
    expect(error).toMatchObject({ code: 'E0000011', errorCode: 'E0000011', status: 401, errorId: 'oaeSim1', errorCauses: [] });
  });

  test('a wrong passcode is an OktaApiError carrying Okta\'s code and causes', async () => {
    const { client } = clientFor([
      {
        url: `${ORG}/api/v1/authn/factors/${sms.id}/verify`,
        body: { stateToken: TOKEN, passCode: '000000' },
        status: 403,
        response: { errorCode: 'E0000068', errorSummary: 'Invalid Passcode/Answer', errorCauses: [{ errorSummary: "Your passcode doesn't match our records. Please try again." }] },
      },
    ]);
    const error = await client.wrap(smsChallenge).verify(sms, { passCode: '000000' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OktaApiError);
    expect(error).toMatchObject({ errorCode: 'E0000068', status: 403, errorCauses: [{ errorSummary: "Your passcode doesn't match our records. Please try again." }] });
  });

  test('429 carries the rate-limit headers', async () => {
    const error = await resume({
      status: 429,
      response: { errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit due to too many requests.', errorCauses: [] },
      responseHeaders: { 'X-Rate-Limit-Limit': '1', 'X-Rate-Limit-Remaining': '0', 'X-Rate-Limit-Reset': '1447534590' },
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ errorCode: 'E0000047', status: 429, rateLimit: { limit: 1, remaining: 0, reset: 1447534590 } });
  });

  test('a network failure becomes a NetworkError with the cause kept', async () => {
    const cause = new TypeError('fetch failed');
    const error = await resume({ networkError: cause }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', cause });
  });

  test('an HTML 502 from a proxy is a clear UNEXPECTED_RESPONSE error, not a JSON crash', async () => {
    const html = '<html><body><h1>502 Bad Gateway</h1></body></html>';
    const error = await resume({ status: 502, response: html, responseHeaders: { 'Content-Type': 'text/html' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OktaApiError);
    expect(error).toMatchObject({ errorCode: 'UNEXPECTED_RESPONSE', status: 502, body: html });
    expect((error as Error).message).toBe('Unexpected response from the server (HTTP 502)');
  });

  test('a 200 whose body is malformed JSON is an UNEXPECTED_RESPONSE error', async () => {
    const error = await resume({ response: '{"status": "SUCC' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'UNEXPECTED_RESPONSE', status: 200, body: '{"status": "SUCC' });
  });

  test('an unknown status is an UnsupportedStatusError keeping the raw response', async () => {
    const raw = { status: 'PROFILE_REQUIRED', stateToken: TOKEN };
    const error = await resume({ response: raw }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsupportedStatusError);
    expect(error).toMatchObject({ code: 'UNSUPPORTED_STATUS', status: 'PROFILE_REQUIRED', raw });
  });

  test('a known status with a malformed body is an InvalidResponseError naming the field', async () => {
    const error = await resume({ response: { status: 'MFA_REQUIRED', stateToken: TOKEN, _embedded: { user, factors: 'sms' } } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).issues).toEqual(['_embedded.factors: expected array']);
  });

  test('a problem deep inside a factor is named by its full path', async () => {
    const factors = [{ factorType: 'sms', provider: 'OKTA' }, { factorType: 'push', provider: 7, _links: { verify: [{ href: 1 }] } }];
    const error = await resume({ response: { status: 'MFA_REQUIRED', stateToken: TOKEN, _embedded: { user, factors } } }).catch((e: unknown) => e);
    expect((error as InvalidResponseError).issues).toEqual(['_embedded.factors.1.provider: expected string', '_embedded.factors.1._links.verify.0.href: expected string']);
  });

  test('links without an href are refused', async () => {
    const error = await resume({ response: { ...mfaRequired, _links: { cancel: { name: 'cancel' } } } }).catch((e: unknown) => e);
    expect((error as InvalidResponseError).issues).toEqual(['_links.cancel.href: expected string']);
  });
});

describe('links off the org origin', () => {
  /** `state` with every href moved from the org to `origin`. */
  const moved = (state: object, origin: string) => JSON.parse(JSON.stringify(state).replaceAll(ORG, origin)) as object;

  test('a next link to another origin is refused with InvalidResponseError: no request, so the API token and cookies stay home', async () => {
    const script = scriptedFetch([]);
    const client = new AuthnClient({ baseUrl: ORG, fetch: script.fetch, headers: { Authorization: 'SSWS token' }, credentials: 'include' });
    const tx = client.wrap(moved(passwordWarn, 'https://attacker.example'));
    const error = await tx.changePassword({ oldPassword: 'old', newPassword: 'N3w-password' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({
      code: 'INVALID_RESPONSE',
      message: 'Refused a link to https://attacker.example: not the org origin https://org.example.test',
    });
    expect(script.calls).toEqual([]);
  });

  test.each([
    ['another scheme', ORG, 'http://org.example.test'],
    ['another port', ORG, 'https://org.example.test:8443'],
    ['a subdomain', ORG, 'https://evil.org.example.test'],
    ['localhost for a client on 127.0.0.1', 'http://127.0.0.1:4000', 'http://localhost:4000'],
    ['[::1] for a client on localhost', 'http://localhost:4000', 'http://[::1]:4000'],
  ])('%s is another origin: every move that follows a link refuses it', async (_, baseUrl, origin) => {
    const script = scriptedFetch([]);
    const client = new AuthnClient({ baseUrl, fetch: script.fetch });
    const at = (state: object) => client.wrap(moved(state, origin));
    const waiting = moved({ ...smsChallenge, factorResult: 'WAITING', _links: { ...smsChallenge._links, next: link(`/api/v1/authn/factors/${push.id}/verify`, 'poll') } }, origin);
    const enroll = at(mfaEnroll);
    const moves: (() => Promise<unknown>)[] = [
      () => at(mfaRequired).verify(sms),
      () => at(smsChallenge).verify(sms, { passCode: '123456' }),
      () => at(smsChallenge).resend('sms'),
      () => at(smsChallenge).prev(),
      () => at(smsChallenge).cancel(),
      () => client.wrap(waiting).poll({ intervalMs: 0 }),
      () => (enroll.status === 'MFA_ENROLL' ? client.questions(enroll._embedded.factors[0]!) : Promise.reject(new Error('expected MFA_ENROLL'))),
      () => at(recovery).answer('Annie Oakley'),
    ];
    for (const move of moves) await expect(move()).rejects.toBeInstanceOf(InvalidResponseError);
    expect(script.calls).toEqual([]);
  });

  test.each([
    ['the same origin spelled differently', 'HTTPS://ORG.example.test:443/', ORG],
    ['[::1] for a client on [::1]', 'http://[::1]:4000', 'http://[::1]:4000'],
    ['127.0.0.1 for a client on 127.0.0.1', 'http://127.0.0.1:4000', 'http://127.0.0.1:4000'],
  ])('%s is followed', async (_, baseUrl, origin) => {
    const script = scriptedFetch([{ url: `${origin}/api/v1/authn/previous`, body: { stateToken: TOKEN }, response: mfaRequired }]);
    const client = new AuthnClient({ baseUrl, fetch: script.fetch });
    expect((await client.wrap(moved(smsChallenge, origin)).prev()).status).toBe('MFA_REQUIRED');
  });

  test('a relative href is resolved on the org', async () => {
    const { client } = clientFor([{ url: `${ORG}/api/v1/authn/previous`, body: { stateToken: TOKEN }, response: mfaRequired }]);
    const tx = client.wrap({ ...smsChallenge, _links: { ...smsChallenge._links, prev: { href: '/api/v1/authn/previous', hints: { allow: ['POST'] } } } });
    expect((await tx.prev()).status).toBe('MFA_REQUIRED');
  });
});

describe('request timeouts', () => {
  /** A fetch that records its calls and never answers, ignoring its signal. */
  function stalledFetch(onCall: (init: RequestInit) => void = () => {}) {
    const calls: RequestInit[] = [];
    const fetch = (async (_input: string | URL | Request, init: RequestInit = {}) => {
      calls.push(init);
      onCall(init);
      return new Promise<Response>(() => {});
    }) as typeof globalThis.fetch;
    return { fetch, calls };
  }

  let server: Server | undefined;
  afterEach(async () => {
    vi.restoreAllMocks();
    server?.closeAllConnections();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    server = undefined;
  });

  test('a request that never gets an answer fails with NetworkError "timed out after N ms" and aborts the fetch', async () => {
    const stalled = stalledFetch();
    const client = new AuthnClient({ baseUrl: ORG, fetch: stalled.fetch, timeoutMs: 20 });
    const error = await client.resume(TOKEN).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', message: 'POST /api/v1/authn timed out after 20 ms', cause: { name: 'TimeoutError' } });
    expect(stalled.calls[0]?.signal?.aborted).toBe(true);
  });

  test('a server that accepts the connection but never answers times out over real HTTP', async () => {
    server = createServer(() => {});
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const client = new AuthnClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, timeoutMs: 50 });
    await expect(client.signIn({ username: 'ada', password: 'pw' })).rejects.toThrow(/^POST \/api\/v1\/authn timed out after 50 ms$/);
  });

  test('the timeout is 30 s by default, and its timer is cleared once the answer is in', async () => {
    const set = vi.spyOn(globalThis, 'setTimeout');
    const cleared = vi.spyOn(globalThis, 'clearTimeout');
    const { client } = clientFor([{ url: `${ORG}/api/v1/authn`, body: { stateToken: TOKEN }, response: success }]);
    await client.resume(TOKEN);
    expect(set).toHaveBeenCalledWith(expect.any(Function), 30_000);
    expect(cleared).toHaveBeenCalledWith(set.mock.results.find((_, index) => set.mock.calls[index]?.[1] === 30_000)?.value);
  });

  test('timeoutMs 0 sets no limit: no timer is set and the late answer is used', async () => {
    const set = vi.spyOn(globalThis, 'setTimeout');
    let answer: (response: Response) => void = () => {};
    const calls: RequestInit[] = [];
    const fetch = (async (_input: string | URL | Request, init: RequestInit = {}) => {
      calls.push(init);
      return new Promise<Response>((resolve) => (answer = resolve));
    }) as typeof globalThis.fetch;
    const resumed = new AuthnClient({ baseUrl: ORG, fetch, timeoutMs: 0 }).resume(TOKEN);
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    expect(set.mock.calls.filter(([, ms]) => ms)).toEqual([]); // vi.waitFor's own polls use 0
    answer(new Response(JSON.stringify(success)));
    await expect(resumed).resolves.toMatchObject({ status: 'SUCCESS' });
  });

  test('aborting the caller signal during a request still rejects with its reason, not a timeout', async () => {
    const controller = new AbortController();
    const reason = new Error('user went back');
    const stalled = stalledFetch(() => controller.abort(reason));
    const client = new AuthnClient({ baseUrl: ORG, fetch: stalled.fetch, timeoutMs: 60_000 });
    const waiting = { ...smsChallenge, factorResult: 'WAITING', _links: { next: link(`/api/v1/authn/factors/${push.id}/verify`, 'poll') } };
    await expect(client.wrap(waiting).poll({ intervalMs: 0, signal: controller.signal })).rejects.toBe(reason);
    expect(stalled.calls[0]?.signal?.aborted).toBe(true);
  });

  test('with both a caller signal and a timeout, each still works and no listener is left on the caller signal', async () => {
    const stalled = stalledFetch();
    const client = new AuthnClient({ baseUrl: ORG, fetch: stalled.fetch, timeoutMs: 20 });
    const waiting = { ...smsChallenge, factorResult: 'WAITING', _links: { next: link(`/api/v1/authn/factors/${push.id}/verify`, 'poll') } };
    const caller = new AbortController();
    const added = vi.spyOn(caller.signal, 'addEventListener');
    const removed = vi.spyOn(caller.signal, 'removeEventListener');
    const error = await client.wrap(waiting).poll({ intervalMs: 0, maxRetries: 0, signal: caller.signal }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', message: `POST /api/v1/authn/factors/${push.id}/verify timed out after 20 ms` });
    expect(stalled.calls[0]?.signal?.aborted).toBe(true);
    expect(added.mock.calls.length).toBeGreaterThan(0);
    expect(removed.mock.calls.map(([, listener]) => listener)).toEqual(added.mock.calls.map(([, listener]) => listener));

    const reason = new Error('user went back');
    const aborting = stalledFetch(() => caller.abort(reason));
    const second = new AuthnClient({ baseUrl: ORG, fetch: aborting.fetch, timeoutMs: 60_000 });
    await expect(second.wrap(waiting).poll({ intervalMs: 0, signal: caller.signal })).rejects.toBe(reason);
  });

  test.each([
    ['negative', -1],
    ['fractional', 1.5],
    ['infinite', Number.POSITIVE_INFINITY],
    ['beyond a timer', 2 ** 31],
    ['a string', '100'],
  ])('a %s timeoutMs is refused at construction', (_, timeoutMs) => {
    expect(() => new AuthnClient({ baseUrl: ORG, timeoutMs: timeoutMs as number })).toThrow(InvalidInputError);
    expect(() => new AuthnClient({ baseUrl: ORG, timeoutMs: timeoutMs as number })).toThrow(/timeoutMs: expected a whole number from 0 to 2147483647/);
  });
});

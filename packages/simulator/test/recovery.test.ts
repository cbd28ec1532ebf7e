import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AuthnClient } from '@okta-authn/core';
import type { Factor } from '@okta-authn/core';
import type { TestOrg } from './helpers.js';
import { PASSWORD, startOrg } from './helpers.js';

let org: TestOrg;
let trusted: AuthnClient;
beforeAll(async () => {
  org = await startOrg();
  trusted = new AuthnClient({ baseUrl: org.sim.url, headers: { authorization: `SSWS ${org.sim.apiToken}` } });
});
afterAll(() => org.close());

async function passwordChanged(login: string): Promise<string> {
  return ((await org.admin('GET', `/api/v1/users/${encodeURIComponent(login)}`)).body as { passwordChanged: string }).passwordChanged;
}

describe('expired and expiring passwords', () => {
  test('PASSWORD_WARN appears only with warnBeforePasswordExpired; skip finishes', async () => {
    expect((await org.client.signIn({ username: 'password.warn@example.test', password: PASSWORD })).status).toBe('SUCCESS');
    const warn = await org.client.signIn({ username: 'password.warn@example.test', password: PASSWORD, options: { warnBeforePasswordExpired: true } });
    expect(warn.status).toBe('PASSWORD_WARN');
    expect(warn.raw._embedded).toMatchObject({ policy: { expiration: { passwordExpireDays: 5 }, complexity: { minLength: 8 } } });
    expect(warn.links.next).toMatchObject({ name: 'changePassword', href: `${org.sim.url}/api/v1/authn/credentials/change_password` });
    expect(warn.links.skip).toMatchObject({ name: 'skip' });
    expect((await warn.skip()).status).toBe('SUCCESS');
  });

  test('PASSWORD_WARN change_password moves passwordChanged', async () => {
    const before = await passwordChanged('password.warn@example.test');
    const warn = await org.client.signIn({ username: 'password.warn@example.test', password: PASSWORD, options: { warnBeforePasswordExpired: true } });
    const done = await warn.changePassword({ oldPassword: PASSWORD, newPassword: 'Brand-New-Passw0rd' });
    expect(done.status).toBe('SUCCESS');
    expect(await passwordChanged('password.warn@example.test')).not.toBe(before);
    expect((await org.client.signIn({ username: 'password.warn@example.test', password: 'Brand-New-Passw0rd', options: { warnBeforePasswordExpired: true } })).status).toBe('SUCCESS');
  });

  test('PASSWORD_EXPIRED (A7): wrong old password, weak new password, then success; revokeSessions ends sessions', async () => {
    const session = await org.call('POST', '/api/v1/sessions', { sessionToken: (await org.client.signIn({ username: 'plain@example.test', password: PASSWORD })).sessionToken });
    const plainId = await org.userId('plain@example.test');
    await org.admin('POST', `/api/v1/users/${plainId}/lifecycle/expire_password`);
    const expired = await org.client.signIn({ username: 'plain@example.test', password: PASSWORD });
    expect(expired.status).toBe('PASSWORD_EXPIRED');
    expect(expired.links.skip).toBeUndefined();
    await expect(expired.changePassword({ oldPassword: 'wrong', newPassword: 'Another-Passw0rd' })).rejects.toMatchObject({
      status: 403,
      errorCode: 'E0000014',
      errorCauses: [{ errorSummary: 'oldPassword: The credentials provided were incorrect.' }],
    });
    await expect(expired.changePassword({ oldPassword: PASSWORD, newPassword: 'weak' })).rejects.toMatchObject({
      errorCode: 'E0000014',
      errorSummary: 'Update of credentials failed',
      errorCauses: [
        { errorSummary: 'Password requirements were not met. Password requirements: at least 8 characters, a lowercase letter, an uppercase letter, a number, a symbol, no parts of your username.' },
      ],
    });
    await expect(expired.changePassword({ oldPassword: PASSWORD, newPassword: 'Plain-Passw0rd!' })).rejects.toMatchObject({ errorCode: 'E0000014' });
    const done = await expired.changePassword({ oldPassword: PASSWORD, newPassword: 'Another-Passw0rd', revokeSessions: true });
    expect(done.status).toBe('SUCCESS');
    expect((await org.admin('GET', `/api/v1/sessions/${(session.body as { id: string }).id}`)).status).toBe(404);
    expect((await org.admin('GET', `/api/v1/users/${plainId}`)).body).toMatchObject({ status: 'ACTIVE' });
  });

  test('the seeded expired user must change the password first', async () => {
    const expired = await org.client.signIn({ username: 'password.expired@example.test', password: PASSWORD });
    expect(expired.status).toBe('PASSWORD_EXPIRED');
    expect((await expired.changePassword({ oldPassword: PASSWORD, newPassword: 'Fresh-Passw0rd!' })).status).toBe('SUCCESS');
  });
});

describe('forgot password and unlock', () => {
  test('by SMS (A8): RECOVERY_CHALLENGE → verify → RECOVERY → answer → PASSWORD_RESET (same token) → SUCCESS', async () => {
    const challenge = await org.client.forgotPassword({ username: 'recovery@example.test', factorType: 'SMS', relayState: '/back' });
    expect(challenge).toMatchObject({ status: 'RECOVERY_CHALLENGE', factorType: 'SMS', recoveryType: 'PASSWORD', relayState: '/back' });
    expect(challenge.raw._embedded).toBeUndefined();
    expect(challenge.links).toMatchObject({
      next: { name: 'verify', href: `${org.sim.url}/api/v1/authn/recovery/factors/SMS/verify` },
      resend: { name: 'sms', href: `${org.sim.url}/api/v1/authn/recovery/factors/SMS/resend` },
    });
    await expect(challenge.verifyRecovery('000000')).rejects.toMatchObject({
      errorCode: 'E0000068',
      errorCauses: [{ errorSummary: "Your token doesn't match our records. Please try again." }],
    });
    const recovery = await challenge.verifyRecovery(await org.lastCode('+15552024204'));
    expect(recovery.status).toBe('RECOVERY');
    expect(recovery.raw._embedded).toMatchObject({ user: { recovery_question: { question: 'What is the name of your first robot?' } } });
    expect(recovery.links.next).toMatchObject({ name: 'answer' });
    await expect(recovery.answer('Lovelace')).rejects.toMatchObject({ status: 403, errorCode: 'E0000087', errorCauses: [] });
    const reset = await recovery.answer('babbage');
    expect(reset).toMatchObject({ status: 'PASSWORD_RESET', recoveryType: 'PASSWORD', stateToken: recovery.stateToken });
    expect(reset.links.next).toMatchObject({ name: 'resetPassword', href: `${org.sim.url}/api/v1/authn/credentials/reset_password` });
    await expect(reset.resetPassword({ newPassword: 'short' })).rejects.toMatchObject({ status: 403, errorCode: 'E0000080' });
    const done = await reset.resetPassword({ newPassword: 'Recovered-Passw0rd' });
    expect(done).toMatchObject({ status: 'SUCCESS', relayState: '/back' });
    expect((await org.client.signIn({ username: 'recovery@example.test', password: 'Recovered-Passw0rd' })).status).toBe('SUCCESS');
  });

  test('by EMAIL (A9): a bare RECOVERY_CHALLENGE, a link carrying a single-use recoveryToken', async () => {
    const challenge = await org.client.forgotPassword({ username: 'recovery@example.test', factorType: 'EMAIL' });
    expect(challenge.raw).toEqual({ status: 'RECOVERY_CHALLENGE', factorResult: 'WAITING', factorType: 'EMAIL', recoveryType: 'PASSWORD' });
    const mail = (await org.outbox('recovery@example.test')).at(-1);
    expect(mail?.channel).toBe('email');
    expect(mail?.text).toContain(`/signin/reset-password/${mail?.code}`);
    const recovery = await org.client.verifyRecoveryToken({ recoveryToken: String(mail?.code) });
    expect(recovery.status).toBe('RECOVERY');
    await expect(org.client.verifyRecoveryToken({ recoveryToken: String(mail?.code) })).rejects.toMatchObject({ status: 403, errorCode: 'E0000105' });
    await expect(org.client.verifyRecoveryToken({ recoveryToken: 'VBQ0gwBp5LyJJFdbmWCM' })).rejects.toMatchObject({ status: 401, errorCode: 'E0000011' });
    await recovery.cancel();
  });

  test('an unknown username still gets a recovery transaction and nothing is sent', async () => {
    const sent = (await org.call('GET', '/__sim/outbox')).body as unknown[];
    const sms = await org.client.forgotPassword({ username: 'ghost@example.test', factorType: 'SMS' });
    expect(sms.status).toBe('RECOVERY_CHALLENGE');
    await expect(sms.verifyRecovery('123456')).rejects.toMatchObject({ errorCode: 'E0000068' });
    expect((await org.client.forgotPassword({ username: 'ghost@example.test', factorType: 'EMAIL' })).status).toBe('RECOVERY_CHALLENGE');
    expect(((await org.call('GET', '/__sim/outbox')).body as unknown[]).length).toBe(sent.length);
  });

  test('trusted recovery needs a known user; public recovery needs a factorType', async () => {
    await expect(trusted.forgotPassword({ username: 'ghost@example.test' })).rejects.toMatchObject({ status: 403, errorCode: 'E0000095' });
    await expect(org.client.forgotPassword({ username: 'recovery@example.test' })).rejects.toMatchObject({ status: 400, errorCode: 'E0000001' });
  });

  test('unlock by SMS (A11): LOCKED_OUT → RECOVERY_CHALLENGE (UNLOCK) → RECOVERY → SUCCESS, then sign-in works', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) await org.call('POST', '/api/v1/authn', { username: 'locked.out@example.test', password: 'bad' });
    const locked = await org.client.signIn({ username: 'locked.out@example.test', password: PASSWORD });
    expect(locked.status).toBe('LOCKED_OUT');
    const challenge = await org.client.unlockAccount({ username: 'locked.out@example.test', factorType: 'SMS' });
    expect(challenge).toMatchObject({ status: 'RECOVERY_CHALLENGE', recoveryType: 'UNLOCK' });
    const recovery = await challenge.verifyRecovery(await org.lastCode('+15552024203'));
    const done = await recovery.answer('Babbage');
    expect(done).toMatchObject({ status: 'SUCCESS', recoveryType: 'UNLOCK' });
    expect(done.sessionToken).toBeUndefined();
    expect((await org.client.signIn({ username: 'locked.out@example.test', password: PASSWORD })).status).toBe('SUCCESS');
  });

  test('CALL recovery places a voice call and accepts the lower-case path', async () => {
    const challenge = await org.client.forgotPassword({ username: 'locked.out@example.test', factorType: 'CALL' });
    expect(challenge.links.next).toMatchObject({ href: `${org.sim.url}/api/v1/authn/recovery/factors/CALL/verify` });
    const message = (await org.outbox('+15552024203')).at(-1);
    expect(message?.channel).toBe('call');
    const answer = await org.call('POST', '/api/v1/authn/recovery/factors/call/verify', { stateToken: challenge.stateToken, passCode: message?.code });
    expect(answer.body).toMatchObject({ status: 'RECOVERY' });
  });
});

describe('seed traces', () => {
  test('seed 000/001: trusted recovery, answer, reset commits the password and THEN answers MFA_REQUIRED with a new stateToken', async () => {
    const login = 'mary.jane@example.test';
    const originalChanged = await passwordChanged(login);
    const step1 = await trusted.forgotPassword({ username: login });
    expect(step1).toMatchObject({ status: 'RECOVERY', recoveryType: 'PASSWORD' });
    expect(step1.stateToken).toBeUndefined();
    expect(step1.recoveryToken).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(Date.parse(String(step1.expiresAt)) - org.sim.clock.now()).toBeGreaterThan(59 * 60_000);
    expect(step1.raw._embedded).toEqual({
      user: { id: expect.any(String), passwordChanged: originalChanged, profile: { login, firstName: 'Mary', lastName: 'Jane', locale: 'en_US', timeZone: 'America/Los_Angeles' } },
    });
    expect(step1.links.next).toMatchObject({ name: 'recovery', href: `${org.sim.url}/api/v1/authn/recovery/token` });

    const step2 = await step1.exchangeRecoveryToken();
    expect(step2).toMatchObject({ status: 'RECOVERY', recoveryType: 'PASSWORD' });
    expect(step2.stateToken).toMatch(/^00[A-Za-z0-9_-]{40}$/);
    expect(step2.raw._embedded).toMatchObject({ user: { recovery_question: { question: 'disliked_food' } } });

    const step3 = await step2.answer('mayonnaise');
    expect(step3).toMatchObject({ status: 'PASSWORD_RESET', recoveryType: 'PASSWORD', stateToken: step2.stateToken });
    expect(step3.raw._embedded).toMatchObject({
      policy: {
        complexity: { minLength: 10, minLowerCase: 1, minUpperCase: 1, minNumber: 1, minSymbol: 1, excludeUsername: true, excludeAttributes: ['firstName', 'lastName'] },
        age: { minAgeMinutes: 0, historyCount: 10 },
      },
    });
    await expect(step3.resetPassword({ newPassword: 'Initial-Passw0rd!' })).rejects.toMatchObject({ errorCode: 'E0000080' });
    await expect(step3.resetPassword({ newPassword: 'Mary-Passw0rd-2' })).rejects.toMatchObject({ errorCode: 'E0000080' });

    org.sim.clock.advance(1000);
    const step4 = await step3.resetPassword({ newPassword: 'Sunny-Garden-42!' });
    expect(step4.status).toBe('MFA_REQUIRED');
    expect(step4.stateToken).not.toBe(step3.stateToken);
    expect(step4.recoveryType).toBeUndefined();
    const committed = await passwordChanged(login);
    expect(committed).not.toBe(originalChanged);
    expect((step4.raw._embedded as { user: { passwordChanged: string } }).user.passwordChanged).toBe(committed);
    expect((await org.admin('GET', `/api/v1/users/${encodeURIComponent(login)}`)).body).toMatchObject({ status: 'ACTIVE' });
    const factors = (step4.raw._embedded as { factors: Factor[] }).factors;
    expect(factors).toHaveLength(1);
    expect(factors[0]).toMatchObject({ factorType: 'email', provider: 'OKTA', vendorName: 'OKTA', profile: { email: 'm...e@example.test' } });
    expect(factors[0]?.id).toMatch(/^emf/);
    expect(step4.raw._embedded).toMatchObject({ policy: { allowRememberDevice: false, rememberDeviceLifetimeInMinutes: 0, rememberDeviceByDefault: false, factorsPolicyInfo: {} } });
    await expect(org.client.resume(String(step3.stateToken))).rejects.toMatchObject({ errorCode: 'E0000011' });
    expect((await org.client.signIn({ username: login, password: 'Sunny-Garden-42!' })).status).toBe('MFA_REQUIRED');

    const step5 = await step4.verify(factors[0] as Factor);
    expect(step5).toMatchObject({ status: 'MFA_CHALLENGE', factorResult: 'CHALLENGE', challengeType: 'FACTOR', stateToken: step4.stateToken });
    const step6 = await step5.next({ passCode: await org.lastCode(login) });
    expect(step6.status).toBe('SUCCESS');
    expect(step6.stateToken).toBeUndefined();
    expect((step6.raw._embedded as { user: { passwordChanged: string } }).user.passwordChanged).toBe(committed);
    expect(Date.parse(String(step6.expiresAt)) - org.sim.clock.now()).toBeLessThanOrEqual(5 * 60_000);
  });

  test('seed 002: an SMS code issued through the Factors API is accepted by the authn transaction', async () => {
    const userId = await org.userId('sms.mfa@example.test');
    const factorId = await org.factorId('sms.mfa@example.test', 'sms');
    org.sim.clock.advance(31_000);
    const challenge = await org.admin('POST', `/api/v1/users/${userId}/factors/${factorId}/verify`, {});
    expect(challenge.body).toMatchObject({ factorResult: 'CHALLENGE', profile: { phoneNumber: '+15552024201' }, _links: { verify: {}, factor: { hints: { allow: ['GET', 'DELETE'] } } } });
    const tx = await org.client.signIn({ username: 'sms.mfa@example.test', password: PASSWORD });
    const done = await tx.verify(factorId, { passCode: await org.lastCode('+15552024201') });
    expect(done.status).toBe('SUCCESS');
  });

  test('seed 004: a Factors API push verify answers 202 Accepted with the Location of a transaction to poll until SUCCESS', async () => {
    const userId = await org.userId('push@example.test');
    const factorId = await org.factorId('push@example.test', 'push');
    const started = await org.admin('POST', `/api/v1/users/${userId}/factors/${factorId}/verify`, {});
    expect(started.status).toBe(202);
    const poll = (started.body as { _links: { poll: { href: string } } })._links.poll.href;
    expect(started.headers.get('location')).toBe(poll);
    expect(poll).toMatch(new RegExp(`/api/v1/users/${userId}/factors/${factorId}/transactions/mst`));
    expect((await org.admin('GET', poll)).body).toMatchObject({ factorResult: 'WAITING' });
    await org.call('POST', `/__sim/push/${factorId}/approve`, {});
    expect((await org.admin('GET', poll)).body).toEqual({ factorResult: 'SUCCESS' });
  });
});

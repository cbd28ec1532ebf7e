import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Factor } from '@okta-authn/core';
import type { TestOrg } from './helpers.js';
import { PASSWORD, startOrg } from './helpers.js';

let org: TestOrg;
beforeAll(async () => {
  org = await startOrg();
});
afterAll(() => org.close());

const ILLEGAL = {
  errorCode: 'E0000079',
  errorSummary: 'This operation is not allowed in the current authentication state.',
  errorCauses: [{ errorSummary: 'This operation is not allowed in the current authentication state.' }],
};

/** POSTs `path` with the stateToken and expects 403 E0000079. */
async function refused(path: string, stateToken: unknown, extra: Record<string, unknown> = {}): Promise<void> {
  const answer = await org.call('POST', path, { stateToken, ...extra });
  expect(answer.status, path).toBe(403);
  expect(answer.body, path).toMatchObject(ILLEGAL);
}

describe('§2.13 transitions the state does not publish', () => {
  test('MFA_REQUIRED refuses every move but verify and cancel with E0000079, and stays as it was', async () => {
    const tx = await org.client.signIn({ username: 'sms.mfa@example.test', password: PASSWORD });
    const factorId = String((tx.raw._embedded as { factors: Factor[] }).factors[0]?.id);
    await refused('/api/v1/authn/previous', tx.stateToken);
    await refused('/api/v1/authn/skip', tx.stateToken);
    await refused('/api/v1/authn/credentials/change_password', tx.stateToken, { oldPassword: PASSWORD, newPassword: 'New-Passw0rd-1!' });
    await refused('/api/v1/authn/credentials/reset_password', tx.stateToken, { newPassword: 'New-Passw0rd-1!' });
    await refused('/api/v1/authn/factors', tx.stateToken, { factorType: 'sms', provider: 'OKTA', profile: { phoneNumber: '+15552024201' } });
    await refused(`/api/v1/authn/factors/${factorId}/lifecycle/activate`, tx.stateToken, { passCode: '123456' });
    await refused(`/api/v1/authn/factors/${factorId}/lifecycle/activate/poll`, tx.stateToken);
    await refused(`/api/v1/authn/factors/${factorId}/lifecycle/resend`, tx.stateToken);
    await refused(`/api/v1/authn/factors/${factorId}/verify/resend`, tx.stateToken);
    await refused('/api/v1/authn/recovery/answer', tx.stateToken, { answer: 'mayonnaise' });
    await refused('/api/v1/authn/recovery/factors/SMS/verify', tx.stateToken, { passCode: '123456' });
    await refused('/api/v1/authn', tx.stateToken, { username: 'sms.mfa@example.test', password: PASSWORD });
    const same = await org.client.resume(String(tx.stateToken));
    expect(same.status).toBe('MFA_REQUIRED');
    expect(same.stateToken).toBe(tx.stateToken);
  });

  test('MFA_CHALLENGE verifies only its own factor: another factor needs prev first', async () => {
    const created = await org.admin('POST', '/api/v1/users?activate=true', {
      profile: { firstName: 'Two', lastName: 'Factors', email: 'two.factors@example.test', login: 'two.factors@example.test' },
      credentials: { password: { value: PASSWORD } },
    });
    const userId = (created.body as { id: string }).id;
    await org.call('PUT', `/__sim/users/${userId}/policy`, { mfa: 'required' });
    await org.admin('POST', `/api/v1/users/${userId}/factors?activate=true`, { factorType: 'sms', provider: 'OKTA', profile: { phoneNumber: '+15553034444' } });
    await org.admin('POST', `/api/v1/users/${userId}/factors?activate=true`, { factorType: 'email', provider: 'OKTA' });
    const tx = await org.client.signIn({ username: 'two.factors@example.test', password: PASSWORD });
    const factors = (tx.raw._embedded as { factors: Factor[] }).factors;
    const sms = factors.find((factor) => factor.factorType === 'sms') as Factor;
    const email = factors.find((factor) => factor.factorType === 'email') as Factor;
    const challenge = await tx.verify(sms);
    expect(challenge.status).toBe('MFA_CHALLENGE');
    await refused(`/api/v1/authn/factors/${email.id}/verify`, challenge.stateToken);
    await refused('/api/v1/authn/factors', challenge.stateToken, { factorType: 'email', provider: 'OKTA' });
    expect(await org.outbox('two.factors@example.test')).toEqual([]);
    const back = await challenge.prev();
    expect(back.status).toBe('MFA_REQUIRED');
    const emailChallenge = await back.verify(email);
    expect(emailChallenge).toMatchObject({ status: 'MFA_CHALLENGE', factorResult: 'CHALLENGE', challengeType: 'FACTOR' });
    const done = await emailChallenge.verify(email, { passCode: await org.lastCode('two.factors@example.test') });
    expect(done.status).toBe('SUCCESS');
  });

  test('a recovery challenge for an unknown user refuses skip and previous with E0000079, not E0000011', async () => {
    const tx = await org.client.forgotPassword({ username: 'nobody.here@example.test', factorType: 'SMS' });
    expect(tx.status).toBe('RECOVERY_CHALLENGE');
    await refused('/api/v1/authn/skip', tx.stateToken);
    await refused('/api/v1/authn/previous', tx.stateToken);
    await refused('/api/v1/authn/credentials/reset_password', tx.stateToken, { newPassword: 'New-Passw0rd-1!' });
    expect((await org.client.resume(String(tx.stateToken))).status).toBe('RECOVERY_CHALLENGE');
  });

  test('PASSWORD_WARN refuses previous and factor moves; skip and changePassword are its only ways on', async () => {
    const tx = await org.client.signIn({ username: 'password.warn@example.test', password: PASSWORD, options: { warnBeforePasswordExpired: true } });
    expect(tx.status).toBe('PASSWORD_WARN');
    await refused('/api/v1/authn/previous', tx.stateToken);
    await refused('/api/v1/authn/credentials/reset_password', tx.stateToken, { newPassword: 'New-Passw0rd-1!' });
    await refused('/api/v1/authn/factors', tx.stateToken, { factorType: 'email', provider: 'OKTA' });
    expect((await tx.skip()).status).toBe('SUCCESS');
  });
});

describe('cancel, introspect and token lifetime', () => {
  test('cancel answers {} (relayState when one was given) and revokes the stateToken: get-state and introspect are 401 E0000011', async () => {
    const plainCancel = await org.call('POST', '/api/v1/authn/cancel', {});
    expect(plainCancel).toMatchObject({ status: 200, body: {} });
    const tx = await org.client.signIn({ username: 'sms.mfa@example.test', password: PASSWORD, relayState: '/deep/link?x=1' });
    const cancelled = await org.call('POST', '/api/v1/authn/cancel', { stateToken: tx.stateToken });
    expect(cancelled).toMatchObject({ status: 200, body: { relayState: '/deep/link?x=1' } });
    expect(Object.keys(cancelled.body as object)).toEqual(['relayState']);
    const other = await org.client.signIn({ username: 'sms.mfa@example.test', password: PASSWORD });
    const noRelay = await org.call('POST', '/api/v1/authn/cancel', { stateToken: other.stateToken });
    expect(noRelay.body).toEqual({});
    for (const stateToken of [tx.stateToken, other.stateToken]) {
      const state = await org.call('POST', '/api/v1/authn', { stateToken });
      expect(state.status).toBe(401);
      expect(state.body).toMatchObject({ errorCode: 'E0000011', errorSummary: 'Invalid token provided' });
      const introspected = await org.call('POST', '/api/v1/authn/introspect', { stateToken });
      expect(introspected.body).toMatchObject({ errorCode: 'E0000011' });
      const again = await org.call('POST', '/api/v1/authn/cancel', { stateToken });
      expect(again.body).toMatchObject({ errorCode: 'E0000011' });
    }
  });

  test('introspect behaves like get-state: same state, same links, and it slides the expiry', async () => {
    const tx = await org.client.signIn({ username: 'sms.mfa@example.test', password: PASSWORD, relayState: '/r' });
    org.sim.clock.advance(60_000);
    const introspected = await org.call('POST', '/api/v1/authn/introspect', { stateToken: tx.stateToken });
    const state = await org.call('POST', '/api/v1/authn', { stateToken: tx.stateToken });
    const { expiresAt: introspectedExpiry, ...introspectedRest } = introspected.body as Record<string, unknown>;
    const { expiresAt: stateExpiry, ...stateRest } = state.body as Record<string, unknown>;
    expect(introspectedRest).toEqual(stateRest);
    expect(introspectedRest).toMatchObject({ status: 'MFA_REQUIRED', relayState: '/r', stateToken: tx.stateToken });
    expect(Date.parse(String(introspectedExpiry))).toBeGreaterThan(Date.parse(String(tx.expiresAt)));
    expect(Date.parse(String(stateExpiry))).toBeGreaterThanOrEqual(Date.parse(String(introspectedExpiry)));
    const missing = await org.call('POST', '/api/v1/authn/introspect', {});
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ errorCode: 'E0000001' });
  });

  test('a stateToken lives 5 minutes after the last request: touched in time it lives on, idle it expires with E0000011', async () => {
    const tx = await org.client.signIn({ username: 'sms.mfa@example.test', password: PASSWORD });
    org.sim.clock.advance(4 * 60_000);
    expect((await org.client.resume(String(tx.stateToken))).status).toBe('MFA_REQUIRED');
    org.sim.clock.advance(4 * 60_000);
    const alive = await org.client.resume(String(tx.stateToken));
    org.sim.clock.advance(5 * 60_000);
    await expect(alive.verify((alive.raw._embedded as { factors: Factor[] }).factors[0] as Factor)).rejects.toMatchObject({ status: 401, errorCode: 'E0000011' });
    const cancel = await org.call('POST', '/api/v1/authn/cancel', { stateToken: tx.stateToken });
    expect(cancel.body).toMatchObject({ errorCode: 'E0000011' });
  });
});

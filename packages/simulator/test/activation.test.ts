import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Transaction } from '@okta-authn/core';
import type { TestOrg } from './helpers.js';
import { PASSWORD, startOrg } from './helpers.js';

const NEW_PASSWORD = 'Welcome-Aboard-42!';

let org: TestOrg;
beforeAll(async () => {
  org = await startOrg();
});
afterAll(() => org.close());

interface ApiUser {
  id: string;
  status: string;
  activated: string | null;
  passwordChanged: string | null;
  _links: Record<string, { href: string; method?: string }>;
}

async function stagedUser(login: string, password?: string): Promise<ApiUser> {
  const created = await org.admin('POST', '/api/v1/users?activate=false', {
    profile: { firstName: 'Newly', lastName: 'Hired', email: login, login },
    ...(password ? { credentials: { password: { value: password } } } : {}),
  });
  expect(created.status).toBe(200);
  return created.body as ApiUser;
}

async function activationLink(userId: string): Promise<{ activationUrl: string; activationToken: string }> {
  const answer = await org.admin('POST', `/api/v1/users/${userId}/lifecycle/activate?sendEmail=false`);
  expect(answer.status).toBe(200);
  return answer.body as { activationUrl: string; activationToken: string };
}

/** Primary authentication with an activation token, through the client. */
async function signInWithToken(token: string): Promise<Transaction> {
  return org.client.wrap(await org.client.request('POST', `${org.sim.url}/api/v1/authn`, { token }));
}

describe('user activation token (§3.1)', () => {
  test('a user without password: STAGED → activate → PASSWORD_RESET (ACCOUNT_ACTIVATION) → resetPassword → SUCCESS, ACTIVE', async () => {
    const staged = await stagedUser('no.password@example.test');
    expect(staged.status).toBe('STAGED');
    expect(staged.activated).toBeNull();
    expect(staged._links.activate).toEqual({ href: `${org.sim.url}/api/v1/users/${staged.id}/lifecycle/activate`, method: 'POST' });
    await expect(org.client.signIn({ username: 'no.password@example.test', password: PASSWORD })).rejects.toMatchObject({ status: 401, errorCode: 'E0000004' });

    const { activationUrl, activationToken } = await activationLink(staged.id);
    expect(activationToken).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(activationUrl).toBe(`${org.sim.url}/welcome/${activationToken}`);
    const provisioned = (await org.admin('GET', `/api/v1/users/${staged.id}`)).body as ApiUser;
    expect(provisioned).toMatchObject({ status: 'PROVISIONED', passwordChanged: null });
    expect(provisioned.activated).not.toBeNull();
    expect(provisioned._links.reactivate).toMatchObject({ method: 'POST' });
    expect(await org.outbox('no.password@example.test')).toEqual([]);
    const twice = await org.admin('POST', `/api/v1/users/${staged.id}/lifecycle/activate?sendEmail=false`);
    expect(twice.status).toBe(403);
    expect(twice.body).toMatchObject({ errorCode: 'E0000016' });

    const reset = await signInWithToken(activationToken);
    expect(reset).toMatchObject({ status: 'PASSWORD_RESET', recoveryType: 'ACCOUNT_ACTIVATION' });
    expect(reset.stateToken).toMatch(/^00/);
    expect(reset.links.next).toMatchObject({ name: 'resetPassword', href: `${org.sim.url}/api/v1/authn/credentials/reset_password` });
    expect(reset.links.cancel).toBeDefined();
    expect(reset.raw._embedded).toMatchObject({ user: { id: staged.id, passwordChanged: null }, policy: { complexity: { minLength: 8 } } });
    await expect(signInWithToken(activationToken)).rejects.toMatchObject({ status: 401, errorCode: 'E0000004' });

    await expect(reset.resetPassword({ newPassword: 'short' })).rejects.toMatchObject({ status: 403, errorCode: 'E0000080' });
    const done = await reset.resetPassword({ newPassword: NEW_PASSWORD });
    expect(done.status).toBe('SUCCESS');
    expect(done.sessionToken).toMatch(/^20111/);
    const active = (await org.admin('GET', `/api/v1/users/${staged.id}`)).body as ApiUser;
    expect(active.status).toBe('ACTIVE');
    expect(active.passwordChanged).not.toBeNull();
    expect((await org.client.signIn({ username: 'no.password@example.test', password: NEW_PASSWORD })).status).toBe('SUCCESS');
  });

  test('a user with a password is ACTIVE once activated; the token signs in (SUCCESS), or MFA_ENROLL when MFA is required', async () => {
    const plain = await stagedUser('has.password@example.test', PASSWORD);
    await expect(org.client.signIn({ username: 'has.password@example.test', password: PASSWORD })).rejects.toMatchObject({ errorCode: 'E0000004' });
    const { activationToken } = await activationLink(plain.id);
    expect(((await org.admin('GET', `/api/v1/users/${plain.id}`)).body as ApiUser).status).toBe('ACTIVE');
    const success = await signInWithToken(activationToken);
    expect(success.status).toBe('SUCCESS');
    const session = await org.call('POST', '/api/v1/sessions', { sessionToken: success.sessionToken });
    expect(session.body).toMatchObject({ userId: plain.id, status: 'ACTIVE' });

    const guarded = await stagedUser('has.mfa@example.test', PASSWORD);
    await org.call('PUT', `/__sim/users/${guarded.id}/policy`, { mfa: 'required', enroll: ['sms'] });
    const link = await activationLink(guarded.id);
    const enroll = await signInWithToken(link.activationToken);
    expect(enroll.status).toBe('MFA_ENROLL');
    expect(enroll.links.skip).toBeUndefined();
    expect(enroll.recoveryType).toBeUndefined();
  });

  test('sendEmail (the default) mails the activation link instead of returning it; reactivate replaces the token', async () => {
    const staged = await stagedUser('mailed.activation@example.test');
    const answer = await org.admin('POST', `/api/v1/users/${staged.id}/lifecycle/activate`);
    expect(answer).toMatchObject({ status: 200, body: {} });
    const mails = await org.outbox('mailed.activation@example.test');
    expect(mails).toHaveLength(1);
    const first = String(mails[0]?.code);
    expect(mails[0]?.text).toContain(`${org.sim.url}/welcome/${first}`);

    const reactivated = await org.admin('POST', `/api/v1/users/${staged.id}/lifecycle/reactivate?sendEmail=false`);
    const second = (reactivated.body as { activationToken: string }).activationToken;
    expect(second).not.toBe(first);
    await expect(signInWithToken(first)).rejects.toMatchObject({ status: 401, errorCode: 'E0000004' });
    expect((await signInWithToken(second)).status).toBe('PASSWORD_RESET');
    const notProvisioned = await org.admin('POST', `/api/v1/users/${await org.userId('plain@example.test')}/lifecycle/reactivate`);
    expect(notProvisioned.status).toBe(403);
    expect(notProvisioned.body).toMatchObject({ errorCode: 'E0000038' });
  });

  test('creating an active user without a password provisions it and emails an activation link', async () => {
    const created = await org.admin('POST', '/api/v1/users?activate=true', {
      profile: { firstName: 'Pro', lastName: 'Visioned', email: 'provisioned@example.test', login: 'provisioned@example.test' },
    });
    expect(created.body).toMatchObject({ status: 'PROVISIONED' });
    const token = await org.lastCode('provisioned@example.test');
    const reset = await signInWithToken(token);
    expect(reset).toMatchObject({ status: 'PASSWORD_RESET', recoveryType: 'ACCOUNT_ACTIVATION' });
  });

  test('an unknown, expired or mixed-in token is refused: 401 E0000004, or 400 E0000001 next to credentials', async () => {
    await expect(signInWithToken('NoSuchActivationTok1')).rejects.toMatchObject({ status: 401, errorCode: 'E0000004', errorCauses: [] });
    const staged = await stagedUser('slow.activation@example.test');
    const { activationToken } = await activationLink(staged.id);
    const mixed = await org.call('POST', '/api/v1/authn', { token: activationToken, username: 'slow.activation@example.test', password: PASSWORD });
    expect(mixed.status).toBe(400);
    expect(mixed.body).toMatchObject({ errorCode: 'E0000001' });
    org.sim.clock.advance(7 * 24 * 3_600_000);
    await expect(signInWithToken(activationToken)).rejects.toMatchObject({ status: 401, errorCode: 'E0000004' });
  });
});

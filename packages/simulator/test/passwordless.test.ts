import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Factor, Transaction } from '@okta-authn/core';
import type { TestOrg } from './helpers.js';
import { PASSWORD, offeredFactor, startOrg } from './helpers.js';

let org: TestOrg;
beforeAll(async () => {
  org = await startOrg();
});
afterAll(() => org.close());

const SEEDED = 'passwordless@example.test';

/** Gives a user created through the management API an active email factor. */
async function addEmailFactor(id: string, email: string): Promise<void> {
  const added = await org.admin('POST', `/api/v1/users/${id}/factors?activate=true`, { factorType: 'email', provider: 'OKTA', profile: { email } });
  expect(added.status, JSON.stringify(added.body)).toBe(200);
}

/** Signs in with the username alone and expects the list of factors. */
async function identify(username: string): Promise<Transaction> {
  const tx = await org.client.signIn({ username, passwordless: true, options: { warnBeforePasswordExpired: true } });
  expect(tx.status).toBe('UNAUTHENTICATED');
  return tx;
}

/** Verifies the email factor of an UNAUTHENTICATED list with the code the simulator sent. */
async function verifyByEmail(tx: Transaction, email: string): Promise<Transaction> {
  const challenge = await tx.verify(offeredFactor(tx, 'email'));
  expect(challenge.status).toBe('MFA_CHALLENGE');
  return challenge.verify(offeredFactorOf(challenge), { passCode: await org.lastCode(email) });
}

function offeredFactorOf(tx: Transaction): Factor {
  return (tx.raw._embedded as { factor: Factor }).factor;
}

describe('passwordless sign-in (factor sequencing) where the policy allows it', () => {
  test('the username alone answers UNAUTHENTICATED with the active factors, their verify links, the remember-device policy and cancel — no user', async () => {
    const tx = await identify(SEEDED);
    const embedded = tx.raw._embedded as Record<string, unknown>;
    expect(embedded.user).toBeUndefined();
    expect((embedded.factors as Factor[]).map((factor) => factor.factorType)).toEqual(['question', 'email']);
    for (const factor of embedded.factors as Factor[]) {
      expect(factor._links?.verify).toEqual({ href: `${org.sim.url}/api/v1/authn/factors/${factor.id}/verify`, hints: { allow: ['POST'] } });
    }
    expect(embedded.policy).toMatchObject({ allowRememberDevice: false });
    expect(tx.moves()).toEqual(['cancel', 'verify:question:OKTA', 'verify:email:OKTA']);
    expect(tx.stateToken).toMatch(/^00/);
  });

  test('the security question answered there is the sign-in: SUCCESS with a sessionToken that opens a session', async () => {
    const tx = await identify(SEEDED);
    const done = await tx.verify(offeredFactor(tx, 'question'), { answer: 'mayonnaise' });
    expect(done.status).toBe('SUCCESS');
    expect(done.raw._embedded).toMatchObject({ user: { profile: { login: SEEDED } } });
    const session = await org.call('POST', '/api/v1/sessions', { sessionToken: done.sessionToken });
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({ login: SEEDED, amr: expect.arrayContaining(['kba']) as unknown });
    expect(session.body).not.toMatchObject({ amr: expect.arrayContaining(['pwd']) as unknown });
  });

  test('an emailed code goes through MFA_CHALLENGE, whose prev comes back to the unauthenticated list, then to SUCCESS', async () => {
    const tx = await identify(SEEDED);
    const challenge = await tx.verify(offeredFactor(tx, 'email'));
    expect(challenge.status).toBe('MFA_CHALLENGE');
    const back = await challenge.prev();
    expect(back.status).toBe('UNAUTHENTICATED');
    expect((back.raw._embedded as Record<string, unknown>).user).toBeUndefined();
    expect(back.moves()).toContain('verify:email:OKTA');
    // Okta sends one email every 5 seconds at most: past that, the same factor again.
    expect((await org.call('POST', '/__sim/clock/advance', { seconds: 6 })).status).toBe(200);
    const done = await verifyByEmail(back, SEEDED);
    expect(done.status).toBe('SUCCESS');
  });

  test('a wrong answer is E0000068, counts toward lockout and leaves the transaction listing its factors', async () => {
    const tx = await identify(SEEDED);
    await expect(tx.verify(offeredFactor(tx, 'question'), { answer: 'ketchup' })).rejects.toMatchObject({ status: 403, errorCode: 'E0000068' });
    expect((await org.client.resume(String(tx.stateToken))).status).toBe('UNAUTHENTICATED');
    const done = await tx.verify(offeredFactor(tx, 'question'), { answer: 'mayonnaise' });
    expect(done.status).toBe('SUCCESS');
  });

  test('the verified factor is the MFA step; a required enrollment still follows, and no password step does', async () => {
    const login = 'passwordless.enroll@example.test';
    const id = await org.createUser(login, { passwordless: true, mfa: 'required', enroll: ['sms'] });
    await addEmailFactor(id, login);
    expect((await org.admin('POST', `/api/v1/users/${id}/lifecycle/expire_password`)).status).toBe(200);
    const next = await verifyByEmail(await identify(login), login);
    expect(next.status).toBe('MFA_ENROLL');
  });

  test('cancel ends it (401 E0000011 afterwards); skip, previous and a password on the same stateToken are 403 E0000079', async () => {
    const tx = await identify(SEEDED);
    for (const path of ['/api/v1/authn/skip', '/api/v1/authn/previous']) {
      const refused = await org.call('POST', path, { stateToken: tx.stateToken });
      expect(refused.status, path).toBe(403);
      expect(refused.body).toMatchObject({ errorCode: 'E0000079' });
    }
    const withPassword = await org.call('POST', '/api/v1/authn', { stateToken: tx.stateToken, username: SEEDED, password: PASSWORD });
    expect(withPassword.status).toBe(403);
    expect(withPassword.body).toMatchObject({ errorCode: 'E0000079' });
    await tx.cancel();
    await expect(org.client.resume(String(tx.stateToken))).rejects.toMatchObject({ status: 401, errorCode: 'E0000011' });
  });

  test('inside an SP-initiated step-up the username alone lists the factors beside the target, without cancel, and ends at the step-up SUCCESS', async () => {
    const started = (await org.call('POST', '/__sim/step-up', { appName: 'passwordless_app' })).body as { stateToken: string };
    const stepUp = await org.client.resume(started.stateToken);
    const listed = await stepUp.next({ username: SEEDED });
    expect(listed).toMatchObject({ status: 'UNAUTHENTICATED', type: 'SESSION_STEP_UP', stateToken: started.stateToken });
    expect(listed.raw._embedded).toMatchObject({ target: { name: 'passwordless_app' } });
    expect(listed.moves()).toEqual(['verify:question:OKTA', 'verify:email:OKTA']);
    const done = await listed.verify(offeredFactor(listed, 'question'), { answer: 'mayonnaise' });
    expect(done).toMatchObject({ status: 'SUCCESS', type: 'SESSION_STEP_UP' });
    expect(done.moves()).toEqual(['next:original']);
  });
});

describe('passwordless sign-in where it is not allowed', () => {
  test.each([
    ['a user whose policy does not allow it', 'plain@example.test'],
    ['an unknown user', 'nobody@example.test'],
  ])('%s gets 401 E0000004, as for a wrong password', async (_case, username) => {
    await expect(org.client.signIn({ username, passwordless: true })).rejects.toMatchObject({ status: 401, errorCode: 'E0000004', errorSummary: 'Authentication failed', errorCauses: [] });
  });

  test('a user allowed passwordless without an active factor gets 401 E0000004: never SUCCESS without a verified factor', async () => {
    await org.createUser('passwordless.nofactor@example.test', { passwordless: true });
    await expect(org.client.signIn({ username: 'passwordless.nofactor@example.test', passwordless: true })).rejects.toMatchObject({ status: 401, errorCode: 'E0000004' });
  });

  test('turning the policy off through the dev control refuses the next passwordless sign-in', async () => {
    const login = 'passwordless.off@example.test';
    const id = await org.createUser(login, { passwordless: true });
    await addEmailFactor(id, login);
    await identify(login);
    expect((await org.call('PUT', `/__sim/users/${id}/policy`, { passwordless: false })).status).toBe(200);
    await expect(org.client.signIn({ username: login, passwordless: true })).rejects.toMatchObject({ status: 401, errorCode: 'E0000004' });
  });

  test('a locked user sees LOCKED_OUT when the policy shows lockout failures, else 401 E0000004', async () => {
    const login = 'passwordless.locked@example.test';
    const id = await org.createUser(login, { passwordless: true, lockout: { maxAttempts: 1 } });
    await addEmailFactor(id, login);
    await expect(org.client.signIn({ username: login, password: 'Wrong-Passw0rd!' })).rejects.toMatchObject({ status: 401 });
    await expect(org.client.signIn({ username: login, passwordless: true })).rejects.toMatchObject({ status: 401, errorCode: 'E0000004' });
    expect((await org.call('PUT', `/__sim/users/${id}/policy`, { lockout: { showLockoutFailures: true } })).status).toBe(200);
    expect((await org.client.signIn({ username: login, passwordless: true })).status).toBe('LOCKED_OUT');
  });

  test('a password without a username is 400 E0000001 naming authRequest', async () => {
    const answer = await org.call('POST', '/api/v1/authn', { password: PASSWORD });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ errorCode: 'E0000001', errorSummary: 'Api validation failed: authRequest' });
  });
});

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestOrg } from './helpers.js';
import { PASSWORD, startOrg } from './helpers.js';

// Per-user sign-on and password policies through the dev control, on users created by the management API.
let org: TestOrg;
beforeAll(async () => {
  org = await startOrg();
});
afterAll(() => org.close());

const DAY_MS = 86_400_000;
const WRONG_PASSWORD = 'Wrong-Passw0rd!';

const policyPath = (id: string) => `/__sim/users/${id}/policy`;

async function policyOf(id: string): Promise<Record<string, unknown>> {
  const answer = await org.call('GET', policyPath(id));
  expect(answer.status).toBe(200);
  return answer.body as Record<string, unknown>;
}

async function putPolicy(id: string, patch: unknown): Promise<Record<string, unknown>> {
  const answer = await org.call('PUT', policyPath(id), patch);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body as Record<string, unknown>;
}

async function userStatus(id: string): Promise<string> {
  return ((await org.admin('GET', `/api/v1/users/${id}`)).body as { status: string }).status;
}

/** Moves the simulator's clock to `days` days after the user's passwordChanged. */
async function setPasswordAge(id: string, days: number): Promise<void> {
  const user = (await org.admin('GET', `/api/v1/users/${id}`)).body as { passwordChanged: string };
  const now = Date.parse(((await org.call('GET', '/__sim/clock')).body as { now: string }).now);
  const target = Date.parse(user.passwordChanged) + days * DAY_MS;
  expect(target).toBeGreaterThanOrEqual(now);
  expect((await org.call('POST', '/__sim/clock/advance', { seconds: (target - now) / 1000 })).status).toBe(200);
}

describe('GET /__sim/users/{id}/policy', () => {
  test('a user created through the management API shows the default sign-on policy and the default password policy', async () => {
    const id = await org.createUser('defaults@example.test');
    expect(await policyOf(id)).toEqual({
      mfa: 'none',
      passwordless: false,
      enroll: [],
      allowRememberDevice: false,
      rememberDeviceLifetimeInMinutes: 15,
      numberChallenge: false,
      password: {
        complexity: {
          minLength: 8,
          minLowerCase: 1,
          minUpperCase: 1,
          minNumber: 1,
          minSymbol: 1,
          excludeUsername: true,
          excludeAttributes: [],
          dictionaryExcludeCommon: false,
        },
        age: { maxAgeDays: 0, expireWarnDays: 0, minAgeMinutes: 0, historyCount: 0 },
      },
      lockout: { maxAttempts: 10, autoUnlockMinutes: 0, showLockoutFailures: false, maxFactorAttempts: 5 },
      recovery: { selfServicePasswordReset: true, selfServiceUnlock: true, sms: true, call: true, email: true, questionRequired: true, tokenLifetimeMinutes: 60 },
    });
  });

  test('a seed user shows the password policy its seed names, and GET /__sim/users lists the same', async () => {
    const id = await org.userId('locked.out@example.test');
    const policy = await policyOf(id);
    expect(policy.lockout).toMatchObject({ maxAttempts: 3, autoUnlockMinutes: 30, showLockoutFailures: true });
    const listed = (await org.call('GET', '/__sim/users')).body as { id: string; policy: unknown }[];
    expect(listed.find((user) => user.id === id)?.policy).toEqual(policy);
  });

  test('an unknown user is 404 E0000007 for GET and PUT', async () => {
    expect((await org.call('GET', policyPath('00unknownuser0000000'))).body).toMatchObject({ errorCode: 'E0000007' });
    const put = await org.call('PUT', policyPath('00unknownuser0000000'), { mfa: 'required' });
    expect(put.status).toBe(404);
  });
});

describe('PUT /__sim/users/{id}/policy', () => {
  test('changes only the fields it names: sign-on fields survive a lockout change and the other way round', async () => {
    const id = await org.createUser('merge@example.test', { mfa: 'required', allowRememberDevice: true, rememberDeviceLifetimeInMinutes: 30 });
    const afterLockout = await putPolicy(id, { lockout: { maxAttempts: 4 } });
    expect(afterLockout).toMatchObject({
      mfa: 'required',
      allowRememberDevice: true,
      rememberDeviceLifetimeInMinutes: 30,
      lockout: { maxAttempts: 4, autoUnlockMinutes: 0, maxFactorAttempts: 5 },
    });
    const afterMfa = await putPolicy(id, { mfa: 'none' });
    expect(afterMfa).toMatchObject({ mfa: 'none', allowRememberDevice: true, rememberDeviceLifetimeInMinutes: 30, lockout: { maxAttempts: 4 } });
    expect(await policyOf(id)).toEqual(afterMfa);
  });

  test("one user's password policy leaves the policy other users share as it was", async () => {
    const changed = await org.createUser('own.policy@example.test', { lockout: { maxAttempts: 1 } });
    const other = await org.createUser('shared.policy@example.test');
    expect((await policyOf(changed)).lockout).toMatchObject({ maxAttempts: 1 });
    expect((await policyOf(other)).lockout).toMatchObject({ maxAttempts: 10 });
    await expect(org.client.signIn({ username: 'shared.policy@example.test', password: WRONG_PASSWORD })).rejects.toMatchObject({ errorCode: 'E0000004' });
    expect(await userStatus(other)).toBe('ACTIVE');
  });

  test('a bad patch is 400 E0000001 naming each bad field, and changes nothing', async () => {
    const id = await org.createUser('bad.patch@example.test', { lockout: { maxAttempts: 3 } });
    const before = await policyOf(id);
    const bad = await org.call('PUT', policyPath(id), {
      mfa: 'required',
      lockout: { maxAttempts: -1, showLockoutFailures: 'yes' },
      password: { complexity: { minLength: 0 } },
      recovery: { fax: true },
      enroll: ['carrier-pigeon'],
      bogus: 1,
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ errorCode: 'E0000001', errorSummary: 'Api validation failed: policy' });
    const causes = (bad.body as { errorCauses: { errorSummary: string }[] }).errorCauses.map((cause) => cause.errorSummary);
    expect(causes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^lockout\.maxAttempts: /),
        expect.stringMatching(/^lockout\.showLockoutFailures: /),
        expect.stringMatching(/^password\.complexity\.minLength: /),
        expect.stringMatching(/^recovery: .*"fax"/),
        expect.stringMatching(/^enroll\.0: /),
        expect.stringMatching(/"bogus"/),
      ]),
    );
    expect(await policyOf(id)).toEqual(before);
  });

  test('a warning window without a maximum age is refused with a cause that says why', async () => {
    const id = await org.createUser('warn.only@example.test');
    const bad = await org.call('PUT', policyPath(id), { password: { age: { expireWarnDays: 5 } } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      errorCode: 'E0000001',
      errorCauses: [{ errorSummary: 'password.age.expireWarnDays: needs password.age.maxAgeDays above 0: a password that never expires has no warning window' }],
    });
  });

  test('a body that is not an object of fields is 400, never a 500', async () => {
    const id = await org.createUser('not.object@example.test');
    expect((await org.call('PUT', policyPath(id), [])).status).toBe(400);
    expect((await org.call('PUT', policyPath(id), { lockout: 'strict' })).body).toMatchObject({ errorCode: 'E0000001' });
    expect((await org.call('PUT', policyPath(id), '{"__proto__": {"mfa": "required"}}')).status).toBe(400);
    expect((await policyOf(id)).mfa).toBe('none');
  });
});

describe('lockout for a fresh user', () => {
  test('showLockoutFailures answers LOCKED_OUT on the attempt that locks and after it, and autoUnlockMinutes unlocks', async () => {
    const username = 'lock.shown@example.test';
    const id = await org.createUser(username, { lockout: { maxAttempts: 2, showLockoutFailures: true, autoUnlockMinutes: 10 } });
    await expect(org.client.signIn({ username, password: WRONG_PASSWORD })).rejects.toMatchObject({ status: 401, errorCode: 'E0000004' });
    const locked = await org.client.signIn({ username, password: WRONG_PASSWORD });
    expect(locked.status).toBe('LOCKED_OUT');
    expect(locked.links.next).toMatchObject({ name: 'unlock', href: `${org.sim.url}/api/v1/authn/recovery/unlock` });
    expect((await org.client.signIn({ username, password: PASSWORD })).status).toBe('LOCKED_OUT');
    expect(await userStatus(id)).toBe('LOCKED_OUT');

    expect((await org.call('POST', '/__sim/clock/advance', { seconds: 10 * 60 })).status).toBe(200);
    expect((await org.client.signIn({ username, password: PASSWORD })).status).toBe('SUCCESS');
    expect(await userStatus(id)).toBe('ACTIVE');
  });

  test('without showLockoutFailures a locked user keeps getting 401 E0000004, even with the right password', async () => {
    const username = 'lock.hidden@example.test';
    const id = await org.createUser(username, { lockout: { maxAttempts: 1 } });
    await expect(org.client.signIn({ username, password: WRONG_PASSWORD })).rejects.toMatchObject({ errorCode: 'E0000004' });
    await expect(org.client.signIn({ username, password: PASSWORD })).rejects.toMatchObject({ status: 401, errorCode: 'E0000004' });
    expect(await userStatus(id)).toBe('LOCKED_OUT');
  });

  test('with self-service unlock off, LOCKED_OUT offers no unlock and /recovery/unlock is 403 E0000032', async () => {
    const username = 'lock.nounlock@example.test';
    await org.createUser(username, { lockout: { maxAttempts: 1, showLockoutFailures: true }, recovery: { selfServiceUnlock: false } });
    const locked = await org.client.signIn({ username, password: WRONG_PASSWORD });
    expect(locked.status).toBe('LOCKED_OUT');
    expect(locked.links.next).toBeUndefined();
    const unlock = await org.call('POST', '/api/v1/authn/recovery/unlock', { username, factorType: 'EMAIL' });
    expect(unlock.status).toBe(403);
    expect(unlock.body).toMatchObject({ errorCode: 'E0000032' });
  });

  test('maxFactorAttempts locks a fresh user after that many wrong MFA codes (403 E0000069)', async () => {
    const username = 'lock.factor@example.test';
    const id = await org.createUser(username, { mfa: 'required', lockout: { maxFactorAttempts: 2 } });
    const enrolled = await org.admin('POST', `/api/v1/users/${id}/factors?activate=true`, { factorType: 'email', provider: 'OKTA', profile: { email: username } });
    const factorId = (enrolled.body as { id: string }).id;
    const tx = await org.client.signIn({ username, password: PASSWORD });
    expect(tx.status).toBe('MFA_REQUIRED');
    const verify = `/api/v1/authn/factors/${factorId}/verify`;
    expect((await org.call('POST', verify, { stateToken: tx.stateToken, passCode: '000000' })).body).toMatchObject({ errorCode: 'E0000068' });
    expect((await org.call('POST', verify, { stateToken: tx.stateToken, passCode: '000000' })).body).toMatchObject({ errorCode: 'E0000069' });
    expect(await userStatus(id)).toBe('LOCKED_OUT');
  });
});

describe('password age and complexity for a fresh user', () => {
  test('PASSWORD_WARN once passwordChanged is inside expireWarnDays of maxAgeDays, PASSWORD_EXPIRED after it', async () => {
    const username = 'age.window@example.test';
    const id = await org.createUser(username, { password: { age: { maxAgeDays: 30, expireWarnDays: 7 } } });
    const signIn = (warn = true) => org.client.signIn({ username, password: PASSWORD, options: { warnBeforePasswordExpired: warn } });
    expect((await signIn()).status).toBe('SUCCESS');

    await setPasswordAge(id, 25);
    const warned = await signIn();
    expect(warned.status).toBe('PASSWORD_WARN');
    expect((warned.raw._embedded as { policy: unknown }).policy).toMatchObject({ expiration: { passwordExpireDays: 5 } });
    await warned.cancel();
    expect((await signIn(false)).status).toBe('SUCCESS');

    await setPasswordAge(id, 30);
    expect((await signIn()).status).toBe('PASSWORD_EXPIRED');
  });

  test('complexity set for a user is published in PASSWORD_EXPIRED and enforced by change_password (403 E0000014)', async () => {
    const username = 'complex@example.test';
    const id = await org.createUser(username, { password: { complexity: { minLength: 16, excludeAttributes: ['lastName'] } } });
    expect((await org.admin('POST', `/api/v1/users/${id}/lifecycle/expire_password`)).status).toBe(200);
    const tx = await org.client.signIn({ username, password: PASSWORD });
    expect(tx.status).toBe('PASSWORD_EXPIRED');
    expect((tx.raw._embedded as { policy: unknown }).policy).toMatchObject({ complexity: { minLength: 16, excludeAttributes: ['lastName'] } });
    await expect(tx.changePassword({ oldPassword: PASSWORD, newPassword: 'Short-Passw0rd!' })).rejects.toMatchObject({
      status: 403,
      errorCode: 'E0000014',
      errorCauses: [{ errorSummary: expect.stringContaining('at least 16 characters') }],
    });
    const again = await org.client.resume(String(tx.stateToken));
    expect((await again.changePassword({ oldPassword: PASSWORD, newPassword: 'A-Much-Longer-Passw0rd!' })).status).toBe('SUCCESS');
  });
});

describe('recovery factors for a fresh user', () => {
  test('a recovery factor turned off is 403 E0000006 and sends nothing; the others still work, and turning it on again works', async () => {
    const username = 'no.sms@example.test';
    const id = await org.createUser(username, { recovery: { sms: false } });
    const phone = '+15554040001';
    expect((await org.admin('POST', `/api/v1/users/${id}/factors?activate=true`, { factorType: 'sms', provider: 'OKTA', profile: { phoneNumber: phone } })).status).toBe(200);

    const refused = await org.call('POST', '/api/v1/authn/recovery/password', { username, factorType: 'sms' });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      errorCode: 'E0000006',
      errorCauses: [{ errorSummary: 'SMS is not an allowed recovery factor in the password policy.' }],
    });
    expect(await org.outbox(phone)).toHaveLength(0);

    const byEmail = await org.call('POST', '/api/v1/authn/recovery/password', { username, factorType: 'EMAIL' });
    expect(byEmail.body).toMatchObject({ status: 'RECOVERY_CHALLENGE', factorType: 'EMAIL' });
    expect(await org.outbox(username)).toHaveLength(1);

    expect((await putPolicy(id, { recovery: { sms: true } })).recovery).toMatchObject({ sms: true, email: true });
    const bySms = await org.call('POST', '/api/v1/authn/recovery/password', { username, factorType: 'SMS' });
    expect(bySms.body).toMatchObject({ status: 'RECOVERY_CHALLENGE', factorType: 'SMS' });
    expect(await org.outbox(phone)).toHaveLength(1);
  });

  test('self-service password reset off is 403 E0000034 for every factor', async () => {
    const username = 'no.reset@example.test';
    await org.createUser(username, { recovery: { selfServicePasswordReset: false } });
    const refused = await org.call('POST', '/api/v1/authn/recovery/password', { username, factorType: 'EMAIL' });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ errorCode: 'E0000034' });
  });

  test('an unknown username is answered by the default policy, like any user on it', async () => {
    const unknown = await org.call('POST', '/api/v1/authn/recovery/password', { username: 'nobody.here@example.test', factorType: 'SMS' });
    expect(unknown.body).toMatchObject({ status: 'RECOVERY_CHALLENGE', factorType: 'SMS' });
  });
});

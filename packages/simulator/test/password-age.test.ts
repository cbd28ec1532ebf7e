import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestOrg } from './helpers.js';
import { PASSWORD, startOrg } from './helpers.js';

const NEW_PASSWORD = 'Brand-New-Passw0rd!';

let org: TestOrg;
beforeAll(async () => {
  org = await startOrg({
    seed: {
      passwordPolicies: {
        // Expires a day after a change and warns the whole day; a change must wait an hour.
        young: { age: { maxAgeDays: 1, expireWarnDays: 1, minAgeMinutes: 60 } },
      },
      users: [
        { profile: { login: 'young.warn@example.test', email: 'young.warn@example.test', firstName: 'Yana', lastName: 'Warn' }, password: PASSWORD, passwordPolicy: 'young' },
        {
          profile: { login: 'young.expired@example.test', email: 'young.expired@example.test', firstName: 'Yuri', lastName: 'Expired' },
          password: PASSWORD,
          passwordPolicy: 'young',
          passwordExpired: true,
        },
      ],
    },
  });
});
afterAll(() => org.close());

describe('password minimum age (minAgeMinutes)', () => {
  test('PASSWORD_WARN publishes minAgeMinutes; a change inside it is 403 E0000014, after it the change succeeds', async () => {
    const tx = await org.client.signIn({ username: 'young.warn@example.test', password: PASSWORD, options: { warnBeforePasswordExpired: true } });
    expect(tx.status).toBe('PASSWORD_WARN');
    expect((tx.raw._embedded as { policy: unknown }).policy).toMatchObject({ age: { minAgeMinutes: 60 }, expiration: { passwordExpireDays: 1 } });
    await expect(tx.changePassword({ oldPassword: PASSWORD, newPassword: NEW_PASSWORD })).rejects.toMatchObject({
      status: 403,
      errorCode: 'E0000014',
      errorCauses: [{ errorSummary: 'Password requirements were not met. Password has been changed too recently; wait 60 minutes between changes.' }],
    });
    const still = await org.client.resume(String(tx.stateToken));
    expect(still.status).toBe('PASSWORD_WARN');
    const skipped = await still.skip();
    expect(skipped.status).toBe('SUCCESS');
    const before = (await org.admin('GET', '/api/v1/users/young.warn@example.test')).body as { passwordChanged: string };

    org.sim.clock.advance(60 * 60_000);
    const later = await org.client.signIn({ username: 'young.warn@example.test', password: PASSWORD, options: { warnBeforePasswordExpired: true } });
    expect(later.status).toBe('PASSWORD_WARN');
    const done = await later.changePassword({ oldPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect(done.status).toBe('SUCCESS');
    const after = (await org.admin('GET', '/api/v1/users/young.warn@example.test')).body as { passwordChanged: string };
    expect(Date.parse(after.passwordChanged)).toBeGreaterThan(Date.parse(before.passwordChanged));

    const tooSoon = await org.client.signIn({ username: 'young.warn@example.test', password: NEW_PASSWORD, options: { warnBeforePasswordExpired: true } });
    await expect(tooSoon.changePassword({ oldPassword: NEW_PASSWORD, newPassword: `${NEW_PASSWORD}2` })).rejects.toMatchObject({ errorCode: 'E0000014' });
  });

  test('an expired password can be changed even inside the minimum age', async () => {
    const tx = await org.client.signIn({ username: 'young.expired@example.test', password: PASSWORD });
    expect(tx.status).toBe('PASSWORD_EXPIRED');
    expect((tx.raw._embedded as { policy: unknown }).policy).toMatchObject({ age: { minAgeMinutes: 60 } });
    expect((await tx.changePassword({ oldPassword: PASSWORD, newPassword: NEW_PASSWORD })).status).toBe('SUCCESS');
    expect(((await org.admin('GET', '/api/v1/users/young.expired@example.test')).body as { status: string }).status).toBe('ACTIVE');
    // Changed a moment ago, expired again by an admin: the change must still go through.
    const expired = await org.admin('POST', '/api/v1/users/young.expired@example.test/lifecycle/expire_password');
    expect(expired.body).toMatchObject({ status: 'PASSWORD_EXPIRED' });
    const again = await org.client.signIn({ username: 'young.expired@example.test', password: NEW_PASSWORD });
    expect(again.status).toBe('PASSWORD_EXPIRED');
    expect((await again.changePassword({ oldPassword: NEW_PASSWORD, newPassword: `${NEW_PASSWORD}x` })).status).toBe('SUCCESS');
  });
});

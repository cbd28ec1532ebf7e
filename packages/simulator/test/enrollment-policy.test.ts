import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AuthnClient } from '@okta-authn/core';
import { Secret, TOTP } from 'otpauth';
import { SeedError, startSimulator } from '../src/index.js';
import type { TestOrg } from './helpers.js';
import { PASSWORD, enrolledFactor, offeredFactor, startOrg } from './helpers.js';

let org: TestOrg;
type Tx = Awaited<ReturnType<AuthnClient['signIn']>>;
beforeAll(async () => {
  org = await startOrg();
});
afterAll(() => org.close());

/** `enrollment` and `status` of every factor MFA_ENROLL lists, as `type/provider` keys. */
function listed(tx: Tx): Record<string, string> {
  const factors = (tx.raw._embedded as { factors: { factorType: string; provider: string; enrollment: string; status: string }[] }).factors;
  return Object.fromEntries(factors.map((factor) => [`${factor.factorType}/${factor.provider}`, `${factor.status} ${factor.enrollment}`]));
}

async function activateTotp(tx: Tx, provider: 'OKTA' | 'GOOGLE'): Promise<Tx> {
  const activate = await tx.enroll(offeredFactor(tx, 'token:software:totp', provider));
  const secret = String(enrolledFactor(activate)._embedded?.activation?.sharedSecret);
  return activate.activate({ passCode: new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: org.sim.clock.now() }) });
}

describe('required enrollment is per factor', () => {
  test('MFA_ENROLL marks exactly the named factors REQUIRED and comes back after each activation until all are enrolled', async () => {
    await org.createUser('per.factor@example.test', {
      mfa: 'required',
      enroll: [
        { factorType: 'token:software:totp', provider: 'GOOGLE' },
        { factorType: 'sms', provider: 'OKTA' },
      ],
    });
    const tx: Tx = await org.client.signIn({ username: 'per.factor@example.test', password: PASSWORD });
    expect(tx.status).toBe('MFA_ENROLL');
    expect(tx.links.skip).toBeUndefined();
    expect(listed(tx)).toMatchObject({
      'token:software:totp/GOOGLE': 'NOT_SETUP REQUIRED',
      'token:software:totp/OKTA': 'NOT_SETUP OPTIONAL',
      'sms/OKTA': 'NOT_SETUP REQUIRED',
      'push/OKTA': 'NOT_SETUP OPTIONAL',
      'question/OKTA': 'NOT_SETUP OPTIONAL',
    });
    const again = await activateTotp(tx, 'GOOGLE');
    expect(again.status).toBe('MFA_ENROLL');
    expect(again.links.skip).toBeUndefined();
    expect(listed(again)).toMatchObject({ 'token:software:totp/GOOGLE': 'ACTIVE REQUIRED', 'sms/OKTA': 'NOT_SETUP REQUIRED' });
    // Okta Verify TOTP does not stand in for Google Authenticator.
    const sms = await again.enroll(offeredFactor(again, 'sms'), { profile: { phoneNumber: '+15554440001' } });
    const done = await sms.activate({ passCode: await org.lastCode('+15554440001') });
    expect(done.status).toBe('SUCCESS');
    expect((await org.client.signIn({ username: 'per.factor@example.test', password: PASSWORD })).status).toBe('MFA_REQUIRED');
  });

  test('Okta Verify TOTP and push are one Okta Verify factor: enrolling either meets a requirement for the other', async () => {
    await org.createUser('okta.verify@example.test', { mfa: 'required', enroll: [{ factorType: 'push', provider: 'okta' }] });
    const policy = (await org.call('GET', `/__sim/users/${await org.userId('okta.verify@example.test')}/policy`)).body as { enroll: unknown };
    expect(policy.enroll).toEqual([{ factorType: 'push', provider: 'OKTA' }]);
    const tx = await org.client.signIn({ username: 'okta.verify@example.test', password: PASSWORD, options: { multiOptionalFactorEnroll: true } });
    expect(listed(tx)).toMatchObject({ 'push/OKTA': 'NOT_SETUP REQUIRED', 'token:software:totp/OKTA': 'NOT_SETUP REQUIRED', 'token:software:totp/GOOGLE': 'NOT_SETUP OPTIONAL' });
    const after = await activateTotp(tx, 'OKTA');
    expect(after.status).toBe('MFA_ENROLL');
    expect(after.links.skip).toMatchObject({ name: 'skip' });
    expect(listed(after)).toMatchObject({ 'token:software:totp/OKTA': 'ACTIVE REQUIRED', 'push/OKTA': 'NOT_SETUP OPTIONAL' });
    expect((await after.skip()).status).toBe('SUCCESS');
  });

  test('the string form names a factor type that any of its providers meets; each is REQUIRED until one is enrolled', async () => {
    await org.createUser('by.type@example.test', { mfa: 'required', enroll: ['token:software:totp'] });
    const tx = await org.client.signIn({ username: 'by.type@example.test', password: PASSWORD, options: { multiOptionalFactorEnroll: true } });
    expect(listed(tx)).toMatchObject({ 'token:software:totp/OKTA': 'NOT_SETUP REQUIRED', 'token:software:totp/GOOGLE': 'NOT_SETUP REQUIRED', 'push/OKTA': 'NOT_SETUP OPTIONAL' });
    const after = await activateTotp(tx, 'GOOGLE');
    expect(after.links.skip).toMatchObject({ name: 'skip' });
    expect(listed(after)).toMatchObject({ 'token:software:totp/GOOGLE': 'ACTIVE REQUIRED', 'token:software:totp/OKTA': 'NOT_SETUP OPTIONAL' });
  });

  test('a factor the org does not offer for that type is 400 E0000001 naming the path, and nothing changes', async () => {
    const id = await org.createUser('bad.provider@example.test', { enroll: ['sms'] });
    const answer = await org.call('PUT', `/__sim/users/${id}/policy`, { enroll: [{ factorType: 'sms', provider: 'GOOGLE' }, { factorType: 'fax', provider: 'OKTA' }] });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ errorCode: 'E0000001' });
    const causes = (answer.body as { errorCauses: { errorSummary: string }[] }).errorCauses.map((cause) => cause.errorSummary);
    expect(causes).toContain('enroll.0.provider: sms is offered by OKTA');
    expect(causes.some((cause) => cause.startsWith('enroll.1.factorType'))).toBe(true);
    const u2f = await org.call('PUT', `/__sim/users/${id}/policy`, { enroll: ['sms', { factorType: 'u2f', provider: 'FIDO' }] });
    expect(u2f.body).toMatchObject({ errorCode: 'E0000001', errorCauses: [{ errorSummary: 'enroll.1: U2F keys can no longer be enrolled: require webauthn instead' }] });
    expect(((await org.call('GET', `/__sim/users/${id}/policy`)).body as { enroll: unknown }).enroll).toEqual(['sms']);
  });

  test('seed files take the factor form and name a bad provider by path', async () => {
    const user = (enroll: { factorType: 'token'; provider: string }[]) => ({
      users: [{ profile: { login: 'seeded@example.test', email: 'seeded@example.test', firstName: 'Seed', lastName: 'Ed' }, password: PASSWORD, policy: { mfa: 'required' as const, enroll } }],
    });
    await expect(startSimulator({ seed: user([{ factorType: 'token', provider: 'YUBICO' }]) })).rejects.toThrow(SeedError);
    await expect(startSimulator({ seed: user([{ factorType: 'token', provider: 'YUBICO' }]) })).rejects.toThrow('users.0.policy.enroll.0.provider: token is offered by RSA, SYMANTEC');
    const sim = await startSimulator({ seed: user([{ factorType: 'token', provider: 'SYMANTEC' }]) });
    try {
      const tx = await new AuthnClient({ baseUrl: sim.url }).signIn({ username: 'seeded@example.test', password: PASSWORD });
      expect(listed(tx)).toMatchObject({ 'token/SYMANTEC': 'NOT_SETUP REQUIRED', 'token/RSA': 'NOT_SETUP OPTIONAL' });
    } finally {
      await sim.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AuthnClient } from '@okta-authn/core';
import type { Factor } from '@okta-authn/core';
import { Secret, TOTP } from 'otpauth';
import type { TestOrg } from './helpers.js';
import { PASSWORD, startOrg } from './helpers.js';

let org: TestOrg;
beforeAll(async () => {
  org = await startOrg();
});
afterAll(() => org.close());

function factorsOf(tx: { raw: Record<string, unknown> }): Factor[] {
  return (tx.raw._embedded as { factors: Factor[] }).factors;
}

async function required(username: string) {
  const tx = await org.client.signIn({ username, password: PASSWORD });
  expect(tx.status).toBe('MFA_REQUIRED');
  expect(Object.keys(tx.links)).toEqual(['cancel']);
  const factor = factorsOf(tx)[0];
  if (!factor) throw new Error('no factor');
  return { tx, factor };
}

async function amrOf(sessionToken: unknown): Promise<string[]> {
  const session = await org.call('POST', '/api/v1/sessions', { sessionToken });
  return (session.body as { amr: string[] }).amr;
}

function totpCode(secret: string): string {
  return new TOTP({ secret: Secret.fromBase32(secret), period: 30, digits: 6, algorithm: 'SHA1' }).generate({ timestamp: org.sim.clock.now() });
}

describe('SMS', () => {
  test('challenge, throttled resend, wrong code and right code follow A2 with the same stateToken', async () => {
    const { tx, factor } = await required('sms.mfa@example.test');
    expect(factor).toMatchObject({ factorType: 'sms', provider: 'OKTA', profile: { phoneNumber: '+1 XXX-XXX-4201' } });
    expect(factor.id).toMatch(/^sms/);
    const challenge = await tx.verify(factor);
    expect(challenge.status).toBe('MFA_CHALLENGE');
    expect(challenge.stateToken).toBe(tx.stateToken);
    expect(challenge.links.next).toMatchObject({ name: 'verify', href: `${org.sim.url}/api/v1/authn/factors/${factor.id}/verify` });
    expect(challenge.links.resend).toEqual([{ name: 'sms', href: `${org.sim.url}/api/v1/authn/factors/${factor.id}/verify/resend`, hints: { allow: ['POST'] } }]);
    expect(challenge.links.prev).toBeDefined();
    await expect(challenge.resend('sms')).rejects.toMatchObject({ status: 429, errorCode: 'E0000109' });
    org.sim.clock.advance(31_000);
    const resent = await challenge.resend('sms');
    expect(resent.stateToken).toBe(tx.stateToken);
    const messages = await org.outbox('+15552024201');
    expect(messages.length).toBeGreaterThanOrEqual(2);
    await expect(resent.next({ passCode: '000000' })).rejects.toMatchObject({
      status: 403,
      errorCode: 'E0000068',
      errorCauses: [{ errorSummary: "Your passcode doesn't match our records. Please try again." }],
    });
    const still = await org.client.resume(String(tx.stateToken));
    expect(still.status).toBe('MFA_CHALLENGE');
    const done = await still.next({ passCode: await org.lastCode('+15552024201') });
    expect(done.status).toBe('SUCCESS');
    expect(await amrOf(done.sessionToken)).toEqual(['pwd', 'sms', 'mfa']);
  });

  test('a code is single-use and expires after 5 minutes', async () => {
    org.sim.clock.advance(31_000);
    const { tx, factor } = await required('sms.mfa@example.test');
    const challenge = await tx.verify(factor);
    const code = await org.lastCode('+15552024201');
    org.sim.clock.advance(3 * 60_000);
    const alive = await org.client.resume(String(challenge.stateToken));
    org.sim.clock.advance(2 * 60_000 + 1);
    await expect(alive.next({ passCode: code })).rejects.toMatchObject({ errorCode: 'E0000068' });
    org.sim.clock.advance(31_000);
    const fresh = await alive.resend('sms');
    const newCode = await org.lastCode('+15552024201');
    expect((await fresh.next({ passCode: newCode })).status).toBe('SUCCESS');
  });
});

describe('voice call and email', () => {
  test('a voice call reads out the code; verifying it adds tel to amr', async () => {
    const { tx, factor } = await required('call.mfa@example.test');
    const challenge = await tx.verify(factor);
    const message = (await org.outbox('+15552024202')).at(-1);
    expect(message?.channel).toBe('call');
    const done = await challenge.next({ passCode: message?.code ?? '' });
    expect(await amrOf(done.sessionToken)).toEqual(['pwd', 'tel', 'mfa']);
  });

  test('an email challenge answers factorResult CHALLENGE and challengeType FACTOR (seed shape)', async () => {
    const { tx, factor } = await required('email.mfa@example.test');
    expect(factor.profile).toEqual({ email: 'e...a@example.test' });
    const challenge = await tx.verify(factor);
    expect(challenge).toMatchObject({ status: 'MFA_CHALLENGE', factorResult: 'CHALLENGE', challengeType: 'FACTOR' });
    expect(challenge.links.resend).toMatchObject([{ name: 'email' }]);
    await expect(challenge.resend('email')).rejects.toMatchObject({ status: 429, errorCode: 'E0000118' });
    const done = await challenge.next({ passCode: await org.lastCode('email.mfa@example.test') });
    expect(done.status).toBe('SUCCESS');
  });
});

describe('security question', () => {
  test('a wrong answer is 403 E0000068; the right one (any case) succeeds with kba', async () => {
    const { tx, factor } = await required('question.mfa@example.test');
    expect(factor.profile).toEqual({ question: 'disliked_food', questionText: 'What is the food you least liked as a child?' });
    await expect(tx.verify(factor, { answer: 'ketchup' })).rejects.toMatchObject({
      errorCode: 'E0000068',
      errorCauses: [{ errorSummary: "Your answer doesn't match our records. Please try again." }],
    });
    const done = await tx.verify(factor, { answer: 'MayoNNaise' });
    expect(done.status).toBe('SUCCESS');
    expect(await amrOf(done.sessionToken)).toEqual(['pwd', 'kba', 'mfa']);
  });
});

describe('TOTP', () => {
  test('Google Authenticator codes verify per RFC 6238 and a replayed code is 403 E0000082', async () => {
    const { tx, factor } = await required('totp.google@example.test');
    expect(factor).toMatchObject({ factorType: 'token:software:totp', provider: 'GOOGLE', profile: { credentialId: 'totp.google@example.test' } });
    expect(factor.id).toMatch(/^uft/);
    const code = totpCode('KRSXG5CTMVRXEZLU');
    const done = await tx.verify(factor, { passCode: code });
    expect(done.status).toBe('SUCCESS');
    expect(await amrOf(done.sessionToken)).toEqual(['pwd', 'otp', 'mfa']);
    const again = await required('totp.google@example.test');
    await expect(again.tx.verify(again.factor, { passCode: code })).rejects.toMatchObject({ status: 403, errorCode: 'E0000082' });
  });

  test('remember device: a device token remembered for the policy lifetime skips MFA, then MFA returns', async () => {
    const trusted = new AuthnClient({ baseUrl: org.sim.url, headers: { authorization: `SSWS ${org.sim.apiToken}` } });
    const context = { deviceToken: 'a1b2c3d4e5f60718293a4b5c6d7e8f90' };
    const first = await trusted.signIn({ username: 'totp.okta@example.test', password: PASSWORD, context });
    expect(first.status).toBe('MFA_REQUIRED');
    expect(first.raw._embedded).toMatchObject({ policy: { allowRememberDevice: true, rememberDeviceLifetimeInMinutes: 15, rememberDeviceByDefault: false } });
    const factor = factorsOf(first)[0] as Factor;
    expect(factor.id).toMatch(/^ost/);
    org.sim.clock.advance(30_000);
    const done = await first.verify(factor, { passCode: totpCode('JBSWY3DPEHPK3PXP') }, { rememberDevice: true });
    expect(done.status).toBe('SUCCESS');
    expect((await trusted.signIn({ username: 'totp.okta@example.test', password: PASSWORD, context })).status).toBe('SUCCESS');
    const otherDevice = await trusted.signIn({ username: 'totp.okta@example.test', password: PASSWORD, context: { deviceToken: 'ffff' } });
    expect(otherDevice.status).toBe('MFA_REQUIRED');
    await otherDevice.cancel();
    const withoutToken = await org.client.signIn({ username: 'totp.okta@example.test', password: PASSWORD, context });
    expect(withoutToken.status).toBe('MFA_REQUIRED');
    await withoutToken.cancel();
    org.sim.clock.advance(16 * 60_000);
    const later = await trusted.signIn({ username: 'totp.okta@example.test', password: PASSWORD, context });
    expect(later.status).toBe('MFA_REQUIRED');
    expect(later.raw._embedded).toMatchObject({ policy: { rememberDeviceByDefault: true } });
    await later.cancel();
  });
});

describe('Okta Verify push', () => {
  test('WAITING → approve → SUCCESS with swk; autoPush is remembered in factorsPolicyInfo', async () => {
    const { tx, factor } = await required('push@example.test');
    expect(factor.id).toMatch(/^opf/);
    const waiting = await tx.verify(factor, {}, { autoPush: true });
    expect(waiting).toMatchObject({ status: 'MFA_CHALLENGE', factorResult: 'WAITING' });
    expect(waiting.stateToken).toBe(tx.stateToken);
    expect(waiting.links.next).toMatchObject({ name: 'poll', href: `${org.sim.url}/api/v1/authn/factors/${factor.id}/verify` });
    expect(waiting.links.resend).toMatchObject([{ name: 'push' }]);
    const stillWaiting = await waiting.next();
    expect(stillWaiting.factorResult).toBe('WAITING');
    expect((await org.call('POST', `/__sim/push/${factor.id}/approve`, {})).body).toMatchObject({ answered: 'verification', result: 'APPROVED' });
    const done = await org.client.request('POST', `${org.sim.url}/api/v1/authn/factors/${factor.id}/verify?autoPush=true`, { stateToken: tx.stateToken });
    expect(done).toMatchObject({ status: 'SUCCESS' });
    expect(await amrOf((done as { sessionToken: string }).sessionToken)).toEqual(['pwd', 'swk', 'mfa']);
    const next = await required('push@example.test');
    expect(next.tx.raw._embedded).toMatchObject({ policy: { factorsPolicyInfo: { [factor.id as string]: { autoPushEnabled: true } } } });
    await next.tx.cancel();
  });

  test('a rejected push answers REJECTED with next verify; a new push can be sent; an unanswered one times out', async () => {
    const { tx, factor } = await required('push@example.test');
    const waiting = await tx.verify(factor);
    await org.call('POST', `/__sim/push/${factor.id}/reject`, {});
    const rejected = await waiting.next();
    expect(rejected).toMatchObject({ status: 'MFA_CHALLENGE', factorResult: 'REJECTED' });
    expect(rejected.links.next).toMatchObject({ name: 'verify' });
    const again = await rejected.next();
    expect(again.factorResult).toBe('WAITING');
    org.sim.clock.advance(3 * 60_000);
    expect((await again.next()).factorResult).toBe('WAITING');
    org.sim.clock.advance(2 * 60_000 + 1);
    const timedOut = await again.next();
    expect(timedOut).toMatchObject({ factorResult: 'TIMEOUT' });
    expect(timedOut.links.next).toMatchObject({ name: 'verify' });
    const resent = await timedOut.resend('push');
    expect(resent.factorResult).toBe('WAITING');
    const back = await resent.prev();
    expect(back.status).toBe('MFA_REQUIRED');
    await back.cancel();
  });

  test('number challenge: the waiting push shows correctAnswer; the wrong number rejects, the right one approves', async () => {
    const { tx, factor } = await required('push.number@example.test');
    const waiting = await tx.verify(factor);
    const challenge = (waiting.raw._embedded as { factor: Factor }).factor._embedded?.challenge;
    const correct = Number(challenge?.correctAnswer);
    expect(correct).toBeGreaterThanOrEqual(10);
    await org.call('POST', `/__sim/push/${factor.id}/approve`, { answer: correct === 99 ? 98 : correct + 1 });
    const rejected = await waiting.next();
    expect(rejected.factorResult).toBe('REJECTED');
    const second = await rejected.next();
    const answer = Number((second.raw._embedded as { factor: Factor }).factor._embedded?.challenge?.correctAnswer);
    await org.call('POST', `/__sim/push/${factor.id}/approve`, { answer });
    expect((await second.next()).status).toBe('SUCCESS');
  });
});

describe('hardware and RSA tokens', () => {
  test('a YubiKey OTP revealed by the dev controls verifies once; its replay is 403 E0000082', async () => {
    const { tx, factor } = await required('yubikey@example.test');
    const userId = await org.userId('yubikey@example.test');
    const revealed = (await org.call('GET', `/__sim/users/${userId}/factors/${factor.id}/passcode`)).body as { passCode: string };
    expect(revealed.passCode).toMatch(/^ccccccbcgujh[cbdefghijklnrtuv]{32}$/);
    const done = await tx.verify(factor, { passCode: revealed.passCode });
    expect(await amrOf(done.sessionToken)).toEqual(['pwd', 'hwk', 'mfa']);
    const again = await required('yubikey@example.test');
    await expect(again.tx.verify(again.factor, { passCode: revealed.passCode })).rejects.toMatchObject({ errorCode: 'E0000082' });
    await again.tx.cancel();
  });

  test('an RSA token code revealed by the dev controls verifies; a wrong one is E0000068', async () => {
    const { tx, factor } = await required('rsa@example.test');
    expect(factor).toMatchObject({ factorType: 'token', provider: 'RSA', profile: { credentialId: 'rsa-000123' } });
    await expect(tx.verify(factor, { passCode: '123456' })).rejects.toMatchObject({ errorCode: 'E0000068' });
    const userId = await org.userId('rsa@example.test');
    const revealed = (await org.call('GET', `/__sim/users/${userId}/factors/${factor.id}/passcode`)).body as { passCode: string };
    expect((await tx.verify(factor, { passCode: revealed.passCode })).status).toBe('SUCCESS');
  });
});

describe('transitions and lockout', () => {
  test('an operation the state does not allow is 403 E0000079 and leaves the transaction as it was', async () => {
    const { tx } = await required('question.mfa@example.test');
    const illegal = await org.call('POST', '/api/v1/authn/credentials/reset_password', { stateToken: tx.stateToken, newPassword: 'Whatever-123!' });
    expect(illegal.status).toBe(403);
    expect(illegal.body).toMatchObject({ errorCode: 'E0000079', errorCauses: [{ errorSummary: 'This operation is not allowed in the current authentication state.' }] });
    expect((await org.client.resume(String(tx.stateToken))).status).toBe('MFA_REQUIRED');
    await tx.cancel();
    const after = await org.call('POST', '/api/v1/authn', { stateToken: tx.stateToken });
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ errorCode: 'E0000011', errorSummary: 'Invalid token provided' });
  });

  test('a stateToken expires 5 minutes after the last request', async () => {
    const { tx } = await required('question.mfa@example.test');
    org.sim.clock.advance(4 * 60_000);
    expect((await org.client.resume(String(tx.stateToken))).status).toBe('MFA_REQUIRED');
    org.sim.clock.advance(5 * 60_000 + 1);
    await expect(org.client.resume(String(tx.stateToken))).rejects.toMatchObject({ errorCode: 'E0000011', status: 401 });
  });

  test('wrong codes count toward lockout: the fifth is 403 E0000069 and the account is locked until unlocked', async () => {
    const { tx, factor } = await required('question.mfa@example.test');
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      await expect(tx.verify(factor, { answer: 'wrong' })).rejects.toMatchObject({ errorCode: 'E0000068' });
    }
    await expect(tx.verify(factor, { answer: 'wrong' })).rejects.toMatchObject({ errorCode: 'E0000069', errorSummary: 'User Locked' });
    await expect(tx.verify(factor, { answer: 'mayonnaise' })).rejects.toMatchObject({ errorCode: 'E0000069' });
    await expect(org.client.signIn({ username: 'question.mfa@example.test', password: PASSWORD })).rejects.toMatchObject({ errorCode: 'E0000004' });
    const userId = await org.userId('question.mfa@example.test');
    expect((await org.admin('GET', `/api/v1/users/${userId}`)).body).toMatchObject({ status: 'LOCKED_OUT' });
    expect((await org.admin('POST', `/api/v1/users/${userId}/lifecycle/unlock`)).status).toBe(200);
    expect((await org.client.signIn({ username: 'question.mfa@example.test', password: PASSWORD })).status).toBe('MFA_REQUIRED');
  });

  test('with showLockoutFailures, N bad passwords answer LOCKED_OUT (even with the right one) until auto-unlock', async () => {
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      await expect(org.client.signIn({ username: 'locked.out@example.test', password: 'bad' })).rejects.toMatchObject({ errorCode: 'E0000004' });
    }
    const locked = await org.client.signIn({ username: 'locked.out@example.test', password: 'bad' });
    expect(locked.status).toBe('LOCKED_OUT');
    expect(locked.stateToken).toBeUndefined();
    expect(locked.links.next).toMatchObject({ name: 'unlock', href: `${org.sim.url}/api/v1/authn/recovery/unlock` });
    expect((await org.client.signIn({ username: 'locked.out@example.test', password: PASSWORD })).status).toBe('LOCKED_OUT');
    org.sim.clock.advance(31 * 60_000);
    expect((await org.client.signIn({ username: 'locked.out@example.test', password: PASSWORD })).status).toBe('SUCCESS');
  });
});

describe('rate limits', () => {
  test('past the limit an endpoint family answers 429 E0000047 with X-Rate-Limit headers', async () => {
    const limited = await startOrg({ rateLimits: { authn: 3, perUsernamePerSecond: 100 } });
    try {
      const first = await limited.call('POST', '/api/v1/authn', { username: 'plain@example.test', password: PASSWORD });
      expect(first.headers.get('x-rate-limit-limit')).toBe('3');
      expect(first.headers.get('x-rate-limit-remaining')).toBe('2');
      expect(Number(first.headers.get('x-rate-limit-reset'))).toBeGreaterThan(Date.now() / 1000);
      await limited.call('POST', '/api/v1/authn', { username: 'plain@example.test', password: PASSWORD });
      await limited.call('POST', '/api/v1/authn', { username: 'plain@example.test', password: PASSWORD });
      const over = await limited.call('POST', '/api/v1/authn', { username: 'plain@example.test', password: PASSWORD });
      expect(over.status).toBe(429);
      expect(over.body).toMatchObject({ errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit due to too many requests.' });
      expect(over.headers.get('x-rate-limit-remaining')).toBe('0');
      limited.sim.clock.advance(61_000);
      expect((await limited.call('POST', '/api/v1/authn', { username: 'plain@example.test', password: PASSWORD })).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  test('one username is limited to a few primary authentications per second', async () => {
    const limited = await startOrg({ rateLimits: { perUsernamePerSecond: 2 } });
    try {
      const answers = [];
      for (let attempt = 0; attempt < 3; attempt += 1) answers.push(await limited.call('POST', '/api/v1/authn', { username: 'plain@example.test', password: PASSWORD }));
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 429]);
    } finally {
      await limited.close();
    }
  });
});

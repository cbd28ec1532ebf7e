import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Secret, TOTP } from 'otpauth';
import type { TestOrg } from './helpers.js';
import { PASSWORD, enrolledFactor, offeredFactor, startOrg } from './helpers.js';

let org: TestOrg;
beforeAll(async () => {
  org = await startOrg();
});
afterAll(() => org.close());

describe('enrollment', () => {
  test('required SMS: MFA_ENROLL → enroll (new stateToken) → resend → activate with the texted code → SUCCESS', async () => {
    const tx = await org.client.signIn({ username: 'enroll.required@example.test', password: PASSWORD });
    expect(tx.status).toBe('MFA_ENROLL');
    expect(tx.links.skip).toBeUndefined();
    const sms = offeredFactor(tx, 'sms');
    expect(sms).toMatchObject({ status: 'NOT_SETUP', enrollment: 'REQUIRED', _links: { enroll: { href: `${org.sim.url}/api/v1/authn/factors` } } });
    expect(offeredFactor(tx, 'question')._links?.questions).toMatchObject({ hints: { allow: ['GET'] } });
    expect(offeredFactor(tx, 'token:software:totp', 'GOOGLE').enrollment).toBe('OPTIONAL');
    await expect(tx.enroll(sms, { profile: { phoneNumber: 'not a phone' } })).rejects.toMatchObject({ status: 400, errorCode: 'E0000098' });
    const activate = await tx.enroll(sms, { profile: { phoneNumber: '+1-555-202-7777' } });
    expect(activate.status).toBe('MFA_ENROLL_ACTIVATE');
    expect(activate.stateToken).not.toBe(tx.stateToken);
    const factor = enrolledFactor(activate);
    expect(factor.profile).toEqual({ phoneNumber: '+1 XXX-XXX-7777' });
    expect(activate.links.next).toMatchObject({ name: 'activate', href: `${org.sim.url}/api/v1/authn/factors/${factor.id}/lifecycle/activate` });
    expect(activate.links.resend).toMatchObject([{ name: 'sms', href: `${org.sim.url}/api/v1/authn/factors/${factor.id}/lifecycle/resend` }]);
    await expect(org.client.resume(String(tx.stateToken))).rejects.toMatchObject({ errorCode: 'E0000011' });
    org.sim.clock.advance(31_000);
    const resent = await activate.resend('sms');
    expect(resent.stateToken).toBe(activate.stateToken);
    await expect(resent.activate({ passCode: '111111' })).rejects.toMatchObject({ errorCode: 'E0000068' });
    const done = await resent.activate({ passCode: await org.lastCode('+15552027777') });
    expect(done.status).toBe('SUCCESS');
    const session = await org.call('POST', '/api/v1/sessions', { sessionToken: done.sessionToken });
    expect(session.body).toMatchObject({ amr: ['pwd', 'sms', 'mfa'], mfaActive: true });
    expect((await org.client.signIn({ username: 'enroll.required@example.test', password: PASSWORD })).status).toBe('MFA_REQUIRED');
  });

  test('multiOptionalFactorEnroll: required TOTP then back to MFA_ENROLL with skip, TOTP listed ACTIVE (A5)', async () => {
    await org.createUser('a5.user@example.test', { mfa: 'required', enroll: ['token:software:totp'] });
    const tx = await org.client.signIn({ username: 'a5.user@example.test', password: PASSWORD, options: { multiOptionalFactorEnroll: true } });
    expect(tx.status).toBe('MFA_ENROLL');
    const activate = await tx.enroll(offeredFactor(tx, 'token:software:totp', 'GOOGLE'));
    const factor = enrolledFactor(activate);
    const activation = factor._embedded?.activation;
    expect(activation).toMatchObject({ timeStep: 30, encoding: 'base32', keyLength: 6 });
    expect(String(activation?.sharedSecret)).toMatch(/^[A-Z2-7]{16}$/);
    const qr = activate.qrCode();
    expect(qr).toMatchObject({ type: 'image/png' });
    const png = await fetch(String(qr?.href));
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await png.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG');
    const back = await activate.prev();
    expect(back.status).toBe('MFA_ENROLL');
    const again = await back.enroll(offeredFactor(back, 'token:software:totp', 'GOOGLE'));
    const secret = String(enrolledFactor(again)._embedded?.activation?.sharedSecret);
    const code = new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: org.sim.clock.now() });
    const loop = await again.activate({ passCode: code });
    expect(loop.status).toBe('MFA_ENROLL');
    expect(loop.links.skip).toMatchObject({ name: 'skip' });
    expect(offeredFactor(loop, 'token:software:totp', 'GOOGLE').status).toBe('ACTIVE');
    const done = await loop.skip();
    expect(done.status).toBe('SUCCESS');
  });

  test('question, RSA and YubiKey enroll without an activation step', async () => {
    await org.createUser('oneshot@example.test', { mfa: 'required', enroll: ['question', 'token', 'token:hardware'] });
    const tx = await org.client.signIn({ username: 'oneshot@example.test', password: PASSWORD });
    const questions = await tx.client.questions(offeredFactor(tx, 'question'));
    expect(questions[0]).toEqual({ question: 'disliked_food', questionText: 'What is the food you least liked as a child?' });
    await expect(tx.enroll(offeredFactor(tx, 'question'), { profile: { question: 'made_up', answer: 'abcd' } })).rejects.toMatchObject({
      errorCode: 'E0000001',
      errorCauses: [{ errorSummary: 'Invalid Profile.' }],
    });
    const afterQuestion = await tx.enroll(offeredFactor(tx, 'question'), { profile: { question: 'first_award', answer: 'spelling bee' } });
    expect(afterQuestion.status).toBe('MFA_ENROLL');
    const rsaCode = (await org.call('GET', '/__sim/hardware-tokens/RSA/rsa-777/passcode')).body as { passCode: string };
    const afterRsa = await afterQuestion.enroll(offeredFactor(afterQuestion, 'token', 'RSA'), { profile: { credentialId: 'rsa-777' }, passCode: rsaCode.passCode });
    expect(afterRsa.status).toBe('MFA_ENROLL');
    const yubi = (await org.call('GET', '/__sim/hardware-tokens/YUBICO/ccccccdefghi/passcode')).body as { passCode: string };
    const done = await afterRsa.enroll(offeredFactor(afterRsa, 'token:hardware', 'YUBICO'), { passCode: yubi.passCode });
    expect(done.status).toBe('SUCCESS');
  });

  test('push enrollment follows seed 004: WAITING/poll, send by SMS, TIMEOUT switches next to activate, then SUCCESS', async () => {
    await org.createUser('push.enroll@example.test', { mfa: 'required', enroll: ['push'] });
    const tx = await org.client.signIn({ username: 'push.enroll@example.test', password: PASSWORD, relayState: '/myapp/deep/link' });
    const waiting = await tx.enroll(offeredFactor(tx, 'push'));
    expect(waiting).toMatchObject({ status: 'MFA_ENROLL_ACTIVATE', factorResult: 'WAITING', relayState: '/myapp/deep/link' });
    expect(waiting.stateToken).not.toBe(tx.stateToken);
    const factor = enrolledFactor(waiting);
    expect(factor.id).toMatch(/^opf/);
    expect(factor.profile).toEqual({});
    const activation = factor._embedded?.activation;
    expect(activation?._links?.send).toMatchObject([
      { name: 'email', href: `${org.sim.url}/api/v1/authn/factors/${factor.id}/lifecycle/activate/email` },
      { name: 'sms', href: `${org.sim.url}/api/v1/authn/factors/${factor.id}/lifecycle/activate/sms` },
    ]);
    expect(waiting.links.next).toMatchObject({ name: 'poll', href: `${org.sim.url}/api/v1/authn/factors/${factor.id}/lifecycle/activate/poll` });
    const sent = await waiting.sendActivation('sms', { profile: { phoneNumber: '+1-555-415-1337' } });
    expect(sent).toMatchObject({ status: 'MFA_ENROLL_ACTIVATE', factorResult: 'WAITING', stateToken: waiting.stateToken });
    expect((await org.outbox('+15554151337')).at(-1)?.text).toContain('/qr/');
    expect((await sent.next()).factorResult).toBe('WAITING');
    org.sim.clock.advance(4 * 60_000);
    expect((await sent.next()).factorResult).toBe('WAITING');
    org.sim.clock.advance(60_001);
    const timeout = await sent.next();
    expect(timeout.factorResult).toBe('TIMEOUT');
    expect(timeout.links.next).toMatchObject({ name: 'activate', href: `${org.sim.url}/api/v1/authn/factors/${factor.id}/lifecycle/activate` });
    expect(enrolledFactor(timeout)._embedded).toBeUndefined();
    const restarted = await timeout.next();
    expect(restarted.factorResult).toBe('WAITING');
    expect(restarted.links.next).toMatchObject({ name: 'poll' });
    expect((await org.call('POST', `/__sim/push/${factor.id}/approve`, {})).body).toMatchObject({ answered: 'activation', result: 'ACTIVE' });
    const done = await restarted.next();
    expect(done).toMatchObject({ status: 'SUCCESS', relayState: '/myapp/deep/link' });
    const factors = (await org.admin('GET', `/api/v1/users/${await org.userId('push.enroll@example.test')}/factors`)).body as { status: string; profile: Record<string, unknown> }[];
    expect(factors[0]).toMatchObject({ status: 'ACTIVE', profile: { platform: 'ANDROID', deviceType: 'SmartPhone_Android' } });
  });

  test('wrong activation codes count toward lockout, and a sixth attempt within five minutes is 429 E0000047', async () => {
    await org.createUser('activation.limit@example.test', { mfa: 'required', enroll: ['email'] });
    const tx = await org.client.signIn({ username: 'activation.limit@example.test', password: PASSWORD });
    const activate = await tx.enroll(offeredFactor(tx, 'email'));
    for (let attempt = 0; attempt < 4; attempt += 1) {
      await expect(activate.activate({ passCode: '000000' })).rejects.toMatchObject({ errorCode: 'E0000068' });
    }
    await expect(activate.activate({ passCode: '000000' })).rejects.toMatchObject({ status: 403, errorCode: 'E0000069' });
    await expect(activate.activate({ passCode: '000000' })).rejects.toMatchObject({ status: 429, errorCode: 'E0000047' });
  });
});

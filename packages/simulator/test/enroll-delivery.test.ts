import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Factor } from '@okta-authn/core';
import { Secret, TOTP } from 'otpauth';
import type { TestOrg } from './helpers.js';
import { PASSWORD, enrolledFactor, offeredFactor, startOrg } from './helpers.js';

let org: TestOrg;
beforeAll(async () => {
  org = await startOrg();
});
afterAll(() => org.close());

async function amrOf(sessionToken: unknown): Promise<string[]> {
  const session = await org.call('POST', '/api/v1/sessions', { sessionToken });
  expect(session.status).toBe(200);
  return (session.body as { amr: string[] }).amr;
}

describe('voice call enrollment', () => {
  test('enroll sends a call, a resend within 30 s is 429 E0000047, after 30 s it calls again and the new code activates', async () => {
    await org.createUser('call.enroll@example.test', { mfa: 'required', enroll: ['call'] });
    const tx = await org.client.signIn({ username: 'call.enroll@example.test', password: PASSWORD });
    expect(tx.status).toBe('MFA_ENROLL');
    const activate = await tx.enroll(offeredFactor(tx, 'call'), { profile: { phoneNumber: '+1 (555) 303-1111', phoneExtension: '42' } });
    expect(activate.status).toBe('MFA_ENROLL_ACTIVATE');
    expect(activate.factorResult).toBeUndefined();
    const factor = enrolledFactor(activate);
    expect(factor.id).toMatch(/^clf/);
    expect(factor.profile).toEqual({ phoneNumber: '+1 XXX-XXX-1111', phoneExtension: '42' });
    expect(activate.links.next).toMatchObject({ name: 'activate', href: `${org.sim.url}/api/v1/authn/factors/${factor.id}/lifecycle/activate` });
    expect(activate.links.resend).toMatchObject([{ name: 'call', href: `${org.sim.url}/api/v1/authn/factors/${factor.id}/lifecycle/resend` }]);
    const calls = await org.outbox('+15553031111');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ channel: 'call', to: '+15553031111' });
    const firstCode = String(calls[0]?.code);
    expect(calls[0]?.text).toContain(firstCode.split('').join(' '));

    const throttled = await org.call('POST', String((activate.links.resend as { href: string }[])[0]?.href), { stateToken: activate.stateToken });
    expect(throttled.status).toBe(429);
    expect(throttled.body).toMatchObject({ errorCode: 'E0000047' });
    expect(throttled.headers.get('x-rate-limit-limit')).toBe('1');
    expect(throttled.headers.get('x-rate-limit-remaining')).toBe('0');
    expect(Number(throttled.headers.get('x-rate-limit-reset'))).toBeGreaterThan(org.sim.clock.now() / 1000);
    expect(await org.outbox('+15553031111')).toHaveLength(1);

    org.sim.clock.advance(30_000);
    const resent = await activate.resend('call');
    expect(resent).toMatchObject({ status: 'MFA_ENROLL_ACTIVATE', stateToken: activate.stateToken });
    const secondCode = await org.lastCode('+15553031111');
    expect(await org.outbox('+15553031111')).toHaveLength(2);
    if (secondCode !== firstCode) {
      await expect(resent.activate({ passCode: firstCode })).rejects.toMatchObject({ status: 403, errorCode: 'E0000068' });
    }
    const done = await resent.activate({ passCode: secondCode });
    expect(done.status).toBe('SUCCESS');
    expect(await amrOf(done.sessionToken)).toEqual(['pwd', 'tel', 'mfa']);
    const factors = (await org.admin('GET', `/api/v1/users/${await org.userId('call.enroll@example.test')}/factors`)).body as Record<string, unknown>[];
    expect(factors).toMatchObject([{ factorType: 'call', status: 'ACTIVE', profile: { phoneNumber: '+15553031111', phoneExtension: '42' } }]);
  });

  test('an enrolled call factor challenges by phone, throttles resend with E0000047, and verifies the spoken code', async () => {
    const tx = await org.client.signIn({ username: 'call.enroll@example.test', password: PASSWORD });
    expect(tx.status).toBe('MFA_REQUIRED');
    org.sim.clock.advance(30_000);
    const challenge = await tx.verify(offeredFactor(tx, 'call'));
    expect(challenge).toMatchObject({ status: 'MFA_CHALLENGE', stateToken: tx.stateToken });
    expect(challenge.links.resend).toMatchObject([{ name: 'call' }]);
    await expect(challenge.resend('call')).rejects.toMatchObject({ status: 429, errorCode: 'E0000047' });
    const done = await challenge.verify(enrolledFactor(challenge), { passCode: await org.lastCode('+15553031111') });
    expect(done.status).toBe('SUCCESS');
  });
});

describe('email enrollment', () => {
  test('enroll emails a code, a resend within 5 s is 429 E0000118, the resent code replaces the first and activates', async () => {
    await org.createUser('mail.enroll@example.test', { mfa: 'required', enroll: ['email'] });
    const tx = await org.client.signIn({ username: 'mail.enroll@example.test', password: PASSWORD });
    const activate = await tx.enroll(offeredFactor(tx, 'email'));
    expect(activate.status).toBe('MFA_ENROLL_ACTIVATE');
    expect(activate.stateToken).not.toBe(tx.stateToken);
    const factor = enrolledFactor(activate);
    expect(factor.id).toMatch(/^emf/);
    expect(factor.profile).toEqual({ email: 'm...l@example.test' });
    expect(activate.links.resend).toMatchObject([{ name: 'email', href: `${org.sim.url}/api/v1/authn/factors/${factor.id}/lifecycle/resend` }]);
    const firstCode = await org.lastCode('mail.enroll@example.test');
    const mails = await org.outbox('mail.enroll@example.test');
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ channel: 'email' });
    expect(mails[0]?.text).toContain(firstCode);

    await expect(activate.resend('email')).rejects.toMatchObject({ status: 429, errorCode: 'E0000118' });
    org.sim.clock.advance(5_000);
    const resent = await activate.resend('email');
    expect(resent.stateToken).toBe(activate.stateToken);
    const secondCode = await org.lastCode('mail.enroll@example.test');
    expect(await org.outbox('mail.enroll@example.test')).toHaveLength(2);
    if (secondCode !== firstCode) {
      await expect(resent.activate({ passCode: firstCode })).rejects.toMatchObject({ status: 403, errorCode: 'E0000068' });
    }
    const done = await resent.activate({ passCode: secondCode });
    expect(done.status).toBe('SUCCESS');
    expect(await amrOf(done.sessionToken)).toEqual(['pwd', 'otp', 'mfa']);
  });

  test('enrolling an address the user has not verified is 400 E0000001', async () => {
    await org.createUser('mail.other@example.test', { mfa: 'required', enroll: ['email'] });
    const tx = await org.client.signIn({ username: 'mail.other@example.test', password: PASSWORD });
    await expect(tx.enroll(offeredFactor(tx, 'email'), { profile: { email: 'someone.else@example.test' } })).rejects.toMatchObject({ status: 400, errorCode: 'E0000001' });
    expect((await org.client.resume(String(tx.stateToken))).status).toBe('MFA_ENROLL');
  });
});

describe('Symantec VIP enrollment', () => {
  test('needs passCode and nextPassCode: without the next code it is 403 E0000068, with both it enrolls and later verifies', async () => {
    await org.createUser('vip.enroll@example.test', { mfa: 'required', enroll: ['token'] });
    const tx = await org.client.signIn({ username: 'vip.enroll@example.test', password: PASSWORD });
    const vip = offeredFactor(tx, 'token', 'SYMANTEC');
    expect(vip).toMatchObject({ status: 'NOT_SETUP', enrollment: 'REQUIRED', profile: { credentialId: 'vip.enroll@example.test' } });
    const codes = (await org.call('GET', '/__sim/hardware-tokens/SYMANTEC/VSMT12345678/passcode')).body as { passCode: string; nextPassCode: string };
    expect(codes.passCode).toMatch(/^\d{6}$/);
    expect(codes.nextPassCode).toMatch(/^\d{6}$/);
    await expect(tx.enroll(vip, { profile: { credentialId: 'VSMT12345678' }, passCode: codes.passCode })).rejects.toMatchObject({
      status: 403,
      errorCode: 'E0000068',
    });
    await expect(
      tx.enroll(vip, { profile: { credentialId: 'VSMT12345678' }, passCode: codes.passCode, nextPassCode: codes.passCode === '000000' ? '111111' : '000000' }),
    ).rejects.toMatchObject({ status: 403, errorCode: 'E0000068' });
    await expect(tx.enroll(vip, { profile: {}, passCode: codes.passCode, nextPassCode: codes.nextPassCode })).rejects.toMatchObject({ status: 400, errorCode: 'E0000001' });
    const done = await tx.enroll(vip, { profile: { credentialId: 'VSMT12345678' }, passCode: codes.passCode, nextPassCode: codes.nextPassCode });
    expect(done.status).toBe('SUCCESS');
    expect(await amrOf(done.sessionToken)).toEqual(['pwd', 'otp', 'mfa']);

    const userId = await org.userId('vip.enroll@example.test');
    const factors = (await org.admin('GET', `/api/v1/users/${userId}/factors`)).body as { id: string; provider: string; status: string; profile: unknown }[];
    expect(factors).toMatchObject([{ factorType: 'token', provider: 'SYMANTEC', status: 'ACTIVE', profile: { credentialId: 'VSMT12345678' } }]);
    const factorId = String(factors[0]?.id);
    expect(factorId).toMatch(/^ufv/);

    const again = await org.client.signIn({ username: 'vip.enroll@example.test', password: PASSWORD });
    expect(again.status).toBe('MFA_REQUIRED');
    // The enrollment used this step and the next one; a code only counts once.
    await expect(again.verify(factorId, { passCode: codes.nextPassCode })).rejects.toMatchObject({ status: 403, errorCode: 'E0000082' });
    org.sim.clock.advance(60_000);
    const current = (await org.call('GET', `/__sim/users/${userId}/factors/${factorId}/passcode`)).body as { passCode: string };
    const verified = await again.verify(factorId, { passCode: current.passCode });
    expect(verified.status).toBe('SUCCESS');
  });
});

describe('push activation link', () => {
  test('by email: the link reaches the outbox, the state stays WAITING on the same stateToken, then the paired phone finishes it', async () => {
    await org.createUser('push.mail@example.test', { mfa: 'required', enroll: ['push'] });
    const tx = await org.client.signIn({ username: 'push.mail@example.test', password: PASSWORD });
    const waiting = await tx.enroll(offeredFactor(tx, 'push'));
    const factor = enrolledFactor(waiting);
    const sent = await waiting.sendActivation('email');
    expect(sent).toMatchObject({ status: 'MFA_ENROLL_ACTIVATE', factorResult: 'WAITING', stateToken: waiting.stateToken });
    expect(sent.links.next).toMatchObject({ name: 'poll' });
    const mails = await org.outbox('push.mail@example.test');
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ channel: 'email', code: null });
    const link = /https?:\/\/\S+\/qr\/\S+/.exec(String(mails[0]?.text))?.[0];
    expect(link).toContain(`/api/v1/users/${await org.userId('push.mail@example.test')}/factors/${factor.id}/qr/`);
    const png = await fetch(String(link));
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    await png.arrayBuffer();

    const bySms = await sent.sendActivation('sms', { profile: { phoneNumber: '+1 555 303 2222' } });
    expect(bySms.factorResult).toBe('WAITING');
    expect((await org.outbox('+15553032222'))[0]).toMatchObject({ channel: 'sms', code: null });
    expect((await org.outbox('+15553032222'))[0]?.text).toContain(`/factors/${factor.id}/qr/`);
    await expect(bySms.sendActivation('sms', { profile: { phoneNumber: 'call me maybe' } })).rejects.toMatchObject({ status: 400, errorCode: 'E0000098' });

    await org.call('POST', `/__sim/push/${factor.id}/approve`, {});
    const done = await bySms.next();
    expect(done.status).toBe('SUCCESS');
    expect(await amrOf(done.sessionToken)).toEqual(['pwd', 'swk', 'mfa']);
  });

  test('a send link on a factor that is not a push is 403 E0000079', async () => {
    await org.createUser('push.wrong@example.test', { mfa: 'required', enroll: ['email'] });
    const tx = await org.client.signIn({ username: 'push.wrong@example.test', password: PASSWORD });
    const activate = await tx.enroll(offeredFactor(tx, 'email'));
    const factor = enrolledFactor(activate);
    const answer = await org.call('POST', `/api/v1/authn/factors/${factor.id}/lifecycle/activate/email`, { stateToken: activate.stateToken });
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ errorCode: 'E0000079' });
  });
});

describe('Factors API TOTP (seed 002 items 14–15)', () => {
  test('enroll → PENDING_ACTIVATION with an activation object, wrong code → E0000068, right code → ACTIVE with verify links', async () => {
    const userId = await org.createUser('api.totp@example.test', { mfa: 'required' });
    const enrolled = await org.admin('POST', `/api/v1/users/${userId}/factors`, { factorType: 'token:software:totp', provider: 'GOOGLE' });
    expect(enrolled.status).toBe(200);
    const factor = enrolled.body as {
      id: string;
      status: string;
      profile: Record<string, unknown>;
      _embedded: { activation: { sharedSecret: string; _links: { qrcode: { href: string } } } };
      _links: Record<string, { href: string; hints: { allow: string[] } }>;
    };
    const base = `${org.sim.url}/api/v1/users/${userId}/factors/${factor.id}`;
    expect(factor).toMatchObject({
      factorType: 'token:software:totp',
      provider: 'GOOGLE',
      status: 'PENDING_ACTIVATION',
      profile: { credentialId: 'api.totp@example.test' },
      _embedded: {
        activation: { timeStep: 30, encoding: 'base32', keyLength: 6, factorResult: 'WAITING', _links: { qrcode: { type: 'image/png' } } },
      },
    });
    expect(factor.id).toMatch(/^uft/);
    expect(factor._embedded.activation.sharedSecret).toMatch(/^[A-Z2-7]{16}$/);
    expect(Object.keys(factor._links).sort()).toEqual(['activate', 'self', 'user']);
    expect(factor._links.activate).toEqual({ href: `${base}/lifecycle/activate`, hints: { allow: ['POST'] } });
    expect(factor._links.self).toEqual({ href: base, hints: { allow: ['GET'] } });
    expect(factor._links.user).toEqual({ href: `${org.sim.url}/api/v1/users/${userId}`, hints: { allow: ['GET'] } });
    const qr = await fetch(factor._embedded.activation._links.qrcode.href);
    expect(qr.headers.get('content-type')).toBe('image/png');
    await qr.arrayBuffer();

    const wrong = await org.admin('POST', `${base}/lifecycle/activate`, { passCode: '000000' });
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatchObject({ errorCode: 'E0000068' });
    const code = new TOTP({ secret: Secret.fromBase32(factor._embedded.activation.sharedSecret) }).generate({ timestamp: org.sim.clock.now() });
    const activated = await org.admin('POST', `${base}/lifecycle/activate`, { passCode: code });
    expect(activated.status).toBe(200);
    expect(activated.body).toMatchObject({
      id: factor.id,
      status: 'ACTIVE',
      _links: {
        self: { href: base, hints: { allow: ['GET', 'DELETE'] } },
        verify: { href: `${base}/verify`, hints: { allow: ['POST'] } },
        user: { href: `${org.sim.url}/api/v1/users/${userId}`, hints: { allow: ['GET'] } },
      },
    });
    expect((activated.body as { _embedded?: unknown })._embedded).toBeUndefined();
    const again = await org.admin('POST', `${base}/lifecycle/activate`, { passCode: code });
    expect(again.status).toBe(403);
    expect(again.body).toMatchObject({ errorCode: 'E0000038' });
    expect((await fetch(factor._embedded.activation._links.qrcode.href)).status).toBe(404);

    const listed = (await org.admin('GET', `/api/v1/users/${userId}/factors`)).body as { id: string; status: string }[];
    expect(listed).toMatchObject([{ id: factor.id, status: 'ACTIVE' }]);
    const tx = await org.client.signIn({ username: 'api.totp@example.test', password: PASSWORD });
    expect(tx.status).toBe('MFA_REQUIRED');
    expect((tx.raw._embedded as { factors: Factor[] }).factors).toMatchObject([{ id: factor.id, factorType: 'token:software:totp', provider: 'GOOGLE' }]);
  });
});

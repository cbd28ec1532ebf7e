import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestOrg } from './helpers.js';
import { PASSWORD, startOrg } from './helpers.js';

let org: TestOrg;
beforeAll(async () => {
  org = await startOrg();
});
afterAll(() => org.close());

interface Tx {
  stateToken: string;
  status: string;
  _embedded?: { factors?: { id: string; factorType: string }[] };
}

async function mfaRequired(username: string): Promise<{ stateToken: string; factorId: string }> {
  const answer = await org.call('POST', '/api/v1/authn', { username, password: PASSWORD });
  const tx = answer.body as Tx;
  expect(tx.status).toBe('MFA_REQUIRED');
  const factorId = tx._embedded?.factors?.[0]?.id;
  if (!factorId) throw new Error('no factor');
  return { stateToken: tx.stateToken, factorId };
}

async function status(userId: string): Promise<string> {
  return ((await org.admin('GET', `/api/v1/users/${userId}`)).body as { status: string }).status;
}

describe('an empty passCode asks for a code', () => {
  const channels = [
    { factorType: 'sms', enroll: { factorType: 'sms', provider: 'OKTA', profile: { phoneNumber: '+15553330001' } }, to: '+15553330001', wait: 31 },
    { factorType: 'call', enroll: { factorType: 'call', provider: 'OKTA', profile: { phoneNumber: '+15553330002' } }, to: '+15553330002', wait: 31 },
    { factorType: 'email', enroll: { factorType: 'email', provider: 'OKTA' }, to: 'blank.email@example.test', wait: 6 },
  ];

  for (const channel of channels) {
    test(`${channel.factorType}: three presses of "send" with passCode "" send codes, never lock, and the last code signs in`, async () => {
      const login = channel.factorType === 'email' ? channel.to : `blank.${channel.factorType}@example.test`;
      const id = await org.createUser(login, { mfa: 'required', lockout: { maxFactorAttempts: 2 } });
      expect((await org.admin('POST', `/api/v1/users/${id}/factors?activate=true`, channel.enroll)).status).toBe(200);
      const { stateToken, factorId } = await mfaRequired(login);
      const verify = `/api/v1/authn/factors/${factorId}/verify`;
      const first = await org.call('POST', verify, { stateToken, passCode: '' });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ status: 'MFA_CHALLENGE', stateToken });
      expect(await org.outbox(channel.to)).toHaveLength(1);
      // A press inside the resend window is throttled like any resend; it is not a wrong code.
      const throttled = await org.call('POST', verify, { stateToken, passCode: '   ' });
      expect(throttled.status).toBe(429);
      org.sim.clock.advance(channel.wait * 1000);
      const third = await org.call('POST', verify, { stateToken, passCode: ' ' });
      expect(third.body).toMatchObject({ status: 'MFA_CHALLENGE' });
      expect(await org.outbox(channel.to)).toHaveLength(2);
      expect(await status(id)).toBe('ACTIVE');
      // One wrong code is still below maxFactorAttempts (2): the blank presses counted nothing.
      expect((await org.call('POST', verify, { stateToken, passCode: '000000' === (await org.lastCode(channel.to)) ? '111111' : '000000' })).body).toMatchObject({
        errorCode: 'E0000068',
      });
      const done = await org.call('POST', verify, { stateToken, passCode: await org.lastCode(channel.to) });
      expect(done.body).toMatchObject({ status: 'SUCCESS' });
    });
  }

  test('the Factors API treats an empty passCode as a challenge request too', async () => {
    const id = await org.userId('sms.mfa@example.test');
    const factorId = await org.factorId('sms.mfa@example.test', 'sms');
    org.sim.clock.advance(31_000);
    const challenge = await org.admin('POST', `/api/v1/users/${id}/factors/${factorId}/verify`, { passCode: '' });
    expect(challenge.body).toMatchObject({ factorResult: 'CHALLENGE' });
  });

  test('factors that never send keep 403 E0000068 for an empty code, and it never counts toward lockout', async () => {
    const login = 'blank.totp@example.test';
    const id = await org.createUser(login, { mfa: 'required', lockout: { maxFactorAttempts: 2 } });
    await org.admin('POST', `/api/v1/users/${id}/factors`, { factorType: 'question', provider: 'OKTA', profile: { question: 'disliked_food', answer: 'mayonnaise' } });
    const { stateToken, factorId } = await mfaRequired(login);
    for (const body of [{ answer: '' }, { answer: '  ' }, { answer: '' }]) {
      const answer = await org.call('POST', `/api/v1/authn/factors/${factorId}/verify`, { stateToken, ...body });
      expect(answer.status).toBe(403);
      expect(answer.body).toMatchObject({ errorCode: 'E0000068' });
    }
    expect(await status(id)).toBe('ACTIVE');
    const yubikey = await mfaRequired('yubikey@example.test');
    for (let press = 0; press < 6; press += 1) {
      expect((await org.call('POST', `/api/v1/authn/factors/${yubikey.factorId}/verify`, { stateToken: yubikey.stateToken, passCode: '' })).body).toMatchObject({ errorCode: 'E0000068' });
    }
    expect(await status(await org.userId('yubikey@example.test'))).toBe('ACTIVE');
    const done = await org.call('POST', `/api/v1/authn/factors/${factorId}/verify`, { stateToken, answer: 'mayonnaise' });
    expect(done.body).toMatchObject({ status: 'SUCCESS' });
  });
});

describe('an empty passCode in recovery asks for a code', () => {
  for (const flow of [
    { path: '/api/v1/authn/recovery/password', factorType: 'SMS' },
    { path: '/api/v1/authn/recovery/unlock', factorType: 'CALL' },
  ]) {
    test(`${flow.path} by ${flow.factorType}: empty and omitted passCodes resend (throttled silently), never end the transaction, then the code works`, async () => {
      const login = `blank.recovery.${flow.factorType.toLowerCase()}@example.test`;
      const phone = flow.factorType === 'SMS' ? '+15553330011' : '+15553330012';
      const id = await org.createUser(login, { lockout: { maxFactorAttempts: 2 } });
      await org.admin('POST', `/api/v1/users/${id}/factors?activate=true`, { factorType: flow.factorType.toLowerCase(), provider: 'OKTA', profile: { phoneNumber: phone } });
      if (flow.factorType === 'CALL') await org.admin('POST', `/api/v1/users/${id}/lifecycle/lock`);
      const start = await org.call('POST', flow.path, { username: login, factorType: flow.factorType });
      const { stateToken } = start.body as Tx;
      const verify = `/api/v1/authn/recovery/factors/${flow.factorType}/verify`;
      for (const body of [{ passCode: '' }, {}, { passCode: '  ' }]) {
        const answer = await org.call('POST', verify, { stateToken, ...body });
        expect(answer.status).toBe(200);
        expect(answer.body).toMatchObject({ status: 'RECOVERY_CHALLENGE', stateToken, factorType: flow.factorType });
      }
      expect(await org.outbox(phone)).toHaveLength(1);
      org.sim.clock.advance(31_000);
      expect((await org.call('POST', verify, { stateToken, passCode: '' })).body).toMatchObject({ status: 'RECOVERY_CHALLENGE' });
      expect(await org.outbox(phone)).toHaveLength(2);
      const proven = await org.call('POST', verify, { stateToken, passCode: await org.lastCode(phone) });
      expect(proven.body).toMatchObject(flow.factorType === 'SMS' ? { status: 'PASSWORD_RESET' } : { status: 'SUCCESS', recoveryType: 'UNLOCK' });
      expect(await status(id)).toBe('ACTIVE');
    });
  }
});

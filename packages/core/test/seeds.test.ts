import { describe, expect, test } from 'vitest';
import { parseTransaction } from '../src/index.js';
import { clientFor } from './helpers.js';
import { pushEnrollTrace, pushVerifyTrace, recoveryTrace } from './fixtures/seed-traces.js';

const noWait = { sleep: async () => {} };

describe('seed traces replayed through AuthnClient', () => {
  test.each([
    ['recovery (000/001)', recoveryTrace],
    ['push enroll (004)', pushEnrollTrace],
    ['push verify (004)', pushVerifyTrace],
  ])('every recorded %s response parses and keeps its fields', (_name, trace) => {
    for (const step of trace) {
      const tx = parseTransaction(step.response);
      const { raw, links, ...body } = tx;
      expect(raw).toBe(step.response);
      expect(body).toEqual(step.response);
      expect(links).toEqual((step.response as { _links?: object })._links ?? {});
    }
  });

  test('recovery with an API token: reset_password commits the password, then MFA_REQUIRED continues with the new stateToken', async () => {
    const { client, script } = clientFor(recoveryTrace, { Authorization: 'SSWS sim-api-token' });
    const recovery = await client.forgotPassword({ username: 'mary.jane@example.test' });
    expect(recovery.status).toBe('RECOVERY');
    expect(recovery.recoveryToken).toBe('dfplr0IJ9simRecTok01');
    expect(recovery.moves()).toEqual(['next:recovery', 'cancel']);

    const question = await recovery.exchangeRecoveryToken();
    expect(question.status === 'RECOVERY' && question._embedded?.user?.recovery_question?.question).toBe('disliked_food');

    const reset = await question.answer('Answer here');
    expect(reset.status).toBe('PASSWORD_RESET');
    expect(reset.stateToken).toBe(question.stateToken);

    const mfa = await reset.resetPassword({ newPassword: 'PWPWPW' });
    expect(mfa.status).toBe('MFA_REQUIRED');
    expect(mfa.stateToken).not.toBe(reset.stateToken);
    if (mfa.status !== 'MFA_REQUIRED') throw new Error('expected MFA_REQUIRED');
    expect(mfa._embedded.user.passwordChanged).toBe('2022-11-03T09:22:47.000Z');
    expect(mfa.moves()).toEqual(['cancel', 'verify:email:OKTA']);

    const email = mfa._embedded.factors[0]!;
    const challenge = await mfa.verify(email);
    expect(challenge.status).toBe('MFA_CHALLENGE');
    expect(challenge.factorResult).toBe('CHALLENGE');
    expect(challenge.moves()).toEqual(['next:verify', 'prev', 'cancel', 'resend:email']);

    const done = await challenge.verify(email, { passCode: '123123' });
    expect(done.status).toBe('SUCCESS');
    expect(done.sessionToken).toMatch(/^20111/);
    expect(script.remaining()).toBe(0);
  });

  test('push enrollment: polls through WAITING and TIMEOUT, re-activates, and ends in SUCCESS', async () => {
    const { client, script } = clientFor(pushEnrollTrace);
    const enroll = await client.signIn({ username: 'isaac@example.org', password: 'GoAw@y123', relayState: '/myapp/some/deep/link/i/want/to/return/to' });
    expect(enroll.status).toBe('MFA_ENROLL');
    expect(enroll.moves()).toEqual(['cancel', 'enroll:push:OKTA']);

    const activation = await enroll.enroll({ factorType: 'push', provider: 'OKTA' });
    expect(activation.status).toBe('MFA_ENROLL_ACTIVATE');
    expect(activation.factorResult).toBe('WAITING');
    expect(activation.stateToken).not.toBe(enroll.stateToken);
    expect(activation.qrCode()).toMatchObject({ type: 'image/png' });
    expect(activation.moves()).toEqual(['next:poll', 'cancel', 'prev', 'send:email', 'send:sms']);

    const sent = await activation.sendActivation('sms', { profile: { phoneNumber: '+1-555-415-1337' } });
    const updates: string[] = [];
    const timedOut = await sent.poll({ ...noWait, onUpdate: (tx) => updates.push(String(tx.factorResult)) });
    expect(updates).toEqual(['WAITING']);
    expect(timedOut.factorResult).toBe('TIMEOUT');
    expect(timedOut.moves()).toEqual(['next:activate', 'cancel', 'prev']);
    expect(timedOut.qrCode()).toBeUndefined();

    const restarted = await timedOut.activate();
    expect(restarted.factorResult).toBe('WAITING');
    const done = await restarted.poll(noWait);
    expect(done.status).toBe('SUCCESS');
    expect(done.relayState).toBe('/myapp/some/deep/link/i/want/to/return/to');
    expect(script.remaining()).toBe(0);
  });

  test('push verification: 202 WAITING answers are polled until SUCCESS', async () => {
    const { client, script } = clientFor(pushVerifyTrace);
    const mfa = await client.signIn({
      username: 'isaac@example.org',
      password: 'GoAw@y123',
      relayState: '/myapp/some/deep/link/i/want/to/return/to',
      context: { deviceToken: '26q43Ak9Eh04p7H6Nnx0m69JqYOrfVBY' },
    });
    expect(mfa.status).toBe('MFA_REQUIRED');
    const waiting = await mfa.verify('push');
    expect(waiting.factorResult).toBe('WAITING');
    expect(waiting.moves()).toEqual(['next:poll', 'cancel', 'prev', 'resend:push']);
    const updates: unknown[] = [];
    const done = await waiting.poll({ ...noWait, onUpdate: (tx) => updates.push(tx.factorResult) });
    expect(updates).toEqual(['WAITING']);
    expect(done.status).toBe('SUCCESS');
    expect(script.remaining()).toBe(0);
  });
});

import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock, startSimulator } from '../src/index.js';
import { Store } from '../src/store.js';
import type { Answer, TestOrg } from './helpers.js';
import { PASSWORD, startOrg } from './helpers.js';

let org: TestOrg;
let phoneCounter = 0;
beforeAll(async () => {
  org = await startOrg();
});
afterAll(() => org.close());

/** Creates an active user with a mobile phone and a recovery question; answers its id and phone. */
async function makeUser(login: string, policy?: Record<string, unknown>): Promise<{ id: string; phone: string }> {
  phoneCounter += 1;
  const phone = `+1555303${String(phoneCounter).padStart(4, '0')}`;
  const created = await org.admin('POST', '/api/v1/users?activate=true', {
    profile: { firstName: 'Test', lastName: 'Person', email: login, login, mobilePhone: phone },
    credentials: { password: { value: PASSWORD }, recovery_question: { question: 'Name of my first robot?', answer: 'Babbage' } },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  const id = (created.body as { id: string }).id;
  if (policy) expect((await org.call('PUT', `/__sim/users/${id}/policy`, policy)).status).toBe(200);
  return { id, phone };
}

/** What an observer sees of an answer: status, error code, transaction status and the shape of the body. */
function observed(answer: Answer): unknown {
  const body = answer.body as Record<string, unknown>;
  return {
    status: answer.status,
    errorCode: body.errorCode,
    state: body.status,
    keys: Object.keys(body).sort(),
    links: Object.keys((body._links as Record<string, unknown> | undefined) ?? {}).sort(),
  };
}

function stateTokenOf(answer: Answer): string {
  return (answer.body as { stateToken: string }).stateToken;
}

describe('public recovery does not tell which usernames exist', () => {
  test('known and unknown usernames get the same status sequence and shapes; a throttled known user keeps the code sent first', async () => {
    const { phone } = await makeUser('enum.known@example.test');
    const run = async (username: string) => {
      const first = await org.call('POST', '/api/v1/authn/recovery/password', { username, factorType: 'SMS' });
      const second = await org.call('POST', '/api/v1/authn/recovery/password', { username, factorType: 'SMS' });
      const resend = await org.call('POST', '/api/v1/authn/recovery/factors/SMS/resend', { stateToken: stateTokenOf(second) });
      const call = await org.call('POST', '/api/v1/authn/recovery/unlock', { username, factorType: 'CALL' });
      return { answers: [first, second, resend, call], second };
    };
    const known = await run('enum.known@example.test');
    const unknown = await run('enum.nobody@example.test');
    expect(known.answers.map(observed)).toEqual(unknown.answers.map(observed));
    expect(known.answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    const sms = (await org.outbox(phone)).filter((message) => message.channel === 'sms');
    expect(sms).toHaveLength(1);
    const verified = await org.call('POST', '/api/v1/authn/recovery/factors/SMS/verify', { stateToken: stateTokenOf(known.second), passCode: sms[0]?.code });
    expect(verified.status).toBe(200);
    expect((verified.body as { status: string }).status).toBe('RECOVERY');
  });
});

describe('recovery codes and answers cannot be guessed without limit', () => {
  const wrongCodes = async (stateToken: string) => {
    const answers: Answer[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      answers.push(await org.call('POST', '/api/v1/authn/recovery/factors/SMS/verify', { stateToken, passCode: '000000' }));
    }
    return answers.map((answer) => [answer.status, (answer.body as { errorCode: string }).errorCode]);
  };
  const expected = [
    [403, 'E0000068'],
    [403, 'E0000068'],
    [403, 'E0000068'],
    [403, 'E0000068'],
    [403, 'E0000069'],
    [401, 'E0000011'],
  ];

  test('wrong recovery codes end the transaction at maxFactorAttempts and lock the user; unknown users answer the same', async () => {
    const { id } = await makeUser('guess.code@example.test');
    const started = await org.call('POST', '/api/v1/authn/recovery/password', { username: 'guess.code@example.test', factorType: 'SMS' });
    expect(await wrongCodes(stateTokenOf(started))).toEqual(expected);
    expect(((await org.admin('GET', `/api/v1/users/${id}`)).body as { status: string }).status).toBe('LOCKED_OUT');
    const decoy = await org.call('POST', '/api/v1/authn/recovery/password', { username: 'guess.nobody@example.test', factorType: 'SMS' });
    expect(await wrongCodes(stateTokenOf(decoy))).toEqual(expected);
  });

  test('wrong recovery answers end the transaction at maxFactorAttempts and count toward lockout', async () => {
    const { id } = await makeUser('guess.answer@example.test', { lockout: { maxFactorAttempts: 3 } });
    const trusted = await org.admin('POST', '/api/v1/authn/recovery/password', { username: 'guess.answer@example.test' });
    const recoveryToken = (trusted.body as { recoveryToken: string }).recoveryToken;
    const recovery = await org.call('POST', '/api/v1/authn/recovery/token', { recoveryToken });
    expect((recovery.body as { status: string }).status).toBe('RECOVERY');
    const stateToken = stateTokenOf(recovery);
    const answers: unknown[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const answer = await org.call('POST', '/api/v1/authn/recovery/answer', { stateToken, answer: 'Turing' });
      answers.push([answer.status, (answer.body as { errorCode: string }).errorCode]);
    }
    expect(answers).toEqual([
      [403, 'E0000087'],
      [403, 'E0000087'],
      [403, 'E0000069'],
      [401, 'E0000011'],
    ]);
    expect(((await org.admin('GET', `/api/v1/users/${id}`)).body as { status: string }).status).toBe('LOCKED_OUT');
  });
});

describe('a client cannot cause a 500', () => {
  const signIn = (username: string) => org.call('POST', '/api/v1/authn', { username, password: PASSWORD });
  const enrollTotp = (stateToken: string) =>
    org.call('POST', '/api/v1/authn/factors', { stateToken, factorType: 'token:software:totp', provider: 'OKTA' });
  const passcode = async (userId: string, factorId: string) =>
    ((await org.call('GET', `/__sim/users/${userId}/factors/${factorId}/passcode`)).body as { passCode: string }).passCode;

  test('two sign-ins enrolling TOTP at once both keep their pending factor; the second to activate goes back to MFA_ENROLL', async () => {
    const { id } = await makeUser('twice.enroll@example.test', { mfa: 'required', enroll: ['sms'] });
    const first = await enrollTotp(stateTokenOf(await signIn('twice.enroll@example.test')));
    const second = await enrollTotp(stateTokenOf(await signIn('twice.enroll@example.test')));
    const resumed = await org.call('POST', '/api/v1/authn/introspect', { stateToken: stateTokenOf(first) });
    expect(resumed.status).toBe(200);
    expect((resumed.body as { status: string }).status).toBe('MFA_ENROLL_ACTIVATE');
    const firstFactor = (first.body as { _embedded: { factor: { id: string } } })._embedded.factor.id;
    const activated = await org.call('POST', `/api/v1/authn/factors/${firstFactor}/lifecycle/activate`, {
      stateToken: stateTokenOf(first),
      passCode: await passcode(id, firstFactor),
    });
    expect(activated.status).toBe(200);
    const secondFactor = (second.body as { _embedded: { factor: { id: string } } })._embedded.factor.id;
    const duplicate = await org.call('POST', `/api/v1/authn/factors/${secondFactor}/lifecycle/activate`, { stateToken: stateTokenOf(second), passCode: '123456' });
    expect(duplicate.status).toBe(400);
    const back = await org.call('POST', '/api/v1/authn/introspect', { stateToken: stateTokenOf(second) });
    expect((back.body as { status: string }).status).toBe('MFA_ENROLL');
  });

  test('deleting the factor of an MFA_CHALLENGE or MFA_ENROLL_ACTIVATE through the Factors API sends the transaction back to choosing', async () => {
    const { id } = await makeUser('deleted.factor@example.test', { mfa: 'required' });
    const totp = await enrollTotp(stateTokenOf(await signIn('deleted.factor@example.test')));
    const totpId = (totp.body as { _embedded: { factor: { id: string } } })._embedded.factor.id;
    expect((await org.admin('DELETE', `/api/v1/users/${id}/factors/${totpId}`)).status).toBe(204);
    const enrollAgain = await org.call('POST', '/api/v1/authn/introspect', { stateToken: stateTokenOf(totp) });
    expect(enrollAgain.status).toBe(200);
    expect((enrollAgain.body as { status: string }).status).toBe('MFA_ENROLL');
    const activating = await org.call('POST', '/api/v1/authn/factors', {
      stateToken: stateTokenOf(enrollAgain),
      factorType: 'question',
      provider: 'OKTA',
      profile: { question: 'disliked_food', answer: 'mayonnaise' },
    });
    expect(activating.status).toBe(200);

    const required = await signIn('deleted.factor@example.test');
    const questionId = (required.body as { _embedded: { factors: { id: string }[] } })._embedded.factors[0]?.id ?? '';
    const challenge = await org.call('POST', `/api/v1/authn/factors/${questionId}/verify`, { stateToken: stateTokenOf(required) });
    expect((challenge.body as { status: string }).status).toBe('MFA_CHALLENGE');
    expect((await org.admin('DELETE', `/api/v1/users/${id}/factors/${questionId}`)).status).toBe(204);
    const after = await org.call('POST', '/api/v1/authn/introspect', { stateToken: stateTokenOf(required) });
    expect(after.status).toBe(200);
    expect((after.body as { status: string }).status).toBe('MFA_ENROLL');
  });

  test('every authn move with a valid stateToken in every state answers an Okta-shaped 2xx/4xx', async () => {
    const users = {
      mfa: await makeUser('hostile.mfa@example.test', { mfa: 'required' }),
      enroll: await makeUser('hostile.enroll@example.test', { mfa: 'required', enroll: ['sms'] }),
      expired: await makeUser('hostile.expired@example.test'),
      warn: await makeUser('hostile.warn@example.test', { password: { age: { maxAgeDays: 1, expireWarnDays: 5 } } }),
      recovery: await makeUser('hostile.recovery@example.test'),
    };
    const question = await org.admin('POST', `/api/v1/users/${users.mfa.id}/factors?activate=true`, {
      factorType: 'sms',
      provider: 'OKTA',
      profile: { phoneNumber: users.mfa.phone },
    });
    const mfaFactor = (question.body as { id: string }).id;
    const unlock = async (userId: string) => {
      await org.admin('POST', `/api/v1/users/${userId}/lifecycle/unlock`);
    };
    const makers: Record<string, () => Promise<string>> = {
      MFA_REQUIRED: async () => {
        await unlock(users.mfa.id);
        return stateTokenOf(await signIn('hostile.mfa@example.test'));
      },
      MFA_CHALLENGE: async () => {
        await unlock(users.mfa.id);
        await org.call('POST', '/__sim/clock/advance', { seconds: 31 });
        const required = stateTokenOf(await signIn('hostile.mfa@example.test'));
        return stateTokenOf(await org.call('POST', `/api/v1/authn/factors/${mfaFactor}/verify`, { stateToken: required }));
      },
      MFA_ENROLL: async () => {
        await unlock(users.enroll.id);
        return stateTokenOf(await signIn('hostile.enroll@example.test'));
      },
      MFA_ENROLL_ACTIVATE: async () => {
        await unlock(users.enroll.id);
        return stateTokenOf(await enrollTotp(stateTokenOf(await signIn('hostile.enroll@example.test'))));
      },
      PASSWORD_EXPIRED: async () => {
        await unlock(users.expired.id);
        await org.admin('POST', `/api/v1/users/${users.expired.id}/lifecycle/expire_password`);
        return stateTokenOf(await signIn('hostile.expired@example.test'));
      },
      PASSWORD_WARN: async () => {
        await unlock(users.warn.id);
        return stateTokenOf(
          await org.call('POST', '/api/v1/authn', { username: 'hostile.warn@example.test', password: PASSWORD, options: { warnBeforePasswordExpired: true } }),
        );
      },
      RECOVERY_CHALLENGE: async () =>
        stateTokenOf(await org.call('POST', '/api/v1/authn/recovery/password', { username: 'hostile.recovery@example.test', factorType: 'SMS' })),
      RECOVERY: async () => {
        await unlock(users.recovery.id);
        const trusted = await org.admin('POST', '/api/v1/authn/recovery/password', { username: 'hostile.recovery@example.test' });
        return stateTokenOf(await org.call('POST', '/api/v1/authn/recovery/token', { recoveryToken: (trusted.body as { recoveryToken: string }).recoveryToken }));
      },
      PASSWORD_RESET: async () => {
        await unlock(users.recovery.id);
        const trusted = await org.admin('POST', '/api/v1/authn/recovery/password', { username: 'hostile.recovery@example.test' });
        const recovery = await org.call('POST', '/api/v1/authn/recovery/token', { recoveryToken: (trusted.body as { recoveryToken: string }).recoveryToken });
        return stateTokenOf(await org.call('POST', '/api/v1/authn/recovery/answer', { stateToken: stateTokenOf(recovery), answer: 'Babbage' }));
      },
      UNAUTHENTICATED: async () => stateTokenOf(await org.call('POST', '/__sim/step-up', {})),
    };
    const moves = [
      '/api/v1/authn',
      '/api/v1/authn/introspect',
      '/api/v1/authn/previous',
      '/api/v1/authn/skip',
      '/api/v1/authn/credentials/change_password',
      '/api/v1/authn/credentials/reset_password',
      '/api/v1/authn/factors',
      `/api/v1/authn/factors/${mfaFactor}/verify`,
      `/api/v1/authn/factors/${mfaFactor}/verify/resend`,
      `/api/v1/authn/factors/${mfaFactor}/lifecycle/activate`,
      `/api/v1/authn/factors/${mfaFactor}/lifecycle/activate/poll`,
      `/api/v1/authn/factors/${mfaFactor}/lifecycle/resend`,
      '/api/v1/authn/recovery/factors/SMS/verify',
      '/api/v1/authn/recovery/factors/CALL/resend',
      '/api/v1/authn/recovery/answer',
      '/api/v1/authn/cancel',
    ];
    for (const [state, make] of Object.entries(makers)) {
      const stateToken = await make();
      const introspected = await org.call('POST', '/api/v1/authn/introspect', { stateToken });
      expect((introspected.body as { status: string }).status, state).toBe(state);
      for (const path of moves) {
        const body = {
          stateToken,
          passCode: '000000',
          answer: 'wrong',
          oldPassword: PASSWORD,
          newPassword: 'Another-Passw0rd!',
          factorType: 'sms',
          provider: 'OKTA',
          profile: { phoneNumber: '+15553039999' },
        };
        const answer = await org.call('POST', path, body);
        expect(answer.status, `${state} ${path}`).toBeLessThan(500);
      }
    }
  }, 60_000);
});

describe('state order with an expired password', () => {
  test('MFA required without an enrolled factor: PASSWORD_EXPIRED comes first, then MFA_ENROLL', async () => {
    const { id } = await makeUser('expired.nofactor@example.test', { mfa: 'required' });
    await org.admin('POST', `/api/v1/users/${id}/lifecycle/expire_password`);
    const expired = await org.call('POST', '/api/v1/authn', { username: 'expired.nofactor@example.test', password: PASSWORD });
    expect((expired.body as { status: string }).status).toBe('PASSWORD_EXPIRED');
    const changed = await org.call('POST', '/api/v1/authn/credentials/change_password', {
      stateToken: stateTokenOf(expired),
      oldPassword: PASSWORD,
      newPassword: 'Another-Passw0rd!',
    });
    expect((changed.body as { status: string }).status).toBe('MFA_ENROLL');
    expect((changed.body as { _links: Record<string, unknown> })._links.skip).toBeUndefined();
  });

  test('with an enrolled factor MFA_REQUIRED still comes before PASSWORD_EXPIRED', async () => {
    const { id, phone } = await makeUser('expired.factor@example.test', { mfa: 'required' });
    await org.admin('POST', `/api/v1/users/${id}/factors?activate=true`, { factorType: 'sms', provider: 'OKTA', profile: { phoneNumber: phone } });
    await org.admin('POST', `/api/v1/users/${id}/lifecycle/expire_password`);
    const first = await org.call('POST', '/api/v1/authn', { username: 'expired.factor@example.test', password: PASSWORD });
    expect((first.body as { status: string }).status).toBe('MFA_REQUIRED');
  });
});

describe('security questions without an API token', () => {
  test('an unknown user and a known user without a transaction both get 401 E0000011; a user in a transaction gets the list', async () => {
    const unknown = await org.call('GET', '/api/v1/users/nobody.here@example.test/factors/questions');
    const { id } = await makeUser('questions.user@example.test', { mfa: 'required' });
    const idle = await org.call('GET', `/api/v1/users/${id}/factors/questions`);
    expect([unknown.status, (unknown.body as { errorCode: string }).errorCode]).toEqual([401, 'E0000011']);
    expect([idle.status, (idle.body as { errorCode: string }).errorCode]).toEqual([401, 'E0000011']);
    await org.call('POST', '/api/v1/authn', { username: 'questions.user@example.test', password: PASSWORD });
    expect((await org.call('GET', `/api/v1/users/${id}/factors/questions`)).status).toBe(200);
    expect((await org.admin('GET', '/api/v1/users/nobody.here@example.test/factors/questions')).status).toBe(404);
  });
});

describe('memory stays bounded', () => {
  test('expired transactions, tokens, sessions, delivery records and rate-limit windows are swept on the clock', async () => {
    const clock = new ManualClock();
    const sim = await startSimulator({ port: 0, devControls: true, clock });
    try {
      const post = (path: string, body: unknown, admin = false) =>
        fetch(`${sim.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json', ...(admin ? { authorization: `SSWS ${sim.apiToken}` } : {}) },
          body: JSON.stringify(body),
        }).then(async (response) => (await response.json()) as Record<string, unknown>);
      const success = await post('/api/v1/authn', { username: 'plain@example.test', password: PASSWORD });
      await post('/api/v1/sessions', { sessionToken: success.sessionToken });
      await post('/api/v1/authn', { username: 'plain@example.test', password: PASSWORD });
      await post('/api/v1/authn', { username: 'sms.mfa@example.test', password: PASSWORD });
      await post('/api/v1/authn/recovery/password', { username: 'recovery@example.test', factorType: 'SMS' });
      await post('/api/v1/authn/recovery/password', { username: 'someone.unknown@example.test', factorType: 'CALL' });
      await post('/api/v1/authn/recovery/password', { username: 'recovery@example.test' }, true);
      const staged = await post('/api/v1/users?activate=false', { profile: { firstName: 'S', lastName: 'T', email: 'staged@example.test', login: 'staged@example.test' } }, true);
      await post(`/api/v1/users/${String(staged.id)}/lifecycle/activate?sendEmail=false`, {}, true);
      const before = sim.stats();
      expect(before.transactions).toBeGreaterThanOrEqual(3);
      expect(before.sessions).toBe(1);
      expect(before.sessionTokens).toBe(1);
      expect(before.recoveryTokens).toBe(1);
      expect(before.activationTokens).toBe(1);
      expect(before.lastDelivery).toBeGreaterThan(0);
      expect(before.recoveryDeliveries).toBe(2);
      expect(before.rateLimitWindows).toBeGreaterThan(0);
      clock.advance(8 * 24 * 60 * 60_000);
      expect(sim.stats()).toMatchObject({
        transactions: 0,
        transactionUserIndex: 0,
        sessionTokens: 0,
        sessions: 0,
        recoveryTokens: 0,
        activationTokens: 0,
        lastDelivery: 0,
        recoveryDeliveries: 0,
        rateLimitWindows: 0,
      });
    } finally {
      await sim.close();
    }
  });

  test('the outbox keeps messages only with dev controls, as a ring buffer of the newest 1000', async () => {
    const sim = await startSimulator({ port: 0 });
    try {
      await fetch(`${sim.url}/api/v1/authn/recovery/password`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'recovery@example.test', factorType: 'SMS' }),
      });
      expect(sim.stats().outbox).toBe(0);
    } finally {
      await sim.close();
    }
    const store = new Store();
    for (let index = 0; index < 1005; index += 1) store.recordMessage({ channel: 'sms', to: '+15550000000', code: String(index), text: 't', sentAt: 'x' });
    expect(store.outbox).toHaveLength(1000);
    expect(store.outbox.list()[0]?.code).toBe('5');
    expect(store.outbox.list('+1 (555) 000-0000').map((message) => message.code)).toEqual(store.outbox.list().map((message) => message.code));
  });
});

describe('DNS rebinding guard', () => {
  const withHost = (url: string, host: string) =>
    new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
      const target = new URL('/__sim/clock', url);
      const req = request({ hostname: '127.0.0.1', port: target.port, path: target.pathname, headers: { host, accept: 'application/json' } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }));
      });
      req.on('error', reject);
      req.end();
    });

  test('with dev controls, a Host that is not a loopback name on the bound port is refused with 403 in Okta shape', async () => {
    const port = new URL(org.sim.url).port;
    const evil = await withHost(org.sim.url, `rebind.attacker.test:${port}`);
    expect(evil.status).toBe(403);
    expect(evil.body).toMatchObject({ errorCode: 'E0000006', errorLink: 'E0000006', errorCauses: [{ errorSummary: expect.stringContaining('Host') }] });
    expect((await withHost(org.sim.url, `localhost:${Number(port) + 1}`)).status).toBe(403);
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) expect((await withHost(org.sim.url, host)).status).toBe(200);
  });
});

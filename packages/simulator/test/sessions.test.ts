import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { OktaSessionSchema } from '@okta-authn/core';
import type { TestOrg } from './helpers.js';
import { PASSWORD, startOrg } from './helpers.js';

let org: TestOrg;
beforeAll(async () => {
  org = await startOrg({ trustedOrigins: ['http://localhost:*', 'https://app.example.test'] });
});
afterAll(() => org.close());

async function sessionToken(username = 'plain@example.test'): Promise<string> {
  const tx = await org.client.signIn({ username, password: PASSWORD });
  expect(tx.status).toBe('SUCCESS');
  return String(tx.sessionToken);
}

describe('management users', () => {
  test('creating an active user with a password and recovery question lets them sign in', async () => {
    const created = await org.admin('POST', '/api/v1/users?activate=true', {
      profile: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.test', login: 'ada@example.test' },
      credentials: { password: { value: 'Corr3ct-Horse!' }, recovery_question: { question: 'First robot?', answer: 'Babbage' } },
    });
    expect(created.status).toBe(200);
    const user = created.body as { id: string; status: string; credentials: unknown; passwordChanged: string; _links: Record<string, unknown> };
    expect(user.status).toBe('ACTIVE');
    expect(user.id).toMatch(/^00u[A-Za-z0-9]{17}$/);
    expect(user.credentials).toMatchObject({ password: {}, recovery_question: { question: 'First robot?' }, provider: { type: 'OKTA', name: 'OKTA' } });
    expect(JSON.stringify(user)).not.toContain('Babbage');
    expect(user._links.expirePassword).toEqual({ href: `${org.sim.url}/api/v1/users/${user.id}/lifecycle/expire_password`, method: 'POST' });
    const fetched = await org.admin('GET', `/api/v1/users/${user.id}`);
    expect((fetched.body as { passwordChanged: string }).passwordChanged).toBe(user.passwordChanged);
    const tx = await org.client.signIn({ username: 'ada@example.test', password: 'Corr3ct-Horse!' });
    expect(tx.status).toBe('SUCCESS');
  });

  test('a duplicate login and a weak password are 400 E0000001 naming the field', async () => {
    const duplicate = await org.admin('POST', '/api/v1/users', {
      profile: { firstName: 'P', lastName: 'P', email: 'plain@example.test', login: 'plain@example.test' },
    });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body).toMatchObject({ errorCode: 'E0000001', errorCauses: [{ errorSummary: 'login: An object with this field already exists in the current organization' }] });
    const weak = await org.admin('POST', '/api/v1/users', {
      profile: { firstName: 'W', lastName: 'W', email: 'weak@example.test', login: 'weak@example.test' },
      credentials: { password: { value: 'short' } },
    });
    expect(weak.status).toBe(400);
    expect(JSON.stringify(weak.body)).toContain('Password requirements were not met');
  });

  test('management calls without a valid API token are 401 E0000011', async () => {
    const none = await org.call('GET', '/api/v1/users/plain@example.test');
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ errorCode: 'E0000011' });
    const wrong = await org.call('GET', '/api/v1/users/plain@example.test', undefined, { authorization: 'SSWS nope-nope-nope' });
    expect(wrong.status).toBe(401);
  });

  test('PUT /__sim/users/{id}/policy switches a user to MFA', async () => {
    const id = await org.userId('ada@example.test');
    const enrolled = await org.admin('POST', `/api/v1/users/${id}/factors?activate=true`, { factorType: 'sms', provider: 'OKTA', profile: { phoneNumber: '+1 555 202 9999' } });
    expect((enrolled.body as { status: string }).status).toBe('ACTIVE');
    const put = await org.call('PUT', `/__sim/users/${id}/policy`, { mfa: 'required' });
    expect(put.body).toMatchObject({ mfa: 'required', enroll: [] });
    const tx = await org.client.signIn({ username: 'ada@example.test', password: 'Corr3ct-Horse!' });
    expect(tx.status).toBe('MFA_REQUIRED');
    await tx.cancel();
  });
});

describe('primary authentication', () => {
  test('the right password answers SUCCESS with a 5-minute single-use sessionToken and the user', async () => {
    const before = Date.now();
    const tx = await org.client.signIn({ username: 'plain@example.test', password: PASSWORD, relayState: '/after' });
    expect(tx.status).toBe('SUCCESS');
    expect(tx.sessionToken).toMatch(/^20111[A-Za-z0-9_-]{50}$/);
    expect(tx.stateToken).toBeUndefined();
    expect(tx.relayState).toBe('/after');
    const expiresAt = Date.parse(String(tx.expiresAt));
    expect(expiresAt - before).toBeGreaterThan(4 * 60_000);
    expect(expiresAt - before).toBeLessThanOrEqual(5 * 60_000 + 5_000);
    expect(tx.raw._embedded).toMatchObject({ user: { profile: { login: 'plain@example.test', firstName: 'Paula' } } });
  });

  test('a wrong password and an unknown user get the same 401 E0000004', async () => {
    const wrong = await org.call('POST', '/api/v1/authn', { username: 'plain@example.test', password: 'nope' });
    const unknown = await org.call('POST', '/api/v1/authn', { username: 'nobody@example.test', password: 'nope' });
    for (const answer of [wrong, unknown]) {
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ errorCode: 'E0000004', errorSummary: 'Authentication failed', errorCauses: [] });
    }
  });

  test('short logins resolve when unique', async () => {
    expect((await org.client.signIn({ username: 'plain', password: PASSWORD })).status).toBe('SUCCESS');
  });
});

describe('sessions', () => {
  test('POST /api/v1/sessions redeems a sessionToken once', async () => {
    const token = await sessionToken();
    const created = await org.call('POST', '/api/v1/sessions', { sessionToken: token });
    expect(created.status).toBe(200);
    const session = OktaSessionSchema.parse(created.body);
    expect(session.id).toMatch(/^102[A-Za-z0-9_-]{22}$/);
    expect(session).toMatchObject({ login: 'plain@example.test', status: 'ACTIVE', amr: ['pwd'], mfaActive: false, idp: { type: 'OKTA' } });
    expect(session._links?.self).toEqual({ href: `${org.sim.url}/api/v1/sessions/${session.id}`, hints: { allow: ['GET', 'DELETE'] } });
    const again = await org.call('POST', '/api/v1/sessions', { sessionToken: token });
    expect(again.status).toBe(401);
    expect(again.body).toMatchObject({ errorCode: 'E0000004' });
  });

  test('sessionCookieRedirect sets sid and redirects to a trusted origin; /sessions/me reads, refreshes and ends it', async () => {
    const token = await sessionToken();
    const redirect = await org.call('GET', `/login/sessionCookieRedirect?token=${token}&redirectUrl=${encodeURIComponent('https://app.example.test/home')}`);
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('https://app.example.test/home');
    const cookie = redirect.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^sid=102[A-Za-z0-9_-]{22}; Path=\/; HttpOnly; SameSite=Lax$/);
    const sid = cookie.split(';')[0] ?? '';
    const me = await org.call('GET', '/api/v1/sessions/me', undefined, { cookie: sid });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ login: 'plain@example.test', _links: { self: { href: `${org.sim.url}/api/v1/sessions/me` }, user: { name: 'Paula Plain', href: `${org.sim.url}/api/v1/users/me` } } });
    org.sim.clock.advance(60_000);
    const refreshed = await org.call('POST', '/api/v1/sessions/me/lifecycle/refresh', undefined, { cookie: sid });
    expect(Date.parse((refreshed.body as { expiresAt: string }).expiresAt)).toBeGreaterThan(Date.parse((me.body as { expiresAt: string }).expiresAt));
    const minimal = await org.call('POST', '/api/v1/sessions/me/lifecycle/refresh', undefined, { cookie: sid, prefer: 'return=minimal' });
    expect(minimal.status).toBe(204);
    expect(minimal.headers.get('preference-applied')).toBe('return=minimal');
    const userMe = await org.call('GET', '/api/v1/users/me', undefined, { cookie: sid });
    expect(userMe.body).toMatchObject({ profile: { login: 'plain@example.test' } });
    const closed = await org.call('DELETE', '/api/v1/sessions/me', undefined, { cookie: sid });
    expect(closed.status).toBe(204);
    const gone = await org.call('GET', '/api/v1/sessions/me', undefined, { cookie: sid });
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ errorCode: 'E0000007', errorSummary: 'Not found: Resource not found: me (Session)' });
  });

  test('sessionCookieRedirect refuses an untrusted redirectUrl and sets no cookie for a used token', async () => {
    const token = await sessionToken();
    const evil = await org.call('GET', `/login/sessionCookieRedirect?token=${token}&redirectUrl=${encodeURIComponent('https://evil.example/')}`);
    expect(evil.status).toBe(400);
    expect(evil.body).toMatchObject({ errorCode: 'E0000001' });
    const first = await org.call('GET', `/login/sessionCookieRedirect?token=${token}&redirectUrl=${encodeURIComponent('http://localhost:3000/')}`);
    expect(first.headers.get('set-cookie')).toMatch(/^sid=102/);
    const reused = await org.call('GET', `/login/sessionCookieRedirect?token=${token}&redirectUrl=${encodeURIComponent('http://localhost:3000/')}`);
    expect(reused.status).toBe(302);
    expect(reused.headers.get('set-cookie')).toBeNull();
  });

  test('sessions by id need the API token; idle sessions expire', async () => {
    const created = await org.call('POST', '/api/v1/sessions', { sessionToken: await sessionToken() });
    const id = (created.body as { id: string }).id;
    expect((await org.call('GET', `/api/v1/sessions/${id}`)).status).toBe(401);
    expect((await org.admin('GET', `/api/v1/sessions/${id}`)).status).toBe(200);
    expect((await org.admin('POST', `/api/v1/sessions/${id}/lifecycle/refresh`)).status).toBe(200);
    org.sim.clock.advance(121 * 60_000);
    expect((await org.admin('GET', `/api/v1/sessions/${id}`)).status).toBe(404);
    const other = await org.call('POST', '/api/v1/sessions', { sessionToken: await sessionToken() });
    const otherId = (other.body as { id: string }).id;
    expect((await org.admin('DELETE', `/api/v1/sessions/${otherId}`)).status).toBe(204);
    expect((await org.admin('GET', `/api/v1/sessions/${otherId}`)).status).toBe(404);
  });
});

describe('CORS', () => {
  test('a trusted origin gets credentialed CORS, preflights included', async () => {
    const preflight = await fetch(`${org.sim.url}/api/v1/authn`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    const simple = await org.call('POST', '/api/v1/authn', { username: 'plain@example.test', password: PASSWORD }, { origin: 'https://app.example.test' });
    expect(simple.headers.get('access-control-allow-origin')).toBe('https://app.example.test');
  });

  test('an untrusted origin gets no CORS headers, a 403 preflight and cannot use the session cookie', async () => {
    const preflight = await fetch(`${org.sim.url}/api/v1/sessions/me`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'DELETE' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const me = await org.call('GET', '/api/v1/sessions/me', undefined, { origin: 'https://evil.example', cookie: 'sid=102abc' });
    expect(me.status).toBe(403);
    expect(me.body).toMatchObject({ errorCode: 'E0000212' });
  });
});

describe('dev controls', () => {
  test('the outbox lists messages oldest first and filters by recipient', async () => {
    const tx = await org.client.signIn({ username: 'sms.mfa@example.test', password: PASSWORD });
    await tx.verify(String(tx.raw._embedded && (tx.raw._embedded as { factors: { id: string }[] }).factors[0]?.id));
    const messages = await org.outbox('+15552024201');
    expect(messages.at(-1)).toMatchObject({ channel: 'sms', to: '+15552024201', code: expect.stringMatching(/^\d{6}$/) });
    expect(messages.at(-1)?.text).toContain(messages.at(-1)?.code ?? 'x');
    expect(await org.outbox('+10000000000')).toEqual([]);
  });

  test('without devControls the /__sim/ routes do not exist', async () => {
    const plain = await startOrg({ devControls: false });
    try {
      const answer = await plain.call('GET', '/__sim/outbox');
      expect(answer.status).toBe(404);
      expect(answer.body).toMatchObject({ errorCode: 'E0000008' });
    } finally {
      await plain.close();
    }
  });
});

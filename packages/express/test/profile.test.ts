import { MemoryStore } from 'express-session';
import request from 'supertest';
import { describe, expect, test } from 'vitest';
import { buildApp, sessionCookie, signIn } from './helpers/app.js';
import { startOrg } from './helpers/simulator.js';
import { useStubOkta } from './helpers/stub-okta.js';

const { okta, makeApp } = useStubOkta({ apiToken: 'stub-api-token' });

const usersMeCalls = () => okta.requests.filter((line) => line === 'GET /api/v1/users/me').length;

describe('the profile option (stub Okta)', () => {
  test('without it, req.okta.user has no profile and /api/v1/users/me is never asked', async () => {
    const { agent } = makeApp({ checkInterval: 0 });
    expect((await signIn(agent, okta.mintToken('ada@example.test'))).body.user).toEqual({ id: expect.stringMatching(/^00u/), login: 'ada@example.test' });
    expect((await agent.get('/api/me').expect(200)).body.user).not.toHaveProperty('profile');
    expect(usersMeCalls()).toBe(0);
  });

  test('with it, sign-in, GET /session and the guard give the profile as Okta answers it, custom attributes included', async () => {
    const { agent } = makeApp({ profile: true, checkInterval: 0 });
    const signedIn = await signIn(agent, okta.mintToken('ada@example.test'));
    const profile = { login: 'ada@example.test', email: 'ada@example.test', firstName: 'Ada', lastName: 'Lovelace', locale: 'en_GB', timeZone: 'Europe/London', secondEmail: null, department: 'Analytical Engines' };
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user.profile).toEqual(profile);
    expect((await agent.get('/auth/session').expect(200)).body.user.profile).toEqual(profile);
    expect((await agent.get('/api/me').expect(200)).body.user.profile).toEqual(profile);
  });

  test("it is read with the user's own session cookie, never the API token (which would name the token's owner)", async () => {
    const { agent } = makeApp({ profile: true, apiToken: 'stub-api-token', exchange: 'sessions-api', checkInterval: 0 });
    expect((await signIn(agent, okta.mintToken('ada@example.test'))).body.user.profile.login).toBe('ada@example.test');
    expect((await agent.get('/api/me').expect(200)).body.user.profile.login).toBe('ada@example.test');
  });

  test('it is cached with the session check: no request within checkInterval, one session check and one profile read after', async () => {
    const { agent, clock } = makeApp({ profile: true, checkInterval: 5_000 });
    await signIn(agent, okta.mintToken('ada@example.test'));
    const afterSignIn = usersMeCalls();
    expect(afterSignIn).toBe(1);
    for (let index = 0; index < 3; index += 1) expect((await agent.get('/api/me').expect(200)).body.user.profile.firstName).toBe('Ada');
    expect(usersMeCalls()).toBe(afterSignIn);
    clock.advance(5_000);
    expect((await agent.get('/api/me').expect(200)).body.user.profile.firstName).toBe('Ada');
    expect(usersMeCalls()).toBe(afterSignIn + 1);
  });

  test('a session that ended at Okta invalidates the cached profile with it: 401 ENOSESSION after the interval', async () => {
    const { agent, clock } = makeApp({ profile: true, checkInterval: 5_000 });
    await signIn(agent, okta.mintToken('ada@example.test'));
    okta.endAllSessions();
    clock.advance(5_000);
    expect((await agent.get('/api/me').expect(401)).body.code).toBe('ENOSESSION');
    expect((await agent.get('/api/me').expect(401)).body.code).toBe('ENOSESSION');
  });

  test('a profile Okta cannot give fails closed like the session check: 503, the app session kept, 200 again once Okta answers', async () => {
    const { agent, clock } = makeApp({ profile: true, checkInterval: 5_000 });
    await signIn(agent, okta.mintToken('ada@example.test'));
    okta.usersMe = 'server-error';
    clock.advance(5_000);
    const down = await agent.get('/api/me').expect(503);
    expect(down.body.code).toBe('EOKTAUNAVAILABLE');
    expect(Number(down.headers['retry-after'])).toBeGreaterThan(0);
    okta.usersMe = 'not-a-user';
    expect((await agent.get('/api/me').expect(502)).body.code).toBe('EOKTAERROR');
    okta.usersMe = 'ok';
    expect((await agent.get('/api/me').expect(200)).body.user.profile.lastName).toBe('Lovelace');
  });

  test.each([
    { usersMe: 'not-found', status: 502, code: 'EOKTAERROR', why: 'Okta says it does not know' },
    { usersMe: 'server-error', status: 503, code: 'EOKTAUNAVAILABLE', why: 'Okta cannot give' },
  ] as const)('a sign-in whose profile $why fails with $status $code, binds nothing and closes the new Okta session', async ({ usersMe, status, code }) => {
    const { agent } = makeApp({ profile: true, checkInterval: 0 });
    okta.usersMe = usersMe;
    const before = okta.sessionIds().length;
    const refused = await signIn(agent, okta.mintToken('ada@example.test'));
    expect(refused.status).toBe(status);
    expect(refused.body.code).toBe(code);
    expect(okta.sessionIds()).toHaveLength(before);
    expect((await agent.get('/api/me').expect(401)).body.code).toBe('ENOSESSION');
  });

  test('a guard with profile reads it at once when the app session was bound without it, whatever the cache', async () => {
    const store = new MemoryStore();
    const without = makeApp({ checkInterval: 60_000 }, { store });
    const signedIn = await signIn(without.agent, okta.mintToken('ada@example.test'));
    const cookie = sessionCookie(signedIn);
    expect(cookie).toBeDefined();
    expect(usersMeCalls()).toBe(0);
    // The same app session (same store and cookie) reaches a guard that wants the profile.
    const withProfile = makeApp({ profile: true, checkInterval: 60_000 }, { store });
    const answer = await request(withProfile.app).get('/api/me').set('cookie', cookie ?? '').expect(200);
    expect(answer.body.user.profile.firstName).toBe('Ada');
    expect(usersMeCalls()).toBe(1);
  });
});

describe('the profile option against the simulator', () => {
  test("fills req.okta.user.profile from the simulator's /api/v1/users/me with the session cookie, with either exchange", async () => {
    const org = await startOrg();
    const apps = [
      buildApp({ orgUrl: org.url, profile: true, checkInterval: 0 }),
      buildApp({ orgUrl: org.url, apiToken: org.apiToken, exchange: 'sessions-api', profile: true, checkInterval: 0 }),
    ];
    try {
      for (const built of apps) {
        const user = await org.createUser();
        const agent = request.agent(built.app);
        const signedIn = await signIn(agent, await org.sessionToken(user));
        expect(signedIn.status).toBe(200);
        expect(signedIn.body.user.profile).toMatchObject({ login: user.login, email: user.login, firstName: 'Test', lastName: expect.stringMatching(/^User \d+$/) });
        expect((await agent.get('/api/me').expect(200)).body.user.profile.login).toBe(user.login);
        await org.closeSession((await agent.get('/test/bound-okta-session').expect(200)).body.id);
        expect((await agent.get('/api/me').expect(401)).body.code).toBe('ENOSESSION');
      }
    } finally {
      await Promise.all(apps.map((built) => built.close()));
      await org.close();
    }
  });
});

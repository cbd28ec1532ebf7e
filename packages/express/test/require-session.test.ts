import { describe, expect, test } from 'vitest';
import { APP_ORIGIN, signIn } from './helpers/app.js';
import { useStubOkta } from './helpers/stub-okta.js';

// Unit tests against a tiny stub of Okta's session endpoints; see integration.test.ts for the real simulator.
const { okta, makeApp } = useStubOkta({ apiToken: 'stub-api-token' });

const meCalls = () => okta.requests.filter((line) => line === 'GET /api/v1/sessions/me').length;

describe('requireSession() guard', () => {
  test('an API call without a session gets 401 ENOSESSION JSON in Okta error shape', async () => {
    const { agent } = makeApp();
    const response = await agent.get('/api/me').set('accept', 'application/json').expect(401);
    expect(response.body).toMatchObject({ errorCode: 'ENOSESSION', code: 'ENOSESSION', errorLink: 'ENOSESSION', errorCauses: [] });
    expect(response.body.errorId).toMatch(/^oae/);
  });

  test('a browser without a session is redirected to the login page with returnTo', async () => {
    const { agent } = makeApp({ loginUrl: '/signin' });
    const response = await agent.get('/page?tab=2').set('accept', 'text/html,application/xhtml+xml').expect(302);
    expect(response.headers.location).toBe('/signin?returnTo=%2Fpage%3Ftab%3D2');
  });

  test('after sign-in, the guarded route sees req.okta with the user and the session', async () => {
    const { agent } = makeApp();
    const signedIn = await signIn(agent, okta.mintToken('grace@example.test'));
    expect(signedIn.status).toBe(200);
    const response = await agent.get('/api/me').expect(200);
    expect(response.body).toEqual({ user: { id: signedIn.body.user.id, login: 'grace@example.test' }, amr: ['pwd'] });
  });

  test('the check is cached for checkInterval, then Okta is asked again', async () => {
    const { agent, clock } = makeApp({ checkInterval: 10_000 });
    await signIn(agent, okta.mintToken());
    const afterSignIn = meCalls();
    await agent.get('/api/me').expect(200);
    await agent.get('/api/me').expect(200);
    expect(meCalls()).toBe(afterSignIn);
    clock.advance(10_000);
    await agent.get('/api/me').expect(200);
    expect(meCalls()).toBe(afterSignIn + 1);
  });

  test('checkInterval 0 asks Okta on every request, and an ended Okta session is denied at once', async () => {
    const { agent } = makeApp({ checkInterval: 0 });
    await signIn(agent, okta.mintToken());
    const afterSignIn = meCalls();
    await agent.get('/api/me').expect(200);
    await agent.get('/api/me').expect(200);
    expect(meCalls()).toBe(afterSignIn + 2);
    okta.endAllSessions();
    const denied = await agent.get('/api/me').expect(401);
    expect(denied.body.code).toBe('ENOSESSION');
    const checksAfterDenial = meCalls();
    await agent.get('/api/me').expect(401);
    expect(meCalls()).toBe(checksAfterDenial);
  });

  test('rolling refreshes the Okta session on each check instead of only reading it', async () => {
    const { agent } = makeApp({ checkInterval: 0, rolling: true });
    await signIn(agent, okta.mintToken());
    await agent.get('/api/me').expect(200);
    expect(okta.requests).toContain('POST /api/v1/sessions/me/lifecycle/refresh');
  });

  test('the idle timeout ends the app session after inactivity', async () => {
    const { agent, clock } = makeApp({ idleTimeout: 60_000, checkInterval: 1_000_000 });
    await signIn(agent, okta.mintToken());
    clock.advance(59_000);
    await agent.get('/api/me').expect(200);
    clock.advance(59_000);
    await agent.get('/api/me').expect(200);
    clock.advance(60_000);
    const response = await agent.get('/api/me').expect(401);
    expect(response.body.code).toBe('ESESSIONEXPIRED');
    expect((await agent.get('/api/me').expect(401)).body.code).toBe('ENOSESSION');
  });

  test('the absolute timeout ends the app session even when it is active', async () => {
    const { agent, clock } = makeApp({ absoluteTimeout: 120_000, idleTimeout: 0, checkInterval: 1_000_000 });
    await signIn(agent, okta.mintToken());
    for (let step = 0; step < 3; step += 1) {
      clock.advance(39_000);
      await agent.get('/api/me').expect(200);
    }
    clock.advance(3_000);
    expect((await agent.get('/api/me').expect(401)).body.code).toBe('ESESSIONEXPIRED');
  });

  test('a session whose Okta status is not ACTIVE is refused at sign-in and closed at Okta', async () => {
    const { agent } = makeApp();
    const before = okta.sessionIds().length;
    const response = await signIn(agent, okta.mintToken('mfa@example.test', 'MFA_REQUIRED'));
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('ESESSIONNOTACTIVE');
    expect(okta.sessionIds()).toHaveLength(before);
    await agent.get('/api/me').expect(401);
  });
});

describe('with an API token', () => {
  test('sessions-api exchange uses POST /api/v1/sessions and checks by session id with SSWS', async () => {
    const { agent } = makeApp({ apiToken: 'stub-api-token', exchange: 'sessions-api', checkInterval: 0 });
    const response = await signIn(agent, okta.mintToken());
    expect(response.status).toBe(200);
    await agent.get('/api/me').expect(200);
    expect(okta.requests).toContain('POST /api/v1/sessions');
    expect(okta.requests.some((line) => /^GET \/api\/v1\/sessions\/102stub/.test(line))).toBe(true);
    expect(okta.requests).not.toContain('GET /login/sessionCookieRedirect');
    const csrf = response.body.csrfToken as string;
    await agent.delete('/auth/session').set('origin', APP_ORIGIN).set('x-csrf-token', csrf).expect(200);
    expect(okta.requests.some((line) => /^DELETE \/api\/v1\/sessions\/102stub/.test(line))).toBe(true);
  });

  test('a wrong API token is reported as 502 EOKTAERROR and keeps the app session (not signed out)', async () => {
    const { agent } = makeApp({ apiToken: 'wrong-token', checkInterval: 0 });
    expect((await signIn(agent, okta.mintToken())).status).toBe(200);
    const response = await agent.get('/api/me').expect(502);
    expect(response.body.code).toBe('EOKTAERROR');
    expect(response.body.errorCauses).toEqual([{ errorSummary: 'Okta: E0000011 Invalid token provided' }]);
    await agent.get('/api/me').expect(502);
  });

  test('sessions-api exchange with a wrong API token is 502 EOKTAERROR (the app\'s configuration), not the user\'s EINVALIDTOKEN', async () => {
    const { agent } = makeApp({ apiToken: 'wrong-token', exchange: 'sessions-api' });
    const sessionToken = okta.mintToken();
    const response = await signIn(agent, sessionToken);
    expect(response.status).toBe(502);
    expect(response.body.code).toBe('EOKTAERROR');
    expect(response.body.errorCauses).toEqual([{ errorSummary: 'Okta: E0000011 Invalid token provided' }]);
    await agent.get('/api/me').expect(401);
  });

  test('sessions-api exchange answered 403 by Okta is 502 EOKTAERROR', async () => {
    const { agent } = makeApp({ apiToken: 'stub-api-token', exchange: 'sessions-api' });
    const csrf = (await agent.get('/auth/csrf').expect(200)).body.csrfToken as string;
    okta.mode = 'forbidden';
    const response = await agent.post('/auth/session').set('origin', APP_ORIGIN).set('x-csrf-token', csrf).send({ sessionToken: okta.mintToken() });
    expect(response.status).toBe(502);
    expect(response.body.code).toBe('EOKTAERROR');
  });

  test('sessions-api exchange of a used or forged sessionToken is still 401 EINVALIDTOKEN', async () => {
    const { agent } = makeApp({ apiToken: 'stub-api-token', exchange: 'sessions-api' });
    const response = await signIn(agent, '20111forgedTokenThatOktaNeverIssued000000000000000000');
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('EINVALIDTOKEN');
  });

  test.each(['..', '.', 'a/b', '%2e%2e'])('a session id %j from Okta that would change the URL path is 502 EOKTAERROR and never put in a URL', async (sessionId) => {
    const { agent } = makeApp({ apiToken: 'stub-api-token', exchange: 'sessions-api', checkInterval: 0 });
    const response = await signIn(agent, okta.mintToken('ada@example.test', 'ACTIVE', sessionId));
    expect(response.status).toBe(502);
    expect(response.body).toMatchObject({ code: 'EOKTAERROR', errorSummary: 'Okta answered a session id that cannot be used in a URL' });
    await agent.get('/api/me').expect(401);
    expect(okta.requests).toEqual(['POST /api/v1/sessions']);
  });
});

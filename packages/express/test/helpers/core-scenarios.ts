import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { OktaAuthnOptions } from '../../src/index.js';
import { APP_ORIGIN, buildApp, sessionCookie, signIn } from './app.js';
import type { TestApp } from './app.js';
import { startOrg } from './simulator.js';
import type { TestOrg, TestUser } from './simulator.js';

/**
 * The middleware's core scenarios against a real simulator over real HTTP — exchange, guard,
 * GET /session, logout, CSRF, replay, fixation — as one describe block, so that each Express major
 * runs them (integration.test.ts on Express 5, express4.test.ts on Express 4).
 */
export function describeCoreScenarios(title: string): void {
  describe(title, () => {
    let org: TestOrg;
    const apps: TestApp[] = [];

    beforeAll(async () => {
      org = await startOrg();
    });
    afterAll(async () => {
      await org?.close();
    });
    afterEach(async () => {
      await Promise.all(apps.splice(0).map((app) => app.close()));
    });

    function makeApp(options: Partial<OktaAuthnOptions> = {}) {
      const built = buildApp({ orgUrl: org.url, checkInterval: 0, ...options });
      apps.push(built);
      return { ...built, agent: request.agent(built.app) };
    }

    async function signedInUser(agent: request.Agent): Promise<{ user: TestUser; csrfToken: string; oktaSessionId: string }> {
      const user = await org.createUser();
      const response = await signIn(agent, await org.sessionToken(user));
      expect(response.status).toBe(200);
      const bound = await agent.get('/test/bound-okta-session').expect(200);
      return { user, csrfToken: response.body.csrfToken as string, oktaSessionId: bound.body.id as string };
    }

    test('sessionToken → protected route → Okta session closed at the org → the next check denies', async () => {
      const { agent } = makeApp();
      const { user, oktaSessionId } = await signedInUser(agent);
      const me = await agent.get('/api/me').expect(200);
      expect(me.body.user).toEqual({ id: user.id, login: user.login });
      expect(me.body.amr).toContain('pwd');
      expect(await org.sessionStatus(oktaSessionId)).toBe('ACTIVE');

      await org.closeSession(oktaSessionId);
      const denied = await agent.get('/api/me').expect(401);
      expect(denied.body.code).toBe('ENOSESSION');
      await agent.get('/page').set('accept', 'text/html').expect(302).expect('location', '/login?returnTo=%2Fpage');
    });

    test('GET /session answers the Okta session from /api/v1/sessions/me', async () => {
      const { agent } = makeApp();
      const { user } = await signedInUser(agent);
      const response = await agent.get('/auth/session').expect(200);
      expect(response.body.user).toEqual({ id: user.id, login: user.login });
      expect(response.body.session).toMatchObject({ userId: user.id, login: user.login, status: 'ACTIVE' });
      expect(response.body.session).not.toHaveProperty('id');
    });

    test('rolling refreshes the Okta session, moving its expiresAt forward', async () => {
      const { agent } = makeApp({ rolling: true });
      await signedInUser(agent);
      const before = (await agent.get('/auth/session').expect(200)).body.session.expiresAt as string;
      await org.advanceClock(120);
      await agent.get('/api/me').expect(200);
      const after = (await agent.get('/auth/session').expect(200)).body.session.expiresAt as string;
      expect(Date.parse(after)).toBeGreaterThan(Date.parse(before));
    });

    test('logout closes the Okta session and the app session', async () => {
      const { agent } = makeApp();
      const { csrfToken, oktaSessionId } = await signedInUser(agent);
      await agent.delete('/auth/session').set('origin', APP_ORIGIN).set('x-csrf-token', csrfToken).expect(200);
      expect(await org.sessionStatus(oktaSessionId)).toBeNull();
      await agent.get('/api/me').expect(401);
      expect((await agent.get('/test/bound-okta-session').expect(200)).body.id).toBeNull();
    });

    test('a replayed sessionToken is rejected with 401 EINVALIDTOKEN and creates no session', async () => {
      const first = makeApp();
      const second = makeApp();
      const user = await org.createUser();
      const sessionToken = await org.sessionToken(user);
      expect((await signIn(first.agent, sessionToken)).status).toBe(200);
      const replay = await signIn(second.agent, sessionToken);
      expect(replay.status).toBe(401);
      expect(replay.body.code).toBe('EINVALIDTOKEN');
      await second.agent.get('/api/me').expect(401);
      expect((await second.agent.get('/test/bound-okta-session').expect(200)).body.id).toBeNull();
    });

    test('the app session id changes at sign-in (fixation)', async () => {
      const { app, agent } = makeApp();
      const csrf = await agent.get('/auth/csrf').expect(200);
      const before = sessionCookie(csrf);
      const user = await org.createUser();
      const response = await agent
        .post('/auth/session')
        .set('origin', APP_ORIGIN)
        .set('x-csrf-token', csrf.body.csrfToken)
        .send({ sessionToken: await org.sessionToken(user) })
        .expect(200);
      expect(sessionCookie(response)).not.toBe(before);
      await request(app).get('/api/me').set('cookie', before ?? '').expect(401);
    });

    test('a cross-origin POST and a POST without the CSRF token are refused with 403 EBADCSRFTOKEN', async () => {
      const { agent } = makeApp();
      const user = await org.createUser();
      const sessionToken = await org.sessionToken(user);
      const csrf = ((await agent.get('/auth/csrf').expect(200)).body as { csrfToken: string }).csrfToken;
      const crossOrigin = await agent.post('/auth/session').set('origin', 'https://attacker.example').set('x-csrf-token', csrf).send({ sessionToken });
      expect(crossOrigin.status).toBe(403);
      expect(crossOrigin.body.code).toBe('EBADCSRFTOKEN');
      const noToken = await agent.post('/auth/session').set('origin', APP_ORIGIN).send({ sessionToken });
      expect(noToken.status).toBe(403);
      expect(noToken.body.code).toBe('EBADCSRFTOKEN');
      expect((await signIn(agent, sessionToken)).status).toBe(200);
    });

    test('a redirectUrl on an origin the org does not trust is a 502 EOKTAERROR that says so, and the token is not spent', async () => {
      const misconfigured = makeApp({ redirectUrl: 'https://not-trusted.example/' });
      const user = await org.createUser();
      const sessionToken = await org.sessionToken(user);
      const response = await signIn(misconfigured.agent, sessionToken);
      expect(response.status).toBe(502);
      expect(response.body.code).toBe('EOKTAERROR');
      expect(response.body.errorSummary).toMatch(/Trusted Origin/);
      expect(response.body.errorCauses[0].errorSummary).toMatch(/^Okta: E0000001/);
      const { agent } = makeApp();
      expect((await signIn(agent, sessionToken)).status).toBe(200);
    });

    test('with an API token, POST /api/v1/sessions exchanges and checks go by session id', async () => {
      const { agent } = makeApp({ apiToken: org.apiToken, exchange: 'sessions-api' });
      const { oktaSessionId, csrfToken } = await signedInUser(agent);
      await agent.get('/api/me').expect(200);
      await org.closeSession(oktaSessionId);
      await agent.get('/api/me').expect(401);
      await agent.delete('/auth/session').set('origin', APP_ORIGIN).set('x-csrf-token', csrfToken).expect(200);
    });
  });
}

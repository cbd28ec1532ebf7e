import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { oktaAuthn } from '../src/index.js';
import { APP_ORIGIN, buildApp, sessionCookie, signIn } from './helpers/app.js';
import type { TestApp } from './helpers/app.js';
import { startOrg } from './helpers/simulator.js';
import type { TestOrg } from './helpers/simulator.js';

const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
let org: TestOrg;
const apps: TestApp[] = [];

beforeAll(async () => {
  org = await startOrg();
});
afterAll(async () => {
  await Promise.all(apps.map((built) => built.close()));
  await org?.close();
});

function app(options: Record<string, unknown> = {}) {
  const built = buildApp({ orgUrl: org.url, checkInterval: 0, ...options });
  apps.push(built);
  return { ...built, agent: request.agent(built.app) };
}

/** Signs a new simulator user in; the app session's CSRF token and the bound Okta session id. */
async function signedIn(agent: request.Agent): Promise<{ csrf: string; oktaSessionId: string }> {
  const user = await org.createUser();
  const answer = await signIn(agent, await org.sessionToken(user));
  expect(answer.status).toBe(200);
  const oktaSessionId = (await agent.get('/test/bound-okta-session').expect(200)).body.id as string;
  return { csrf: answer.body.csrfToken as string, oktaSessionId };
}

/** The browser's plain form post: urlencoded body, same-origin Origin, HTML wanted. */
function formPost(agent: request.Agent, body: string, origin = APP_ORIGIN) {
  return agent.post('/auth/logout').set('origin', origin).set('accept', HTML).type('form').send(body);
}

describe('POST /logout from a plain HTML form (against the simulator)', () => {
  test('with the _csrf field: 303 to logoutRedirect, the app session signed out and regenerated, the Okta session closed', async () => {
    const { agent } = app();
    const { csrf, oktaSessionId } = await signedIn(agent);
    expect(await org.sessionStatus(oktaSessionId)).toBe('ACTIVE');
    const answer = await formPost(agent, `_csrf=${encodeURIComponent(csrf)}`).expect(303);
    expect(answer.headers.location).toBe('/');
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(sessionCookie(answer)).toBeDefined();
    expect(await org.sessionStatus(oktaSessionId)).toBeNull();
    expect((await agent.get('/api/me').expect(401)).body.code).toBe('ENOSESSION');
    // The old token died with the old app session.
    expect((await agent.get('/auth/csrf').expect(200)).body.csrfToken).not.toBe(csrf);
  });

  test('logoutRedirect may be a same-origin path or an absolute http(s) URL', async () => {
    for (const logoutRedirect of ['/signed-out?from=app', 'https://www.example.com/goodbye']) {
      const { agent } = app({ logoutRedirect });
      const { csrf } = await signedIn(agent);
      expect((await formPost(agent, `_csrf=${encodeURIComponent(csrf)}`).expect(303)).headers.location).toBe(logoutRedirect);
    }
  });

  test('a wrong or missing token refuses with EBADCSRFTOKEN through the app\'s error handler (an HTML page, not JSON) and signs nobody out', async () => {
    const { agent, errors } = app();
    const { csrf, oktaSessionId } = await signedIn(agent);
    for (const body of ['_csrf=wrong', '', `_csrf=${encodeURIComponent(csrf)}&_csrf=${encodeURIComponent(csrf)}`, `csrf=${encodeURIComponent(csrf)}`]) {
      const refused = await formPost(agent, body).expect(403);
      expect(refused.headers['content-type']).toMatch(/^text\/html/);
      expect(refused.text).toContain('EBADCSRFTOKEN');
    }
    expect(errors.every((error) => (error as { code?: unknown }).code === 'EBADCSRFTOKEN')).toBe(true);
    expect(await org.sessionStatus(oktaSessionId)).toBe('ACTIVE');
    await agent.get('/api/me').expect(200);
  });

  test('a script that asks for JSON gets the JSON 403 instead', async () => {
    const { agent } = app();
    await signedIn(agent);
    const refused = await agent.post('/auth/logout').set('origin', APP_ORIGIN).set('accept', 'application/json').type('form').send('_csrf=wrong').expect(403);
    expect(refused.body.code).toBe('EBADCSRFTOKEN');
  });

  test('a form posted from another origin is refused even with the right token', async () => {
    const { agent } = app();
    const { csrf, oktaSessionId } = await signedIn(agent);
    await formPost(agent, `_csrf=${encodeURIComponent(csrf)}`, 'https://evil.example').expect(403);
    await agent.post('/auth/logout').set('accept', HTML).type('form').send(`_csrf=${encodeURIComponent(csrf)}`).expect(403);
    expect(await org.sessionStatus(oktaSessionId)).toBe('ACTIVE');
  });

  test("a page under Referrer-Policy: no-referrer (its form posts say Origin: null) is recognised by Sec-Fetch-Site: same-origin, and only by that", async () => {
    const { agent } = app();
    const { csrf, oktaSessionId } = await signedIn(agent);
    const post = (site: string) => agent.post('/auth/logout').set('origin', 'null').set('sec-fetch-site', site).set('accept', HTML).type('form').send(`_csrf=${encodeURIComponent(csrf)}`);
    await post('cross-site').expect(403);
    await post('same-site').expect(403);
    expect(await org.sessionStatus(oktaSessionId)).toBe('ACTIVE');
    await post('same-origin').expect(303);
    expect(await org.sessionStatus(oktaSessionId)).toBeNull();
  });

  test('the token in the x-csrf-token header works too (a fetch without a form body)', async () => {
    const { agent } = app();
    const { csrf, oktaSessionId } = await signedIn(agent);
    await agent.post('/auth/logout').set('origin', APP_ORIGIN).set('accept', HTML).set('x-csrf-token', csrf).expect(303);
    expect(await org.sessionStatus(oktaSessionId)).toBeNull();
  });

  test('without a sign-in (a second click, another tab), it only checks the origin and redirects: nothing to end', async () => {
    const { agent } = app();
    const { csrf } = await signedIn(agent);
    await formPost(agent, `_csrf=${encodeURIComponent(csrf)}`).expect(303);
    expect((await formPost(agent, `_csrf=${encodeURIComponent(csrf)}`).expect(303)).headers.location).toBe('/');
    expect((await formPost(agent, '').expect(303)).headers.location).toBe('/');
    await formPost(agent, '', 'https://evil.example').expect(403);
  });

  test('an Okta that cannot close the session still signs the app out and redirects (best effort, like DELETE /session)', async () => {
    const own = await startOrg();
    const built = buildApp({ orgUrl: own.url, checkInterval: 0 });
    const agent = request.agent(built.app);
    try {
      const user = await own.createUser();
      const answer = await signIn(agent, await own.sessionToken(user));
      await own.close();
      await formPost(agent, `_csrf=${encodeURIComponent(answer.body.csrfToken as string)}`).expect(303);
      expect((await agent.get('/test/bound-okta-session').expect(200)).body.id).toBeNull();
    } finally {
      await built.close();
    }
  });

  test('an oversized or undecodable body is refused as EBADREQUEST, never a 5xx', async () => {
    const { agent } = app();
    const { csrf } = await signedIn(agent);
    const big = await agent.post('/auth/logout').set('origin', APP_ORIGIN).set('accept', 'application/json').type('form').send(`_csrf=${csrf}&pad=${'x'.repeat(20_000)}`).expect(400);
    expect(big.body.code).toBe('EBADREQUEST');
    const encoded = await agent
      .post('/auth/logout')
      .set('origin', APP_ORIGIN)
      .set('accept', 'application/json')
      .set('content-type', 'application/x-www-form-urlencoded')
      .set('content-encoding', 'gzip')
      .send('not gzip')
      .expect(400);
    expect(encoded.body.code).toBe('EBADREQUEST');
    await agent.get('/api/me').expect(200);
  });
});

describe('the logoutRedirect option', () => {
  test('refuses what is neither a same-origin path nor an http(s) URL', () => {
    for (const logoutRedirect of ['//evil.example/', '/\\evil.example', 'javascript:alert(1)', 'signed-out', '']) {
      expect(() => oktaAuthn({ orgUrl: 'https://example.okta.com', appOrigin: APP_ORIGIN, logoutRedirect }), logoutRedirect).toThrow(/option "logoutRedirect"/);
    }
  });
});

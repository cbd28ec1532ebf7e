import { gzipSync } from 'node:zlib';
import { MemoryStore } from 'express-session';
import request from 'supertest';
import { describe, expect, test } from 'vitest';
import { csrfProtection } from '../src/index.js';
import { APP_ORIGIN, sessionCookie, signIn } from './helpers/app.js';
import { useStubOkta } from './helpers/stub-okta.js';

const { okta, makeApp } = useStubOkta({}, { checkInterval: 0 });

function storedSessions(store: MemoryStore): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    store.all((error, sessions) => (error ? reject(error as Error) : resolve((sessions ?? {}) as Record<string, unknown>)));
  });
}

async function csrfOf(agent: request.Agent): Promise<string> {
  return ((await agent.get('/auth/csrf').expect(200)).body as { csrfToken: string }).csrfToken;
}

/** A same-origin `POST /auth/session` carrying the CSRF token, body still to send. */
function postSession(agent: request.Agent, csrf: string) {
  return agent.post('/auth/session').set('origin', APP_ORIGIN).set('x-csrf-token', csrf);
}

describe('POST /session (exchange)', () => {
  test('answers the user, the session without its id, a fresh CSRF token and no-store', async () => {
    const { agent } = makeApp();
    const firstToken = await csrfOf(agent);
    const response = await signIn(agent, okta.mintToken('ada@example.test'));
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body.user).toEqual({ id: expect.stringMatching(/^00u/), login: 'ada@example.test' });
    expect(response.body.session).toMatchObject({ userId: response.body.user.id, status: 'ACTIVE', amr: ['pwd'] });
    expect(response.body.session).not.toHaveProperty('id');
    expect(response.body.session).not.toHaveProperty('_links');
    expect(response.body.csrfToken).toMatch(/^[\w-]{43}$/);
    expect(response.body.csrfToken).not.toBe(firstToken);
    expect(response.body.returnTo).toBeNull();
  });

  test('the app session id changes at sign-in (fixation) and the old one no longer works', async () => {
    const { app, agent } = makeApp();
    const csrf = await agent.get('/auth/csrf').expect(200);
    const before = sessionCookie(csrf);
    const response = await agent
      .post('/auth/session')
      .set('origin', APP_ORIGIN)
      .set('x-csrf-token', csrf.body.csrfToken)
      .send({ sessionToken: okta.mintToken() })
      .expect(200);
    const after = sessionCookie(response);
    expect(before).toBeDefined();
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    await request(app).get('/api/me').set('cookie', before ?? '').expect(401);
    await request(app).get('/api/me').set('cookie', after ?? '').expect(200);
  });

  test('returnTo saved by the guard before sign-in survives the regenerate and is answered once', async () => {
    const { agent } = makeApp();
    await agent.get('/page').set('accept', 'text/html').expect(302);
    const response = await signIn(agent, okta.mintToken());
    expect(response.body.returnTo).toBe('/page');
    await agent.get('/page').set('accept', 'text/html').expect(200);
  });

  test('only allow-listed keys survive the regenerate at sign-in', async () => {
    const { agent, app } = makeApp({ carryOver: ['returnTo', 'locale'] });
    app.get('/test/remember', (req, res) => {
      const values = req.session as unknown as Record<string, unknown>;
      values.locale = 'fr';
      values.cart = 'three items';
      res.end();
    });
    app.get('/test/read', (req, res) => {
      const values = req.session as unknown as Record<string, unknown>;
      res.json({ locale: values.locale ?? null, cart: values.cart ?? null });
    });
    await agent.get('/test/remember').expect(200);
    await signIn(agent, okta.mintToken());
    expect((await agent.get('/test/read').expect(200)).body).toEqual({ locale: 'fr', cart: null });
  });

  test('signing in again closes the Okta session the app session was bound to', async () => {
    const { agent } = makeApp();
    await signIn(agent, okta.mintToken());
    const [first] = okta.sessionIds().slice(-1);
    expect((await signIn(agent, okta.mintToken('other@example.test'))).status).toBe(200);
    expect(okta.sessionIds()).not.toContain(first);
    expect((await agent.get('/api/me').expect(200)).body.user.login).toBe('other@example.test');
  });

  test('a used sessionToken is refused with 401 EINVALIDTOKEN and no session', async () => {
    const { agent } = makeApp();
    const sessionToken = okta.mintToken();
    expect((await signIn(agent, sessionToken)).status).toBe(200);
    const other = makeApp();
    const replay = await signIn(other.agent, sessionToken);
    expect(replay.status).toBe(401);
    expect(replay.body).toMatchObject({ code: 'EINVALIDTOKEN', errorCode: 'EINVALIDTOKEN' });
    await other.agent.get('/api/me').expect(401);
  });

  test('a forged sessionToken is refused with 401 EINVALIDTOKEN', async () => {
    const { agent } = makeApp();
    const response = await signIn(agent, '20111forgedTokenThatOktaNeverIssued000000000000000000');
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('EINVALIDTOKEN');
  });

  test.each([
    ['no body', undefined],
    ['an empty token', { sessionToken: '' }],
    ['a number', { sessionToken: 42 }],
  ])('%s is a 400 EBADREQUEST that names the problem', async (_name, body) => {
    const { agent } = makeApp();
    const csrf = await csrfOf(agent);
    const response = await agent.post('/auth/session').set('origin', APP_ORIGIN).set('x-csrf-token', csrf).send(body as object);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('EBADREQUEST');
    expect(response.body.errorCauses.length).toBeGreaterThan(0);
  });

  test('malformed JSON is a 400 EBADREQUEST, not a stack trace', async () => {
    const { agent } = makeApp();
    const csrf = await csrfOf(agent);
    const response = await postSession(agent, csrf).set('content-type', 'application/json').send('{"sessionToken":');
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('EBADREQUEST');
  });

  test.each(['gzip', 'deflate', 'br'])('a body that does not inflate as %s is a 400 EBADREQUEST, never zlib\'s own error code', async (encoding) => {
    const { agent, errors } = makeApp();
    const csrf = await csrfOf(agent);
    const response = await postSession(agent, csrf)
      // Not application/json: supertest would serialise the Buffer as JSON instead of sending its bytes.
      .set('content-type', 'text/plain')
      .set('content-encoding', encoding)
      .send(Buffer.from('{"sessionToken":"not compressed at all"}'));
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'EBADREQUEST', errorCauses: [{ errorSummary: expect.stringMatching(/Content-Encoding/) }] });
    expect(JSON.stringify(response.body)).not.toMatch(/Z_|zlib/i);
    expect(errors).toEqual([]);
    expect(okta.requests).toEqual([]);
  });

  test('an unsupported Content-Encoding is a 400 EBADREQUEST and a gzip body that inflates signs in', async () => {
    const { agent } = makeApp();
    const csrf = await csrfOf(agent);
    const post = () => postSession(agent, csrf).set('content-type', 'text/plain');
    const unsupported = await post().set('content-encoding', 'compress').send(Buffer.from('{}'));
    expect(unsupported.status).toBe(400);
    expect(unsupported.body.errorCauses).toEqual([{ errorSummary: 'The Content-Encoding of the body is not supported' }]);
    const body = gzipSync(JSON.stringify({ sessionToken: okta.mintToken() }));
    const inflated = await post().set('content-encoding', 'gzip').send(body);
    expect(inflated.status).toBe(200);
  });
});

describe('CSRF', () => {
  test('a POST without the CSRF token is 403 EBADCSRFTOKEN and Okta is not called', async () => {
    const { agent } = makeApp();
    await csrfOf(agent);
    const response = await agent.post('/auth/session').set('origin', APP_ORIGIN).send({ sessionToken: okta.mintToken() });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('EBADCSRFTOKEN');
    expect(okta.requests).toEqual([]);
  });

  test('a POST with a wrong CSRF token is 403 EBADCSRFTOKEN', async () => {
    const { agent } = makeApp();
    const csrf = await csrfOf(agent);
    const response = await agent
      .post('/auth/session')
      .set('origin', APP_ORIGIN)
      .set('x-csrf-token', `${csrf.slice(0, -1)}${csrf.endsWith('A') ? 'B' : 'A'}`)
      .send({ sessionToken: okta.mintToken() });
    expect(response.body.code).toBe('EBADCSRFTOKEN');
  });

  test('a cross-origin POST is 403 EBADCSRFTOKEN even with the right token', async () => {
    const { agent } = makeApp();
    const csrf = await csrfOf(agent);
    const response = await agent.post('/auth/session').set('origin', 'http://evil.test').set('x-csrf-token', csrf).send({ sessionToken: okta.mintToken() });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('EBADCSRFTOKEN');
    expect(response.body.errorSummary).toMatch(/another origin/);
  });

  test('without Origin, a same-origin Referer is accepted and a missing one refused', async () => {
    const { agent } = makeApp();
    const csrf = await csrfOf(agent);
    const refused = await agent.post('/auth/session').set('x-csrf-token', csrf).send({ sessionToken: okta.mintToken() });
    expect(refused.body.code).toBe('EBADCSRFTOKEN');
    const accepted = await agent.post('/auth/session').set('referer', `${APP_ORIGIN}/login`).set('x-csrf-token', csrf).send({ sessionToken: okta.mintToken() });
    expect(accepted.status).toBe(200);
  });

  test('allowedOrigins lets a configured front-end origin through', async () => {
    const { agent } = makeApp({ allowedOrigins: ['https://spa.example.test'] });
    const csrf = await csrfOf(agent);
    const response = await agent.post('/auth/session').set('origin', 'https://spa.example.test').set('x-csrf-token', csrf).send({ sessionToken: okta.mintToken() });
    expect(response.status).toBe(200);
  });

  test('DELETE /session without the token is refused and keeps the session', async () => {
    const { agent } = makeApp();
    await signIn(agent, okta.mintToken());
    expect((await agent.delete('/auth/session').set('origin', APP_ORIGIN)).body.code).toBe('EBADCSRFTOKEN');
    await agent.get('/api/me').expect(200);
  });
});

describe('GET /session and DELETE /session', () => {
  test('GET /session answers the live Okta session, and 401 ENOSESSION without one', async () => {
    const { agent } = makeApp();
    expect((await agent.get('/auth/session').expect(401)).body.code).toBe('ENOSESSION');
    await signIn(agent, okta.mintToken('lin@example.test'));
    const response = await agent.get('/auth/session').expect(200);
    expect(response.body.user.login).toBe('lin@example.test');
    expect(response.body.session.status).toBe('ACTIVE');
    expect(response.body.csrfToken).toMatch(/^[\w-]{43}$/);
  });

  test('logout closes the Okta session, ends the app session and removes the old app session from the store', async () => {
    const store = new MemoryStore();
    const { agent, app } = makeApp({}, { store });
    app.get('/test/plant', (req, res) => {
      (req.session as unknown as Record<string, unknown>).planted = 'from before logout';
      res.end();
    });
    app.get('/test/planted', (req, res) => {
      res.json({ planted: (req.session as unknown as Record<string, unknown>).planted ?? null });
    });
    const signedIn = await signIn(agent, okta.mintToken());
    await agent.get('/test/plant').expect(200);
    const cookieBefore = sessionCookie(signedIn);
    const idsBefore = Object.keys(await storedSessions(store));
    expect(idsBefore).toHaveLength(1);
    const sessionsBefore = okta.sessionIds().length;
    const response = await agent.delete('/auth/session').set('origin', APP_ORIGIN).set('x-csrf-token', signedIn.body.csrfToken).expect(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toEqual({ okta: 'closed', csrfToken: expect.stringMatching(/^[\w-]{43}$/) });
    expect(response.body.csrfToken).not.toBe(signedIn.body.csrfToken);
    expect(okta.requests).toContain('DELETE /api/v1/sessions/me');
    expect(okta.sessionIds()).toHaveLength(sessionsBefore - 1);
    expect(Object.keys(await storedSessions(store))).not.toContain(idsBefore[0]);
    await agent.get('/api/me').expect(401);
    expect((await agent.get('/test/planted').expect(200)).body.planted).toBeNull();
    await request(app).get('/api/me').set('cookie', cookieBefore ?? '').expect(401);
    expect(sessionCookie(response)).toBeDefined();
    expect(sessionCookie(response)).not.toBe(cookieBefore);
  });

  test('logout when the Okta session is already gone still ends the app session', async () => {
    const { agent } = makeApp();
    const signedIn = await signIn(agent, okta.mintToken());
    okta.endAllSessions();
    const response = await agent.delete('/auth/session').set('origin', APP_ORIGIN).set('x-csrf-token', signedIn.body.csrfToken).expect(200);
    expect(response.body.okta).toBe('closed');
    await agent.get('/auth/session').expect(401);
  });

  test('logout is idempotent: a second DELETE with the page\'s old token answers 200 and changes nothing', async () => {
    const { agent } = makeApp();
    const signedIn = await signIn(agent, okta.mintToken());
    const logout = () => agent.delete('/auth/session').set('origin', APP_ORIGIN).set('x-csrf-token', signedIn.body.csrfToken);
    const first = await logout().expect(200);
    const requestsAfterFirst = okta.requests.length;
    const second = await logout().expect(200);
    expect(second.body).toEqual({ okta: 'none', csrfToken: first.body.csrfToken });
    expect(okta.requests).toHaveLength(requestsAfterFirst);
    await agent.get('/api/me').expect(401);
  });

  test('logout from another origin is refused even when already signed out', async () => {
    const { agent } = makeApp();
    const response = await agent.delete('/auth/session').set('origin', 'http://evil.test').expect(403);
    expect(response.body.code).toBe('EBADCSRFTOKEN');
  });
});

describe('csrfProtection() for the app\'s own routes', () => {
  test('refuses a state-changing request without the token and lets GET and a same-origin POST with it through', async () => {
    const { app, agent } = makeApp();
    app.post('/api/orders', csrfProtection({ appOrigin: APP_ORIGIN }), (_req, res) => {
      res.status(201).json({ created: true });
    });
    app.get('/api/orders', csrfProtection({ appOrigin: APP_ORIGIN }), (_req, res) => {
      res.json([]);
    });
    const csrf = await csrfOf(agent);
    await agent.get('/api/orders').expect(200);
    expect((await agent.post('/api/orders').set('origin', APP_ORIGIN).expect(403)).body.code).toBe('EBADCSRFTOKEN');
    expect((await agent.post('/api/orders').set('origin', 'http://evil.test').set('x-csrf-token', csrf).expect(403)).body.code).toBe('EBADCSRFTOKEN');
    await agent.post('/api/orders').set('origin', APP_ORIGIN).set('x-csrf-token', csrf).expect(201);
  });
});

describe('session store failures', () => {
  test('a store that cannot save the new session gives 503 ESESSIONSTORE with Retry-After and the Okta session is closed again', async () => {
    class FailingStore extends MemoryStore {
      failing = false;
      override set(sid: string, session: Parameters<MemoryStore['set']>[1], callback?: (error?: unknown) => void): void {
        if (this.failing) return callback?.(new Error('store is down'));
        super.set(sid, session, callback);
      }
    }
    const store = new FailingStore();
    const { agent } = makeApp({}, { store });
    const csrf = await csrfOf(agent);
    const sessionsBefore = okta.sessionIds().length;
    store.failing = true;
    const response = await agent.post('/auth/session').set('origin', APP_ORIGIN).set('x-csrf-token', csrf).send({ sessionToken: okta.mintToken() });
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.body.code).toBe('ESESSIONSTORE');
    expect(okta.sessionIds()).toHaveLength(sessionsBefore);
  });
});

import { format } from 'node:util';
import createDebug from 'debug';
import type { Express } from 'express';
import request from 'supertest';
import { describe, expect, test } from 'vitest';
import { APP_ORIGIN, signIn } from './helpers/app.js';
import { useStubOkta } from './helpers/stub-okta.js';

// Okta slow, failing or rate-limiting, simulated with the stub: every case must fail closed and keep the app session.
const { okta, makeApp } = useStubOkta({ apiToken: 'super-secret-api-token' }, { checkInterval: 0, timeouts: { headers: 300, body: 300, connect: 300 } });

describe('Okta slow or failing', () => {
  test('a check that times out is 503 EOKTAUNAVAILABLE with Retry-After, and the session survives it', async () => {
    const { agent } = makeApp({ retryAfter: 7 });
    await signIn(agent, okta.mintToken());
    okta.mode = 'hang';
    const response = await agent.get('/api/me').expect(503);
    expect(response.body.code).toBe('EOKTAUNAVAILABLE');
    expect(response.headers['retry-after']).toBe('7');
    okta.mode = 'ok';
    await agent.get('/api/me').expect(200);
  });

  test('an Okta that trickles its body (each byte within the body timeout) is cut at the total deadline: 503, and the session survives', async () => {
    // Default connect and headers timeouts and a body timeout far past the total: only the total deadline can cut it.
    const { agent } = makeApp({ retryAfter: 4, timeouts: { connect: 3_000, headers: 5_000, body: 600_000, total: 1000 } });
    const signedIn = await signIn(agent, okta.mintToken());
    okta.mode = 'trickle';
    const check = await agent.get('/api/me').expect(503);
    expect(check.body.code).toBe('EOKTAUNAVAILABLE');
    expect(check.headers['retry-after']).toBe('4');
    const exchange = await agent.post('/auth/session').set('origin', APP_ORIGIN).set('x-csrf-token', signedIn.body.csrfToken).send({ sessionToken: 'any-token' });
    expect(exchange.status).toBe(503);
    expect(exchange.body.code).toBe('EOKTAUNAVAILABLE');
    okta.mode = 'ok';
    await agent.get('/api/me').expect(200);
  });

  test('Okta answering 500 is 503 EOKTAUNAVAILABLE, never signed in and never signed out', async () => {
    const { agent } = makeApp();
    await signIn(agent, okta.mintToken());
    okta.mode = 'server-error';
    expect((await agent.get('/api/me').expect(503)).body.code).toBe('EOKTAUNAVAILABLE');
    expect((await agent.get('/auth/session').expect(503)).body.code).toBe('EOKTAUNAVAILABLE');
    okta.mode = 'ok';
    await agent.get('/api/me').expect(200);
  });

  test('an HTML page gets the app error page through next(error) by default', async () => {
    const { agent, errors } = makeApp();
    await signIn(agent, okta.mintToken());
    okta.mode = 'server-error';
    const response = await agent.get('/page').set('accept', 'text/html').expect(503);
    expect(response.text).toContain('EOKTAUNAVAILABLE');
    expect(errors[0]).toMatchObject({ code: 'EOKTAUNAVAILABLE', status: 503 });
  });

  test('onUnavailable renders the page for HTML requests', async () => {
    const { agent } = makeApp({
      onUnavailable: (error, _req, res) => {
        res.status(503).type('html').send(`<p>Sign-in service unavailable (${error.code})</p>`);
      },
    });
    await signIn(agent, okta.mintToken());
    okta.mode = 'hang';
    const response = await agent.get('/page').set('accept', 'text/html').expect(503);
    expect(response.text).toBe('<p>Sign-in service unavailable (EOKTAUNAVAILABLE)</p>');
  });

  test('an exchange while Okta is down is 503 and leaves the current app session as it was', async () => {
    const { agent } = makeApp();
    const signedIn = await signIn(agent, okta.mintToken('first@example.test'));
    okta.mode = 'server-error';
    const response = await agent
      .post('/auth/session')
      .set('origin', APP_ORIGIN)
      .set('x-csrf-token', signedIn.body.csrfToken)
      .send({ sessionToken: 'any-token' })
      .expect(503);
    expect(response.body.code).toBe('EOKTAUNAVAILABLE');
    okta.mode = 'ok';
    expect((await agent.get('/api/me').expect(200)).body.user.login).toBe('first@example.test');
  });

  test('logout while Okta is down signs the user out of the app anyway and reports the Okta session as not closed', async () => {
    const { agent } = makeApp();
    const signedIn = await signIn(agent, okta.mintToken());
    const oktaSession = okta.sessionIds().at(-1);
    okta.mode = 'server-error';
    const logout = await agent.delete('/auth/session').set('origin', APP_ORIGIN).set('x-csrf-token', signedIn.body.csrfToken).expect(200);
    expect(logout.body).toEqual({ okta: 'not-closed', csrfToken: expect.stringMatching(/^[\w-]{43}$/) });
    okta.mode = 'ok';
    expect((await agent.get('/api/me').expect(401)).body.code).toBe('ENOSESSION');
    expect((await agent.get('/test/bound-okta-session').expect(200)).body.id).toBeNull();
    expect(okta.sessionIds()).toContain(oktaSession);
  });

  test('logout while Okta is rate-limiting signs the user out of the app without waiting for the reset', async () => {
    const { agent, clock } = makeApp();
    const signedIn = await signIn(agent, okta.mintToken());
    okta.mode = 'rate-limited';
    okta.rateLimitReset = Math.floor(clock.now() / 1000) + 30;
    await agent.get('/auth/session').expect(503);
    const logout = await agent.delete('/auth/session').set('origin', APP_ORIGIN).set('x-csrf-token', signedIn.body.csrfToken).expect(200);
    expect(logout.body.okta).toBe('not-closed');
    okta.mode = 'ok';
    clock.advance(30_000);
    expect((await agent.get('/api/me').expect(401)).body.code).toBe('ENOSESSION');
  });
});

describe('Okta rate limiting', () => {
  test('a 429 is honoured until X-Rate-Limit-Reset: no request is sent before, and checks resume after', async () => {
    const { agent, clock } = makeApp();
    await signIn(agent, okta.mintToken());
    okta.mode = 'rate-limited';
    okta.rateLimitReset = Math.floor(clock.now() / 1000) + 30;
    const limited = await agent.get('/api/me').expect(503);
    expect(limited.body.code).toBe('EOKTARATELIMITED');
    expect(limited.headers['retry-after']).toBe('30');
    okta.mode = 'ok';
    const sent = okta.requests.length;
    clock.advance(20_000);
    const stillLimited = await agent.get('/api/me').expect(503);
    expect(stillLimited.headers['retry-after']).toBe('10');
    expect(okta.requests).toHaveLength(sent);
    clock.advance(10_000);
    await agent.get('/api/me').expect(200);
    expect(okta.requests).toHaveLength(sent + 1);
  });

  test('a 429 seen by the router pauses the guard built from the same options: the guard sends nothing until the reset', async () => {
    const { agent, clock } = makeApp();
    await signIn(agent, okta.mintToken());
    okta.mode = 'rate-limited';
    okta.rateLimitReset = Math.floor(clock.now() / 1000) + 30;
    expect((await agent.get('/auth/session').expect(503)).body.code).toBe('EOKTARATELIMITED');
    okta.mode = 'ok';
    const sent = okta.requests.length;
    const guarded = await agent.get('/api/me').expect(503);
    expect(guarded.body.code).toBe('EOKTARATELIMITED');
    expect(guarded.headers['retry-after']).toBe('30');
    expect(okta.requests).toHaveLength(sent);
    clock.advance(30_000);
    await agent.get('/api/me').expect(200);
    expect(okta.requests).toHaveLength(sent + 1);
  });

  test('a 429 seen by the guard pauses the router too, while an app built from other options is not paused', async () => {
    const limited = makeApp();
    const other = makeApp();
    await signIn(limited.agent, okta.mintToken());
    await signIn(other.agent, okta.mintToken());
    okta.mode = 'rate-limited';
    okta.rateLimitReset = Math.floor(limited.clock.now() / 1000) + 30;
    await limited.agent.get('/api/me').expect(503);
    okta.mode = 'ok';
    expect((await limited.agent.get('/auth/session').expect(503)).body.code).toBe('EOKTARATELIMITED');
    await other.agent.get('/auth/session').expect(200);
    await other.agent.get('/api/me').expect(200);
  });

  test('closing the router leaves the guard of the same options working; the connections close with the last one', async () => {
    const { agent, auth, guard } = makeApp();
    await signIn(agent, okta.mintToken());
    await auth.close();
    await auth.close();
    await agent.get('/api/me').expect(200);
    await guard.close();
    expect((await agent.get('/api/me').expect(503)).body.code).toBe('EOKTAUNAVAILABLE');
  });

  test('a cached check still passes while Okta is rate-limiting', async () => {
    const { agent, clock } = makeApp({ checkInterval: 60_000 });
    await signIn(agent, okta.mintToken());
    okta.mode = 'rate-limited';
    okta.rateLimitReset = Math.floor(clock.now() / 1000) + 30;
    await agent.get('/api/me').expect(200);
  });
});

describe('rate limits are kept per Okta bucket, capped, and not spent by one client', () => {
  test('a 429 on the session checks does not pause sign-in, which is another Okta bucket', async () => {
    const { agent, clock } = makeApp({ apiToken: 'super-secret-api-token', exchange: 'sessions-api' });
    const signedIn = await signIn(agent, okta.mintToken());
    okta.mode = 'rate-limited';
    okta.rateLimitReset = Math.floor(clock.now() / 1000) + 30;
    expect((await agent.get('/api/me').expect(503)).body.code).toBe('EOKTARATELIMITED');
    okta.mode = 'ok';
    const again = await agent
      .post('/auth/session')
      .set('origin', APP_ORIGIN)
      .set('x-csrf-token', signedIn.body.csrfToken)
      .send({ sessionToken: okta.mintToken('second@example.test') })
      .expect(200);
    expect(again.body.user.login).toBe('second@example.test');
    expect((await agent.get('/api/me').expect(503)).body.code).toBe('EOKTARATELIMITED');
  });

  test('a sign-in 429 leaves the guard asking Okta', async () => {
    const { agent, clock } = makeApp({ apiToken: 'super-secret-api-token', exchange: 'sessions-api' });
    const signedIn = await signIn(agent, okta.mintToken());
    expect(signedIn.status).toBe(200);
    okta.mode = 'rate-limited';
    okta.rateLimitReset = Math.floor(clock.now() / 1000) + 30;
    const csrf = signedIn.body.csrfToken as string;
    expect((await agent.post('/auth/session').set('origin', APP_ORIGIN).set('x-csrf-token', csrf).send({ sessionToken: 'junk' }).expect(503)).body.code).toBe('EOKTARATELIMITED');
    okta.mode = 'ok';
    const sent = okta.requests.length;
    await agent.get('/api/me').expect(200);
    expect(okta.requests).toHaveLength(sent + 1);
  });

  test('a reset a day away (after the org clock jumped) pauses at most maxRateLimitPause', async () => {
    const { agent, clock } = makeApp({ maxRateLimitPause: 20_000 });
    await signIn(agent, okta.mintToken());
    okta.mode = 'rate-limited';
    okta.rateLimitReset = Math.floor(clock.now() / 1000) + 24 * 60 * 60;
    const limited = await agent.get('/api/me').expect(503);
    expect(limited.headers['retry-after']).toBe('20');
    okta.mode = 'ok';
    clock.advance(20_000);
    await agent.get('/api/me').expect(200);
  });

  test('the default cap is 60 seconds', async () => {
    const { agent, clock } = makeApp();
    await signIn(agent, okta.mintToken());
    okta.mode = 'rate-limited';
    okta.rateLimitReset = Math.floor(clock.now() / 1000) + 24 * 60 * 60;
    expect((await agent.get('/api/me').expect(503)).headers['retry-after']).toBe('60');
    okta.mode = 'ok';
    clock.advance(60_000);
    await agent.get('/api/me').expect(200);
  });

  test('one app session sending junk tokens gets 429 ETOOMANYATTEMPTS without reaching Okta, and other users still sign in', async () => {
    const { agent, clock } = makeApp({ exchangeAttempts: { max: 3, window: 60_000 } });
    const csrf = (await agent.get('/auth/csrf').expect(200)).body.csrfToken as string;
    const attempt = () => agent.post('/auth/session').set('origin', APP_ORIGIN).set('x-csrf-token', csrf).send({ sessionToken: 'junk-token' });
    for (let i = 0; i < 3; i += 1) expect((await attempt()).body.code).toBe('EINVALIDTOKEN');
    const sent = okta.requests.length;
    const throttled = await attempt().expect(429);
    expect(throttled.body.code).toBe('ETOOMANYATTEMPTS');
    expect(throttled.headers['retry-after']).toBe('60');
    expect(okta.requests).toHaveLength(sent);
    const other = makeApp();
    expect((await signIn(other.agent, okta.mintToken())).status).toBe(200);
    clock.advance(60_000);
    expect((await attempt()).body.code).toBe('EINVALIDTOKEN');
  });

  /** One sign-in attempt with a junk token from a brand-new app session (a fresh cookie jar), from `ip` if given. */
  async function freshAttempt(app: Express, ip?: string) {
    const agent = request.agent(app);
    const csrf = (await agent.get('/auth/csrf').expect(200)).body.csrfToken as string;
    const post = agent.post('/auth/session').set('origin', APP_ORIGIN).set('x-csrf-token', csrf);
    return (ip ? post.set('x-forwarded-for', ip) : post).send({ sessionToken: 'junk-token' });
  }

  test('a client taking a new app session for every try is limited by its address', async () => {
    const { app, clock } = makeApp({ exchangeAttempts: { max: 3, window: 60_000, maxPerClient: 4 } });
    for (let i = 0; i < 4; i += 1) expect((await freshAttempt(app)).body.code).toBe('EINVALIDTOKEN');
    const sent = okta.requests.length;
    const throttled = await freshAttempt(app);
    expect(throttled.status).toBe(429);
    expect(throttled.body).toMatchObject({ code: 'ETOOMANYATTEMPTS', errorSummary: 'Too many sign-in attempts from this address; try again later' });
    expect(throttled.headers['retry-after']).toBe('60');
    expect(okta.requests).toHaveLength(sent);
    clock.advance(60_000);
    expect((await freshAttempt(app)).body.code).toBe('EINVALIDTOKEN');
  });

  test("behind a proxy, with Express's trust proxy, clients are told apart by X-Forwarded-For", async () => {
    const { app } = makeApp({ exchangeAttempts: { max: 3, window: 60_000, maxPerClient: 2 } });
    app.set('trust proxy', true);
    for (let i = 0; i < 2; i += 1) expect((await freshAttempt(app, '203.0.113.7')).body.code).toBe('EINVALIDTOKEN');
    expect((await freshAttempt(app, '203.0.113.7')).body.code).toBe('ETOOMANYATTEMPTS');
    expect((await freshAttempt(app, '198.51.100.4')).body.code).toBe('EINVALIDTOKEN');
    expect((await signIn(request.agent(app), okta.mintToken())).status).toBe(200);
  });
});

describe('logging', () => {
  test('debug lines never contain the sessionToken, the sid cookie, the API token or the CSRF token', async () => {
    const lines: string[] = [];
    const previousLog = createDebug.log;
    const previouslyEnabled = createDebug.disable();
    createDebug.enable('okta-authn:express');
    createDebug.log = (...args: unknown[]) => {
      lines.push(format(...args));
    };
    try {
      const { agent } = makeApp({ rolling: true });
      const sessionToken = okta.mintToken();
      const signedIn = await signIn(agent, sessionToken);
      await agent.get('/api/me').expect(200);
      await signIn(agent, sessionToken);
      const sid = okta.sessionIds().at(-1) ?? 'no-session';
      okta.mode = 'hang';
      await agent.get('/api/me').expect(503);
      okta.mode = 'ok';
      await agent.delete('/auth/session').set('origin', APP_ORIGIN).set('x-csrf-token', signedIn.body.csrfToken);
      const tokenApp = makeApp({ apiToken: 'super-secret-api-token', exchange: 'sessions-api' });
      const tokenSignIn = await signIn(tokenApp.agent, okta.mintToken());
      const tokenSid = okta.sessionIds().at(-1) ?? 'no-session';
      await tokenApp.agent.get('/api/me').expect(200);
      await tokenApp.agent.delete('/auth/session').set('origin', APP_ORIGIN).set('x-csrf-token', tokenSignIn.body.csrfToken).expect(200);
      expect(lines.length).toBeGreaterThan(5);
      for (const line of lines) {
        expect(line).not.toContain(sessionToken);
        expect(line).not.toContain(sid);
        expect(line).not.toContain(tokenSid);
        expect(line).not.toContain('super-secret-api-token');
        expect(line).not.toContain(signedIn.body.csrfToken);
      }
    } finally {
      createDebug.log = previousLog;
      createDebug.disable();
      if (previouslyEnabled) createDebug.enable(previouslyEnabled);
    }
  });
});

import express from 'express';
import request from 'supertest';
import { describe, expect, test } from 'vitest';
import { csrfProtection, guardSessionStore, oktaAuthn, requireSession } from '../src/index.js';
import type { OktaAuthnOptions } from '../src/index.js';
import { APP_ORIGIN, buildApp } from './helpers/app.js';

const base = { orgUrl: 'http://127.0.0.1:9', appOrigin: APP_ORIGIN };

describe('options are validated when the middleware is created', () => {
  test.each([
    [{ appOrigin: APP_ORIGIN }, /option "orgUrl"/],
    [{ ...base, orgUrl: 'not a url' }, /option "orgUrl": must be the Okta org origin/],
    [{ ...base, orgUrl: 'https://example.okta.com/oauth2' }, /option "orgUrl"/],
    [{ ...base, orgUrl: 'ftp://example.okta.com' }, /option "orgUrl"/],
    [{ ...base, checkInterval: -1 }, /option "checkInterval": must be 0 or more/],
    [{ ...base, idleTimeout: 1.5 }, /option "idleTimeout": must be a whole number/],
    [{ ...base, timeouts: { connect: 0 } }, /option "timeouts.connect": must be more than 0/],
    [{ ...base, timeouts: { total: 0 } }, /option "timeouts.total": must be more than 0/],
    [{ ...base, timeouts: { total: 2.5 } }, /option "timeouts.total": must be a whole number/],
    [{ ...base, rolling: 'yes' }, /option "rolling"/],
    [{ ...base, profile: 'yes' }, /option "profile"/],
    [{ ...base, exchange: 'magic' }, /option "exchange"/],
    [{ ...base, exchange: 'sessions-api' }, /option "exchange" is "sessions-api", which needs option "apiToken"/],
    [{ ...base, orgURL: 'https://x.okta.com' }, /unknown option "orgURL"/],
    [{ ...base, onUnavailable: 'page.html' }, /option "onUnavailable": must be a function/],
    [{ ...base, loginUrl: 'login' }, /option "loginUrl"/],
    [{ ...base, carryOver: ['returnTo', 'okta'] }, /option "carryOver.1": "okta" is reserved/],
    [{ ...base, carryOver: ['oktaCsrfToken'] }, /option "carryOver.0": "oktaCsrfToken" is reserved/],
    [{ ...base, carryOver: ['cookie'] }, /option "carryOver.0": "cookie" is reserved/],
    [{ ...base, carryOver: ['regenerate'] }, /"regenerate" is reserved/],
    [{ ...base, carryOver: ['__proto__'] }, /"__proto__" is reserved/],
    [{ ...base, maxRateLimitPause: 0 }, /option "maxRateLimitPause": must be more than 0/],
    [{ ...base, exchangeAttempts: { max: 0 } }, /option "exchangeAttempts.max": must be 1 or more/],
    [{ ...base, exchangeAttempts: { maxPerClient: 2.5 } }, /option "exchangeAttempts.maxPerClient": must be a whole number/],
  ])('oktaAuthn(%j) throws a TypeError naming the option', (options, message) => {
    expect(() => oktaAuthn(options as unknown as OktaAuthnOptions)).toThrow(TypeError);
    expect(() => oktaAuthn(options as unknown as OktaAuthnOptions)).toThrow(message);
  });

  test('oktaAuthn() requires appOrigin, the origin allowed to change the session', () => {
    expect(() => oktaAuthn({ orgUrl: 'https://example.okta.com' })).toThrow(/option "appOrigin" is required/);
  });

  test('a missing options object is refused clearly', () => {
    expect(() => requireSession(undefined as unknown as OktaAuthnOptions)).toThrow(/requireSession\(\): options must be an object/);
  });

  test('requireSession() validates the same options with its own name in the message', () => {
    expect(() => requireSession({ orgUrl: 'https://example.okta.com', checkInterval: -5 })).toThrow(
      /^requireSession\(\): option "checkInterval"/,
    );
  });

  test('csrfProtection() refuses an appOrigin that is not a URL', () => {
    expect(() => csrfProtection({ appOrigin: 'app' })).toThrow(/csrfProtection\(\): option "appOrigin"/);
  });

  test('valid options create a router and a guard without touching the network', async () => {
    const router = oktaAuthn({ ...base, apiToken: 'token', exchange: 'sessions-api', checkInterval: 0, rolling: true });
    const guard = requireSession({ ...base, timeouts: { connect: 100 } });
    expect(typeof router).toBe('function');
    expect(typeof guard).toBe('function');
    await Promise.all([router.close(), guard.close()]);
  });
});

describe('express-session must be mounted first', () => {
  test('the router fails the first request with ESESSIONMISSING and says what to do', async () => {
    const built = buildApp(base, { withSession: false });
    const response = await request(built.app).get('/auth/csrf');
    expect(response.status).toBe(500);
    expect(built.errors).toHaveLength(1);
    expect(built.errors[0]).toMatchObject({ code: 'ESESSIONMISSING', message: expect.stringMatching(/mount express-session/) });
    await built.close();
  });

  test('the guard fails the first request with ESESSIONMISSING', async () => {
    const built = buildApp(base, { withSession: false });
    await request(built.app).get('/api/me').expect(500);
    expect(built.errors[0]).toMatchObject({ code: 'ESESSIONMISSING' });
    await built.close();
  });

  test('csrfProtection() without express-session passes ESESSIONMISSING to the app', async () => {
    const app = express();
    const errors: unknown[] = [];
    app.post('/x', csrfProtection({ appOrigin: APP_ORIGIN }), (_req, res) => res.end());
    app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      errors.push(error);
      res.status(500).end();
    });
    await request(app).post('/x').set('origin', APP_ORIGIN).expect(500);
    expect(errors[0]).toMatchObject({ code: 'ESESSIONMISSING' });
  });
});

describe('guardSessionStore() options', () => {
  const sessionMiddleware: express.RequestHandler = (_req, _res, next) => next();
  test.each([
    [{ timeout: 0 }, /guardSessionStore\(\): option "timeout": must be more than 0/],
    [{ timeout: 1.5 }, /option "timeout": must be a whole number/],
    [{ retryAfter: -1 }, /option "retryAfter": must be 1 or more/],
    [{ retry: 5 }, /guardSessionStore\(\)/],
  ])('%j is refused with a TypeError naming the option', (options, message) => {
    expect(() => guardSessionStore(sessionMiddleware, options as never)).toThrow(message);
  });

  test('something other than a middleware is refused', () => {
    expect(() => guardSessionStore({} as never)).toThrow(/pass the middleware of express-session/);
  });
});

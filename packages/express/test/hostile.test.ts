import express from 'express';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ERROR_CODES, csrfProtection } from '../src/index.js';
import { APP_ORIGIN, buildApp, listen } from './helpers/app.js';
import type { TestApp } from './helpers/app.js';
import { expectOwnAnswer, hostileRequests } from './helpers/hostile-requests.js';
import { Visitor, send } from './helpers/raw-http.js';
import { startOrg } from './helpers/simulator.js';
import type { TestOrg } from './helpers/simulator.js';

// Every route of the middleware, fed what no honest client sends, over loopback against the real simulator.
let org: TestOrg;
let site: TestApp;
let url: string;
let stop: () => Promise<void>;
const codes = new Set(Object.keys(ERROR_CODES));

beforeAll(async () => {
  org = await startOrg();
  site = buildApp({ orgUrl: org.url, checkInterval: 0 });
  site.app.post('/api/orders', csrfProtection({ appOrigin: APP_ORIGIN }), (_req, res) => {
    res.status(201).json({ ok: true });
  });
  // After the guard and the router: what falls through is the app's 404, as in any app.
  site.app.use(express.json());
  ({ url, close: stop } = await listen(site.app));
});

afterAll(async () => {
  await stop?.();
  await site?.close();
  await org?.close();
});

/** A visitor with a session (signed in through the real org when `signedIn`), and the CSRF token of another one. */
async function visitors(signedIn: boolean): Promise<{ visitor: Visitor; csrf: string; otherCsrf: string }> {
  const visitor = new Visitor(url);
  let csrf = await visitor.csrf();
  if (signedIn) {
    const user = await org.createUser();
    const answer = await visitor.send({
      method: 'POST',
      path: '/auth/session',
      headers: { origin: APP_ORIGIN, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ sessionToken: await org.sessionToken(user) }),
    });
    expect(answer.status).toBe(200);
    csrf = String(answer.json?.csrfToken);
  }
  return { visitor, csrf, otherCsrf: await new Visitor(url).csrf() };
}

const routes: Array<{ method: string; path: string; signedIn: boolean; largeBodies?: boolean }> = [
  { method: 'GET', path: '/auth/csrf', signedIn: false },
  { method: 'POST', path: '/auth/session', signedIn: false, largeBodies: true },
  { method: 'POST', path: '/auth/session', signedIn: true },
  { method: 'GET', path: '/auth/session', signedIn: true },
  { method: 'DELETE', path: '/auth/session', signedIn: true, largeBodies: true },
  { method: 'POST', path: '/auth/logout', signedIn: true, largeBodies: true },
  { method: 'GET', path: '/api/me', signedIn: true },
  { method: 'GET', path: '/page', signedIn: false },
  { method: 'POST', path: '/api/orders', signedIn: false, largeBodies: true },
];

describe('hostile input to every route', () => {
  test.each(routes)('$method $path (signed in: $signedIn) answers only its own codes and never a 5xx', async (route) => {
    const { visitor, csrf, otherCsrf } = await visitors(route.signedIn);
    const cases = hostileRequests({ ...route, origin: APP_ORIGIN, cookie: visitor.cookie, csrf, otherCsrf });
    for (const hostile of cases) {
      // Sent as is: the case carries its own cookie, or none.
      const answer = await send(url, hostile.sent).catch((error: unknown) => {
        throw new Error(`${hostile.name}: ${String(error)}`);
      });
      expectOwnAnswer(hostile, answer, codes);
    }
    expect(site.errors).toEqual([]);
    // Bounded (about 70 requests, three with 10 MB bodies), but generous: a busy machine must not fail it.
  }, 60_000);

  test('nothing was polluted, and a sign-in through the real org still works afterwards', async () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const { visitor } = await visitors(true);
    const me = await visitor.send({ path: '/api/me', headers: { accept: 'application/json' } });
    expect(me.status).toBe(200);
    expect(me.json?.user).toMatchObject({ login: expect.stringMatching(/@example\.test$/) });
  });
});

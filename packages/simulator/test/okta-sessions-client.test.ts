import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { NetworkError } from '@okta-authn/core';
import { OktaSessions } from '@okta-authn/core/sessions';
import type { TestOrg } from './helpers.js';
import { PASSWORD, startOrg } from './helpers.js';

// core's OktaSessions against the real simulator over HTTP. In a browser the `sid` cookie travels by
// `credentials: 'include'`; here a fetch adds the Cookie header, the same request on the wire.
const APP = 'https://app.example.test';
let org: TestOrg;
beforeAll(async () => {
  org = await startOrg({ trustedOrigins: [APP] });
});
afterAll(() => org.close());

/** Signs in as `username` and redeems the sessionToken at /login/sessionCookieRedirect, as a browser would; answers the `sid` cookie. */
async function signedInCookie(username = 'plain@example.test'): Promise<string> {
  const tx = await org.client.signIn({ username, password: PASSWORD });
  expect(tx.status).toBe('SUCCESS');
  const redirect = await org.call('GET', `/login/sessionCookieRedirect?token=${encodeURIComponent(String(tx.sessionToken))}&redirectUrl=${encodeURIComponent(`${APP}/`)}`);
  expect(redirect.status).toBe(302);
  const sid = /(?:^|,\s*)sid=([^;]+)/.exec(redirect.headers.get('set-cookie') ?? '')?.[1];
  if (!sid) throw new Error('the simulator set no sid cookie');
  return `sid=${sid}`;
}

/** OktaSessions whose requests carry `cookie`, as the browser's would. */
function browserWith(cookie?: string): OktaSessions {
  const withCookie: typeof fetch = (input, init) => {
    const headers = new Headers(init?.headers);
    if (cookie) headers.set('cookie', cookie);
    return fetch(input, { ...init, headers });
  };
  return new OktaSessions({ baseUrl: org.sim.url, fetch: withCookie });
}

describe('OktaSessions against the simulator', () => {
  test('a browser without an Okta session: exists() false, get() and refresh() null, close() false', async () => {
    const sessions = browserWith();
    expect(await sessions.exists()).toBe(false);
    expect(await sessions.get()).toBeNull();
    expect(await sessions.refresh()).toBeNull();
    expect(await sessions.close()).toBe(false);
    expect(await browserWith('sid=102unknownSession0000000').exists()).toBe(false);
  });

  test('after sessionCookieRedirect the browser has an ACTIVE session it can read, refresh and close', async () => {
    const cookie = await signedInCookie();
    const sessions = browserWith(cookie);
    expect(await sessions.exists()).toBe(true);
    const session = await sessions.get();
    expect(session).toMatchObject({ login: 'plain@example.test', status: 'ACTIVE', id: cookie.slice('sid='.length) });
    expect(session?._links?.refresh).toMatchObject({ href: `${org.sim.url}/api/v1/sessions/me/lifecycle/refresh` });

    expect((await org.call('POST', '/__sim/clock/advance', { seconds: 600 })).status).toBe(200);
    const refreshed = await sessions.refresh();
    expect(Date.parse(String(refreshed?.expiresAt))).toBeGreaterThan(Date.parse(String(session?.expiresAt)));

    expect(await sessions.close()).toBe(true);
    expect(await sessions.exists()).toBe(false);
    expect(await sessions.close()).toBe(false);
  });

  test('an org that drops the connection is a NetworkError from exists(), not "signed out"', async () => {
    const dropping: Server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => dropping.listen(0, '127.0.0.1', resolve));
    try {
      const sessions = new OktaSessions({ baseUrl: `http://127.0.0.1:${(dropping.address() as AddressInfo).port}` });
      await expect(sessions.exists()).rejects.toBeInstanceOf(NetworkError);
    } finally {
      await new Promise((resolve) => dropping.close(resolve));
    }
  });
});

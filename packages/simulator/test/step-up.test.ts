import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Factor } from '@okta-authn/core';
import type { TestOrg } from './helpers.js';
import { PASSWORD, startOrg } from './helpers.js';

let org: TestOrg;
beforeAll(async () => {
  org = await startOrg();
});
afterAll(() => org.close());

interface Started {
  stateToken: string;
  expiresAt: string;
  redirectUrl: string;
}

async function startStepUp(body: Record<string, unknown>): Promise<Started> {
  const answer = await org.call('POST', '/__sim/step-up', body);
  expect(answer.status).toBe(200);
  return answer.body as Started;
}

/** The `sid=…` pair of a response's Set-Cookie. */
function sidOf(headers: Headers): string {
  const cookie = headers.getSetCookie().find((value) => value.startsWith('sid='));
  expect(cookie).toMatch(/^sid=102[\w-]+; Path=\/; HttpOnly; SameSite=Lax$/);
  return String(cookie?.split(';')[0]);
}

describe('SP-initiated step-up (§2.1, A12)', () => {
  test('UNAUTHENTICATED → credentials on the same stateToken → SUCCESS with `original` → redirect sets sid and lands on the app', async () => {
    const started = await startStepUp({ appLabel: 'Payroll <Prod>', appName: 'payroll_saml' });
    expect(started.redirectUrl).toBe(`${org.sim.url}/login/step-up/redirect?stateToken=${started.stateToken}`);
    expect(started.stateToken).toMatch(/^00/);

    const tx = await org.client.resume(started.stateToken);
    expect(tx).toMatchObject({ status: 'UNAUTHENTICATED', type: 'SESSION_STEP_UP', stateToken: started.stateToken });
    expect(tx.raw._embedded).toMatchObject({
      target: { type: 'APP', name: 'payroll_saml', label: 'Payroll <Prod>', _links: { logo: { name: 'medium', type: 'image/svg+xml' } } },
      authentication: { protocol: 'SAML2.0', issuer: { name: 'Payroll <Prod>' } },
    });
    expect(String((tx.raw._embedded as { authentication: { issuer: { id: string } } }).authentication.issuer.id)).toMatch(/^0oa/);
    expect((tx.raw._embedded as Record<string, unknown>).user).toBeUndefined();
    expect(tx.raw._links).toEqual({ next: { name: 'authenticate', href: `${org.sim.url}/api/v1/authn`, hints: { allow: ['POST'] } } });
    const logo = await fetch(String((tx.raw._embedded as { target: { _links: { logo: { href: string } } } }).target._links.logo.href));
    expect(logo.headers.get('content-type')).toContain('image/svg+xml');
    expect(await logo.text()).toContain('<svg');

    const introspected = await org.call('POST', '/api/v1/authn/introspect', { stateToken: started.stateToken });
    expect(introspected.status).toBe(200);
    expect(introspected.body).toMatchObject({ status: 'UNAUTHENTICATED', type: 'SESSION_STEP_UP', stateToken: started.stateToken, _embedded: tx.raw._embedded });

    const early = await org.call('GET', started.redirectUrl);
    expect(early.status).toBe(200);
    expect(early.headers.get('content-type')).toContain('text/html');
    expect(early.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(String(early.body)).toContain('Payroll &#60;Prod&#62; has not finished');
    expect(early.headers.getSetCookie().some((value) => value.startsWith('sid='))).toBe(false);

    for (const path of ['/api/v1/authn/cancel', '/api/v1/authn/skip', '/api/v1/authn/previous']) {
      const refused = await org.call('POST', path, { stateToken: started.stateToken });
      expect(refused.status, path).toBe(403);
      expect(refused.body).toMatchObject({ errorCode: 'E0000079' });
    }
    await expect(tx.next({ username: 'plain@example.test', password: 'not-it' })).rejects.toMatchObject({ status: 401, errorCode: 'E0000004' });
    await expect(tx.next({ username: 'plain@example.test' })).rejects.toMatchObject({ status: 401, errorCode: 'E0000004' });
    expect((await org.client.resume(started.stateToken)).status).toBe('UNAUTHENTICATED');

    const success = await tx.next({ username: 'plain@example.test', password: PASSWORD, relayState: '/payroll/april' });
    expect(success).toMatchObject({ status: 'SUCCESS', type: 'SESSION_STEP_UP', stateToken: started.stateToken, relayState: '/payroll/april' });
    expect(success.sessionToken).toBeUndefined();
    expect(success.raw._embedded).toMatchObject({ user: { profile: { login: 'plain@example.test' } }, target: { name: 'payroll_saml' }, authentication: { protocol: 'SAML2.0' } });
    const original = `${org.sim.url}/login/step-up/redirect?stateToken=${started.stateToken}`;
    expect(success.raw._links).toEqual({ next: { name: 'original', href: original, hints: { allow: ['GET'] } } });
    expect((await org.client.resume(started.stateToken)).status).toBe('SUCCESS');
    const afterSuccess = await org.call('POST', '/api/v1/authn/cancel', { stateToken: started.stateToken });
    expect(afterSuccess.body).toMatchObject({ errorCode: 'E0000079' });

    const redirect = await org.call('GET', original);
    expect(redirect.status).toBe(302);
    const landing = String(redirect.headers.get('location'));
    expect(landing).toBe(`${org.sim.url}/app/payroll_saml/sso/saml`);
    const sid = sidOf(redirect.headers);
    const session = await org.call('GET', '/api/v1/sessions/me', undefined, { cookie: sid });
    expect(session.body).toMatchObject({ login: 'plain@example.test', amr: ['pwd'], status: 'ACTIVE' });
    const page = await org.call('GET', landing, undefined, { cookie: sid });
    expect(page.status).toBe(200);
    expect(String(page.body)).toContain('Signed in to Payroll &#60;Prod&#62; (payroll_saml) as plain@example.test');
    expect((await org.call('GET', landing)).status).toBe(401);

    const reused = await org.call('GET', original);
    expect(reused.status).toBe(401);
    expect(reused.body).toMatchObject({ errorCode: 'E0000011' });
    await expect(org.client.resume(started.stateToken)).rejects.toMatchObject({ errorCode: 'E0000011' });
  });

  test('MFA inside a step-up keeps type and stateToken; before SUCCESS the redirect goes back to signInUrl, after it to appUrl', async () => {
    const signInUrl = 'http://localhost:4321/login?lang=en';
    const appUrl = 'http://localhost:4321/app';
    const started = await startStepUp({ appName: 'crm_saml', signInUrl, appUrl });
    expect(started.redirectUrl).toBe(`http://localhost:4321/login?lang=en&stateToken=${started.stateToken}`);
    const tx = await org.client.resume(started.stateToken);
    expect(tx.raw._embedded).toMatchObject({ target: { name: 'crm_saml', label: 'crm_saml' } });
    const required = await tx.next({ username: 'sms.mfa@example.test', password: PASSWORD });
    expect(required).toMatchObject({ status: 'MFA_REQUIRED', type: 'SESSION_STEP_UP', stateToken: started.stateToken });
    expect(required.links.cancel).toBeDefined();

    const original = `${org.sim.url}/login/step-up/redirect?stateToken=${started.stateToken}`;
    const back = await org.call('GET', original);
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe(started.redirectUrl);

    org.sim.clock.advance(31_000);
    const factor = (required.raw._embedded as { factors: Factor[] }).factors[0] as Factor;
    const challenge = await required.verify(factor);
    expect(challenge).toMatchObject({ status: 'MFA_CHALLENGE', type: 'SESSION_STEP_UP', stateToken: started.stateToken });
    const success = await challenge.verify(factor, { passCode: await org.lastCode('+15552024201') });
    expect(success).toMatchObject({ status: 'SUCCESS', type: 'SESSION_STEP_UP', stateToken: started.stateToken });
    expect(success.links.next).toMatchObject({ name: 'original', href: original });

    const done = await org.call('GET', original);
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe(appUrl);
    const session = await org.call('GET', '/api/v1/sessions/me', undefined, { cookie: sidOf(done.headers) });
    expect(session.body).toMatchObject({ login: 'sms.mfa@example.test', amr: ['pwd', 'sms', 'mfa'] });
  });

  test('bad step-up requests: untrusted URLs and bad app names are 400 E0000001; a missing stateToken on the redirect too', async () => {
    for (const body of [{ signInUrl: 'https://evil.example/login' }, { appUrl: 'javascript:alert(1)' }, { appUrl: 'not a url' }, { appName: 'Bad Name!' }, { appLabel: '' }]) {
      const answer = await org.call('POST', '/__sim/step-up', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body).toMatchObject({ errorCode: 'E0000001' });
    }
    const missing = await org.call('GET', '/login/step-up/redirect');
    expect(missing.status).toBe(400);
    const unknown = await org.call('GET', '/login/step-up/redirect?stateToken=00nope');
    expect(unknown.body).toMatchObject({ errorCode: 'E0000011' });
    const plain = await org.client.signIn({ username: 'sms.mfa@example.test', password: PASSWORD });
    const notStepUp = await org.call('GET', `/login/step-up/redirect?stateToken=${plain.stateToken}`);
    expect(notStepUp.status).toBe(403);
    expect(notStepUp.body).toMatchObject({ errorCode: 'E0000079' });
    expect((await org.call('GET', '/app/never_started/sso/saml')).status).toBe(404);
  });
});

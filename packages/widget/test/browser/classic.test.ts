import { expect } from '@open-wc/testing';
import type { OktaAuthn } from '../../src/okta-authn.js';
import { FramePage, until } from './helpers.js';
import { PASSWORD, advance, createUser, lastCode, useSimulator } from './factors-support.js';
import type { TestUser } from './factors-support.js';

/** The simulator under this page's host name: the org's cookie is then same-site, as a custom domain makes it. */
function sameSiteOrg(baseUrl: string): string {
  const url = new URL(baseUrl);
  url.hostname = location.hostname;
  return url.origin;
}

/** A SUCCESS answer (with its sessionToken) for a new user without MFA, from the org at `org`. */
async function successBody(org: string): Promise<{ status: string; sessionToken: string }> {
  const user = await createUser({ mfa: 'none' });
  const response = await fetch(`${org}/api/v1/authn`, {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: user.login, password: PASSWORD }),
  });
  const body = (await response.json()) as { status: string; sessionToken: string };
  expect(body.status).to.equal('SUCCESS');
  return body;
}

/** The org's session for this browser (its `sid` cookie), or the status that says there is none. */
async function oktaSession(org: string): Promise<{ status: number; login?: string }> {
  const response = await fetch(`${org}/api/v1/sessions/me`, { credentials: 'include', headers: { Accept: 'application/json' } });
  const body = (await response.json()) as { login?: string };
  return { status: response.status, login: body.login };
}

/** The heading the element in a frame shows. */
function title(element: OktaAuthn): string {
  return element.shadowRoot?.querySelector('[part="title"]')?.textContent?.trim() ?? '';
}

/** Signs in `user` in a framed element (its own window: the test's keyboard does not reach it) and waits for `heading`. */
async function signInFramed(element: OktaAuthn, user: TestUser, heading: string): Promise<void> {
  const form = element.shadowRoot!.querySelector('form')!;
  (form.querySelector('[name="username"]') as HTMLInputElement).value = user.login;
  (form.querySelector('[name="password"]') as HTMLInputElement).value = PASSWORD;
  form.requestSubmit();
  await until(() => title(element) === heading, `"${heading}"`);
}

/** Renders `<okta-authn attributes>` in a frame of its own (so it may navigate), gives it `raw`, and resolves once the frame navigated. */
async function finishInFrame(attributes: string, raw: unknown): Promise<HTMLIFrameElement> {
  const page = new FramePage(attributes);
  const inner = await page.open();
  const navigated = page.navigation();
  inner.transaction = page.window.JSON.parse(JSON.stringify(raw));
  await navigated;
  return page.frame;
}

describe('okta-session-redirect: finishing with an Okta session in the browser', () => {
  const baseUrl = useSimulator();

  it('an untrusted redirect is refused by the org: no session cookie, and the sessionToken stays unused', async () => {
    const org = sameSiteOrg(baseUrl());
    const body = await successBody(org);
    const frame = await finishInFrame(`base-url="${org}" okta-session-redirect="https://evil.example/landing"`, body);
    try {
      expect(() => frame.contentWindow!.location.href, 'the frame stays on the org, not on this page').to.throw();
      expect((await oktaSession(org)).status).to.equal(404);
      const session = await fetch(`${org}/api/v1/sessions`, {
        method: 'POST',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
        body: JSON.stringify({ sessionToken: body.sessionToken }),
      });
      expect(session.status, 'the refused redirect did not spend the token').to.equal(200);
    } finally {
      frame.remove();
    }
  });

  it('on SUCCESS the browser goes through sessionCookieRedirect and ends at the (relative) URL with the org session cookie set', async () => {
    const org = sameSiteOrg(baseUrl());
    const body = await successBody(org);
    const frame = await finishInFrame(`base-url="${org}/" okta-session-redirect="/__widget-test/landing?from=okta"`, body);
    try {
      expect(frame.contentWindow!.location.href).to.equal(`${location.origin}/__widget-test/landing?from=okta`);
      const session = await oktaSession(org);
      expect(session.status).to.equal(200);
      expect(session.login).to.match(/^widget\./);
      expect((await fetch(`${org}/api/v1/sessions/me`, { method: 'DELETE', credentials: 'include' })).status).to.equal(204);
    } finally {
      frame.remove();
    }
  });

  it('a cancelled okta-authn-success navigates nowhere (not even to check the redirect)', async () => {
    const org = sameSiteOrg(baseUrl());
    const body = await successBody(org);
    const element = document.createElement('okta-authn') as OktaAuthn;
    element.setAttribute('base-url', org);
    element.setAttribute('okta-session-redirect', 'javascript:alert(1)');
    const seen: string[] = [];
    element.addEventListener('okta-authn-success', (event) => {
      seen.push(event.detail.sessionToken ?? '');
      event.preventDefault();
    });
    document.body.append(element);
    element.transaction = body;
    await element.updateComplete;
    expect(seen).to.deep.equal([body.sessionToken]);
    expect(element.shadowRoot!.querySelector('[part="error"]')).to.equal(null);
    element.remove();
  });

  it('an okta-session-redirect that is not http(s) is a configuration error and nothing is navigated', async () => {
    const org = sameSiteOrg(baseUrl());
    const body = await successBody(org);
    const element = document.createElement('okta-authn') as OktaAuthn;
    element.setAttribute('base-url', org);
    element.setAttribute('okta-session-redirect', 'javascript:alert(1)');
    const errors: Error[] = [];
    element.addEventListener('okta-authn-error', (event) => errors.push(event.detail.error));
    document.body.append(element);
    element.transaction = body;
    await element.updateComplete;
    await until(() => errors.length > 0, 'the configuration error');
    expect((errors[0] as Error & { code?: string }).code).to.equal('CONFIGURATION_ERROR');
    expect(errors[0]!.message).to.include('okta-session-redirect');
    element.remove();
  });
});

describe('a reload mid-flow resumes at the same step', () => {
  const baseUrl = useSimulator();
  const key = () => `okta-authn:stateToken:${baseUrl()}`;
  let page: FramePage | undefined;
  afterEach(() => page?.close());

  it('at MFA: the reloaded page asks for the code, not the password, and the code signs in', async () => {
    const user = await createUser({ sms: true });
    page = new FramePage(`base-url="${baseUrl()}" no-remember-me`);
    const states: { status: string; stateToken: string | undefined }[] = [];
    const first = await page.open();
    first.addEventListener('okta-authn-state', (event) => states.push(event.detail));
    await signInFramed(first, user, 'Verify with a text message');
    expect(states.map((state) => state.status)).to.deep.equal(['MFA_REQUIRED']);
    expect(states[0]!.stateToken).to.be.a('string');
    expect(sessionStorage.getItem(key())).to.equal(states[0]!.stateToken);

    const again = await page.reload();
    await until(() => title(again) === 'Verify with a text message', 'the same step after the reload');
    expect(again.shadowRoot!.querySelector('[name="password"]')).to.equal(null);
    const form = again.shadowRoot!.querySelector('form')!;
    form.requestSubmit();
    await until(() => again.shadowRoot!.querySelector('[name="passCode"]') !== null, 'the code field');
    const success = new Promise<void>((resolve) => again.addEventListener('okta-authn-success', () => resolve(), { once: true }));
    (again.shadowRoot!.querySelector('[name="passCode"]') as HTMLInputElement).value = await lastCode(user.phone);
    again.shadowRoot!.querySelector('form')!.requestSubmit();
    await success;
    expect(sessionStorage.getItem(key()), 'forgotten at SUCCESS').to.equal(null);
  });

  it('at enrollment: the reloaded page lists the methods to set up again', async () => {
    const user = await createUser({ enroll: ['sms'] });
    page = new FramePage(`base-url="${baseUrl()}" no-remember-me`);
    await signInFramed(await page.open(), user, 'Set up security methods');
    const again = await page.reload();
    await until(() => title(again) === 'Set up security methods', 'the enrollment list after the reload');
    expect(again.shadowRoot!.textContent).to.include('SMS');
  });

  it('an expired stateToken: the reload shows sign-in with a notice, and the token is forgotten', async () => {
    const user = await createUser({ sms: true });
    page = new FramePage(`base-url="${baseUrl()}" no-remember-me`);
    await signInFramed(await page.open(), user, 'Verify with a text message');
    await advance(3600);
    const again = await page.reload();
    await until(() => again.shadowRoot!.querySelector('[part="notice"]') !== null, 'the notice');
    expect(again.shadowRoot!.querySelector('[part="notice"]')!.textContent!.trim()).to.equal('Your session has expired. Please sign in again.');
    expect(again.shadowRoot!.querySelector('[name="password"]')).not.to.equal(null);
    expect(sessionStorage.getItem(key())).to.equal(null);
  });

  it('cancelling forgets the token; no-resume never keeps one', async () => {
    const user = await createUser({ sms: true });
    page = new FramePage(`base-url="${baseUrl()}" no-remember-me`);
    const first = await page.open();
    await signInFramed(first, user, 'Verify with a text message');
    expect(sessionStorage.getItem(key())).not.to.equal(null);
    const back = [...first.shadowRoot!.querySelectorAll('button')].find((candidate) => candidate.textContent?.includes('Back to sign in'))!;
    back.click();
    await until(() => sessionStorage.getItem(key()) === null, 'the token to be forgotten');
    page.close();

    page = new FramePage(`base-url="${baseUrl()}" no-remember-me no-resume`);
    const other = await page.open();
    await signInFramed(other, user, 'Verify with a text message');
    expect(sessionStorage.getItem(key())).to.equal(null);
    const again = await page.reload();
    expect(again.shadowRoot!.querySelector('[name="password"]'), 'sign-in again').not.to.equal(null);
  });
});

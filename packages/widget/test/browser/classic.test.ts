import { expect, oneEvent } from '@open-wc/testing';
import type { OktaAuthn } from '../../src/okta-authn.js';
import { FramePage, button, cleanup, click, errorText, expectAccessible, input, mount, press, root, sim, text, type, until, waitForHeading } from './helpers.js';
import { ANSWER, PASSWORD, advance, createUser, lastCode, signIn, useSimulator } from './factors-support.js';
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

/** The JSON bodies the element sent, by path, through its `fetch` property (the requests still go to the simulator). */
function recordRequests(element: OktaAuthn): { path: string; body: Record<string, unknown> }[] {
  const sent: { path: string; body: Record<string, unknown> }[] = [];
  element.fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    sent.push({ path: url.pathname, body: typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : {} });
    return fetch(input, init);
  };
  return sent;
}

/** The links under the sign-in form: text → href (buttons have none). */
function linkRow(element: OktaAuthn): Record<string, string | null> {
  const row = root(element).querySelector('[part="links"]');
  return Object.fromEntries([...(row?.querySelectorAll('a, button') ?? [])].map((item) => [item.textContent!.trim(), item.getAttribute('href')]));
}

describe("the classic widget's hooks and flags", () => {
  const baseUrl = useSimulator();

  it('transformUsername: what is sent for PRIMARY_AUTH, FORGOT_PASSWORD and UNLOCK_ACCOUNT is the hook’s answer', async () => {
    const user = await createUser({ mfa: 'none' });
    const [local, domain] = user.login.split('@') as [string, string];
    const calls: string[] = [];
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true, 'recovery-factors': 'sms', unlock: true }, {
      transformUsername: (username, operation) => {
        calls.push(`${operation}:${username}`);
        return `${username}@${domain}`;
      },
    });
    const sent = recordRequests(element);
    await click(element, 'Forgot password?');
    await type(element, 'username', local);
    await press('Enter');
    await waitForHeading(element, 'Enter the code from the text message');
    await click(element, 'Back to sign in');
    await click(element, 'Unlock account?');
    await type(element, 'username', local);
    await press('Enter');
    await until(() => sent.some((request) => request.path.endsWith('/recovery/unlock')), 'the unlock request');
    await click(element, 'Back to sign in');
    await waitForHeading(element, 'Sign in');
    const success = oneEvent(element, 'okta-authn-success');
    await signIn(element, local);
    expect((await success).detail.user?.profile.login).to.equal(user.login);
    expect(calls).to.deep.equal([`FORGOT_PASSWORD:${local}`, `UNLOCK_ACCOUNT:${local}`, `PRIMARY_AUTH:${local}`]);
    const usernames = sent.filter((request) => 'username' in request.body).map((request) => [request.path.replace(/^.*\/authn/, ''), request.body.username]);
    expect(usernames).to.deep.equal([['/recovery/password', user.login], ['/recovery/unlock', user.login], ['', user.login]]);
  });

  it('processCreds runs (awaited) before primary auth with what was typed; a throw shows an error and sends nothing', async () => {
    const user = await createUser({ mfa: 'none' });
    const order: string[] = [];
    let fail = true;
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true }, {
      processCreds: async (creds) => {
        await new Promise((resolve) => setTimeout(resolve, 0));
        order.push(`creds:${creds.username}:${creds.password}`);
        if (fail) throw new Error('the host said no');
      },
    });
    const sent = recordRequests(element);
    const failed = oneEvent(element, 'okta-authn-error');
    await signIn(element, user.login);
    const { error } = (await failed).detail as { error: Error & { code?: string; cause?: unknown } };
    expect(error.code).to.equal('HOOK_FAILED');
    expect((error.cause as Error).message).to.equal('the host said no');
    await until(() => errorText(element) !== '', 'the error');
    expect(sent).to.deep.equal([]);
    fail = false;
    const success = oneEvent(element, 'okta-authn-success');
    await type(element, 'password', PASSWORD);
    await press('Enter');
    await success;
    expect(order).to.deep.equal([`creds:${user.login}:${PASSWORD}`, `creds:${user.login}:${PASSWORD}`]);
    expect(sent.map((request) => request.path)).to.deep.equal(['/api/v1/authn']);
  });

  it('help-url, forgot-password-url, unlock-url and customLinks are links (http(s) only); unlock shows only with `unlock` or `unlock-url`', async () => {
    const plain = await mount({ 'base-url': baseUrl(), 'recovery-factors': 'email sms' });
    expect(Object.keys(linkRow(plain))).to.deep.equal(['Forgot password?', 'Help'], 'no "Unlock account?" by default');
    const element = await mount(
      { 'base-url': baseUrl(), 'help-url': '/support', 'forgot-password-url': 'https://id.example.test/forgot', 'unlock-url': '/unlock?from=okta' },
      { customLinks: [{ text: 'Status', href: 'https://status.example.test/', target: '_blank' }, { text: 'Evil', href: 'javascript:alert(1)' }] },
    );
    expect(linkRow(element)).to.deep.equal({
      'Forgot password?': 'https://id.example.test/forgot',
      'Unlock account?': `${location.origin}/unlock?from=okta`,
      Help: `${location.origin}/support`,
      Status: 'https://status.example.test/',
    });
    expect(root(element).querySelector('a[href="https://status.example.test/"]')!.getAttribute('rel')).to.equal('noopener noreferrer');
    const hostile = await mount({ 'base-url': baseUrl(), 'help-url': 'javascript:alert(1)', 'forgot-password-url': 'data:text/html,x', unlock: true });
    expect(linkRow(hostile)).to.deep.equal({ 'Forgot password?': null, 'Unlock account?': null }, 'unsafe URLs are dropped: the built-in flows stay');
    await expectAccessible(element);
  });

  it('the logo, before-form, buttons and links slots take the host’s content', async () => {
    const element = await mount({ 'base-url': baseUrl() });
    element.innerHTML = '<img slot="logo" alt="Acme" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><p slot="before-form">Use your Acme account.</p><button slot="buttons" type="button">Sign in with Acme ID</button><a slot="links" href="/privacy">Privacy</a>';
    await element.updateComplete;
    const assigned = (name: string) => (root(element).querySelector(`slot[name="${name}"]`) as HTMLSlotElement).assignedElements().map((item) => item.textContent || item.getAttribute('alt'));
    expect([assigned('logo'), assigned('before-form'), assigned('buttons'), assigned('links')]).to.deep.equal([['Acme'], ['Use your Acme account.'], ['Sign in with Acme ID'], ['Privacy']]);
    const form = root(element).querySelector('form')!;
    expect(form.contains(root(element).querySelector('slot[name="buttons"]'))).to.equal(true);
    await expectAccessible(element);
  });

  it('show-session-revocation: "Sign me out of all other devices" on password reset sends revokeSessions and ends the other sessions', async () => {
    const user = await createUser({ mfa: 'none' });
    const other = await sim<{ sessionToken: string }>('POST', '/api/v1/authn', { username: user.login, password: PASSWORD });
    const session = await sim<{ id: string }>('POST', '/api/v1/sessions', { sessionToken: other.body.sessionToken });
    expect(session.status).to.equal(200);
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true, 'recovery-factors': 'sms', 'show-session-revocation': true });
    const sent = recordRequests(element);
    await click(element, 'Forgot password?');
    await type(element, 'username', user.login);
    await press('Enter');
    await waitForHeading(element, 'Enter the code from the text message');
    await type(element, 'passCode', await lastCode(user.phone));
    await press('Enter');
    await waitForHeading(element, 'Answer your security question');
    await type(element, 'answer', ANSWER);
    await press('Enter');
    await waitForHeading(element, 'Reset your password');
    const box = input(element, 'revokeSessions');
    expect(box.checked).to.equal(false);
    expect(box.labels?.[0]?.textContent?.trim()).to.equal('Sign me out of all other devices');
    await expectAccessible(element);
    box.click();
    const success = oneEvent(element, 'okta-authn-success');
    await type(element, 'newPassword', 'Brand-New-Lamp-7!');
    await type(element, 'confirmPassword', 'Brand-New-Lamp-7!');
    await press('Enter');
    await success;
    expect(sent.find((request) => request.path.endsWith('/credentials/reset_password'))?.body.revokeSessions).to.equal(true);
    expect((await sim('GET', `/api/v1/sessions/${session.body.id}`)).status).to.equal(404);
  });

  it('password-expired-url: PASSWORD_EXPIRED links to where the org changes passwords instead of asking for a new one', async () => {
    const user = await createUser({ mfa: 'none', expired: true });
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true, 'password-expired-url': '/change-password' });
    await signIn(element, user.login);
    await waitForHeading(element, 'Your password has expired');
    expect(root(element).querySelector('[name="newPassword"]')).to.equal(null);
    expect(text(element)).to.include('Change your password where your organization manages passwords, then sign in again.');
    const link = [...root(element).querySelectorAll('a')].find((item) => item.textContent?.trim() === 'Change password');
    expect(link?.getAttribute('href')).to.equal(`${location.origin}/change-password`);
    expect(button(element, 'Back to sign in')).to.be.instanceOf(HTMLButtonElement);
    await expectAccessible(element);
  });

  it('hide-sign-out-in-mfa: no "Back to sign in" while verifying; it is there without the flag', async () => {
    const user = await createUser({ sms: true });
    const hidden = await mount({ 'base-url': baseUrl(), 'no-remember-me': true, 'hide-sign-out-in-mfa': true });
    await signIn(hidden, user.login);
    await waitForHeading(hidden, 'Verify with a text message');
    expect(() => button(hidden, 'Back to sign in')).to.throw();
    cleanup();
    const shown = await mount({ 'base-url': baseUrl(), 'no-remember-me': true });
    await signIn(shown, user.login);
    await waitForHeading(shown, 'Verify with a text message');
    expect(button(shown, 'Back to sign in')).to.be.instanceOf(HTMLButtonElement);
  });
});

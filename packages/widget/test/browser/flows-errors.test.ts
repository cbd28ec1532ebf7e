import { expect, oneEvent } from '@open-wc/testing';
import type { OktaAuthn } from '../../src/okta-authn.js';
import { FramePage, button, click, errorText, expectAccessible, expectFieldError, focused, heading, input, mount, notice, press, root, sim, type, until, waitForHeading } from './helpers.js';
import { UNREACHABLE, oktaError } from './raw-fixtures.js';
import { stubServer } from './stub-server.js';
import { PASSWORD, createUser, lastCode, signIn, useSimulator } from './factors-support.js';

const SEED_PASSWORD = 'Sim-Passw0rd!';

/** "Forgot password?" by SMS for `login`, up to the code step. */
async function forgotPasswordBySms(element: OktaAuthn, login: string): Promise<void> {
  await click(element, 'Forgot password?');
  await type(element, 'username', login);
  await press('Enter');
  await waitForHeading(element, 'Enter the code from the text message');
}

describe('error paths against the simulator', () => {
  const baseUrl = useSimulator();

  it('lockout: wrong passwords lock the account (showLockoutFailures), LOCKED_OUT offers unlock, and after unlocking sign-in works', async () => {
    const login = 'locked.out@example.test';
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true, 'recovery-factors': 'sms' });
    await signIn(element, login, 'Wrong-Passw0rd!');
    await until(() => errorText(element) === 'The username or password is incorrect.', 'the first failure');
    for (let attempt = 2; attempt <= 3; attempt += 1) {
      const failed = oneEvent(element, 'okta-authn-error');
      const states = oneEvent(element, 'okta-authn-state');
      await type(element, 'password', 'Wrong-Passw0rd!');
      await press('Enter');
      await Promise.race([failed, states]);
    }
    await waitForHeading(element, 'Your account is locked');
    await expectAccessible(element);
    await click(element, 'Unlock account');
    await waitForHeading(element, 'Unlock your account');
    expect(input(element, 'username').value, 'the username carries over').to.equal(login);
    await press('Enter');
    await waitForHeading(element, 'Enter the code from the text message');
    await type(element, 'passCode', await lastCode('+15552024203'));
    await press('Enter');
    await waitForHeading(element, 'Answer your security question');
    expect(root(element).textContent).to.include('What is the name of your first robot?');
    await type(element, 'answer', 'Babbage');
    await press('Enter');
    await waitForHeading(element, 'Account unlocked');
    await click(element, 'Back to sign in');
    await waitForHeading(element, 'Sign in');
    const success = oneEvent(element, 'okta-authn-success');
    await signIn(element, login, SEED_PASSWORD);
    expect((await success).detail.user?.profile.login).to.equal(login);
  });

  it('rate limit: an SMS sent too recently (E0000109 without headers) says to wait 30 seconds', async () => {
    // The simulator answers a throttled public recovery like any other (no user enumeration), so a scripted server answers here.
    const stub = stubServer(() => ({ status: 429, json: oktaError('E0000109', 'An SMS message was recently sent. Please wait 30 seconds before trying again.') }));
    const element = await mount({ 'base-url': UNREACHABLE, 'recovery-factors': 'sms' }, { fetch: stub.fetch });
    const failures: Error[] = [];
    element.addEventListener('okta-authn-error', (event) => failures.push(event.detail.error));
    await click(element, 'Forgot password?');
    await type(element, 'username', 'ada@example.test');
    await press('Enter');
    await until(() => errorText(element).startsWith('Too many attempts.'), 'the rate-limit message', element);
    expect(errorText(element)).to.equal('Too many attempts. Wait 30 seconds and try again.');
    expect((failures[0] as Error & { errorCode?: string }).errorCode).to.equal('E0000109');
    expect(heading(element)).to.equal('Reset your password');
    await expectAccessible(element);
  });

  it('network failure: the request can be retried, and every request goes through the fetch property', async () => {
    const user = await createUser({ mfa: 'none' });
    const seen: string[] = [];
    let failNext = true;
    const element = await mount(
      { 'base-url': baseUrl(), 'no-remember-me': true, 'session-endpoint': '/__widget-test/session' },
      {
        fetch: (request: RequestInfo | URL, init?: RequestInit) => {
          const url = String(request instanceof Request ? request.url : request);
          seen.push(new URL(url, location.href).pathname);
          if (failNext) {
            failNext = false;
            return Promise.reject(new TypeError('Failed to fetch'));
          }
          return fetch(request, init);
        },
      },
    );
    await signIn(element, user.login);
    await until(() => errorText(element).includes('could not reach'), 'the network error');
    expect(focused(element) === input(element, 'password'), 'focus on the password field').to.equal(true);
    await expectAccessible(element);
    const success = oneEvent(element, 'okta-authn-success');
    await click(element, 'Try again');
    await success;
    await until(() => seen.includes('/__widget-test/session') && !root(element).querySelector('.busy'), 'the session POST');
    expect(seen).to.deep.equal(['/api/v1/authn', '/api/v1/authn', '/__widget-test/session']);
    await fetch('/__widget-test/session-log');
  });

  it('password expired: a wrong current password and each policy violation are explained under their field, then the change signs in', async () => {
    const user = await createUser({ mfa: 'none', expired: true });
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true });
    await signIn(element, user.login);
    await waitForHeading(element, 'Your password has expired');
    await type(element, 'oldPassword', 'Not-my-passw0rd!');
    await type(element, 'newPassword', 'Fresh-Meadow-42!');
    await type(element, 'confirmPassword', 'Fresh-Meadow-42!');
    await press('Enter');
    await until(() => errorText(element) === 'Your current password is incorrect.', 'the wrong current password');
    expectFieldError(element, 'oldPassword', 'Your current password is incorrect.');
    await type(element, 'oldPassword', PASSWORD);
    await type(element, 'newPassword', 'errors');
    await type(element, 'confirmPassword', 'errors');
    await press('Enter');
    await until(() => errorText(element).startsWith('Your new password does not meet the requirements:'), 'the policy violation');
    expectFieldError(element, 'newPassword', 'Your new password does not meet the requirements:', true);
    const causes = [...root(element).querySelectorAll('[part~="field-error"] li')].map((item) => item.textContent?.trim());
    expect(causes.length, 'each cause is listed').to.be.greaterThan(0);
    expect(causes.join(' ')).to.match(/password/i);
    await expectAccessible(element);
    const success = oneEvent(element, 'okta-authn-success');
    await type(element, 'oldPassword', PASSWORD);
    await type(element, 'newPassword', 'Fresh-Meadow-42!');
    await type(element, 'confirmPassword', 'Fresh-Meadow-42!');
    await press('Enter');
    await success;
  });

  it('password warn: "remind me later" skips the change and signs in', async () => {
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true });
    await signIn(element, 'password.warn@example.test', SEED_PASSWORD);
    await until(() => /^Your password expires (in \d+ days?|today)$/.test(heading(element)), 'the warning');
    await expectAccessible(element);
    const success = oneEvent(element, 'okta-authn-success');
    await click(element, 'Remind me later');
    expect((await success).detail.sessionToken).to.be.a('string');
  });

  it('redirect-to: after the session endpoint accepted the token, the page navigates there', async () => {
    await fetch('/__widget-test/session-log');
    const user = await createUser({ mfa: 'none' });
    const response = await fetch(`${baseUrl()}/api/v1/authn`, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: user.login, password: PASSWORD }),
    });
    const body = (await response.json()) as { status: string; sessionToken: string };
    expect(body.status).to.equal('SUCCESS');
    const page = new FramePage(`base-url="${baseUrl()}" session-endpoint="/__widget-test/session" redirect-to="/__widget-test/landing?from=widget"`);
    try {
      const inner = await page.open();
      const navigated = page.navigation();
      inner.transaction = page.window.JSON.parse(JSON.stringify(body));
      await navigated;
      expect(page.window.location.pathname + page.window.location.search).to.equal('/__widget-test/landing?from=widget');
      const log = (await (await fetch('/__widget-test/session-log')).json()) as { body: { sessionToken: string } }[];
      expect(log.map((entry) => entry.body)).to.deep.equal([{ sessionToken: body.sessionToken }]);
    } finally {
      page.close();
    }
  });

  it('several instances on one page sign in different people independently', async () => {
    const [first, second] = [await createUser({ mfa: 'none' }), await createUser({ mfa: 'none' })];
    const one = await mount({ 'base-url': baseUrl(), 'no-remember-me': true });
    const two = await mount({ 'base-url': baseUrl(), 'no-remember-me': true });
    await type(one, 'username', first!.login);
    await type(one, 'password', PASSWORD);
    await type(two, 'username', second!.login);
    await type(two, 'password', 'Wrong-Passw0rd!');
    const succeeded = oneEvent(one, 'okta-authn-success');
    button(one, 'Sign in').click();
    button(two, 'Sign in').click();
    expect((await succeeded).detail.user?.profile.login).to.equal(first!.login);
    await until(() => errorText(two) === 'The username or password is incorrect.', 'the second instance to fail on its own');
    expect(errorText(one)).to.equal('');
    const secondSuccess = oneEvent(two, 'okta-authn-success');
    await type(two, 'password', PASSWORD);
    await press('Enter');
    expect((await secondSuccess).detail.user?.profile.login).to.equal(second!.login);
    expect(heading(one)).to.equal('You are signed in');
  });

  it('an expired stateToken during recovery returns to sign-in with a notice', async () => {
    const user = await createUser({ mfa: 'none' });
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true, 'recovery-factors': 'sms' });
    await forgotPasswordBySms(element, user.login);
    const code = await lastCode(user.phone);
    await sim('POST', '/__sim/clock/advance', { seconds: 3600 });
    await type(element, 'passCode', code);
    await press('Enter');
    await waitForHeading(element, 'Sign in');
    expect(notice(element)).to.equal('Your session has expired. Please sign in again.');
    await expectAccessible(element);
  });
});

import { expect, oneEvent } from '@open-wc/testing';
import type { OktaAuthn } from '../../src/okta-authn.js';
import { button, cleanup, click, enterIn, errorText, expectAccessible, focused, heading, input, mount, notice, press, root, sim, type, until, waitForHeading } from './helpers.js';
import { ANSWER, PASSWORD, QUESTION, createUser, lastCode, outbox, useSimulator } from './factors-support.js';
import { UNREACHABLE, recoverySmsChallenge } from './raw-fixtures.js';

const NEW_PASSWORD = 'Brand-New-Lamp-7!';

async function setNewPassword(element: OktaAuthn, password: string): Promise<void> {
  await type(element, 'newPassword', password);
  await type(element, 'confirmPassword', password);
  await press('Enter');
}

describe('forgot password and unlock views', () => {
  afterEach(cleanup);

  it('sign-in links to forgot password and unlock; the forgot view offers one button per configured factor', async () => {
    const element = await mount({ 'base-url': UNREACHABLE, 'recovery-factors': 'email sms call', unlock: true });
    await click(element, 'Forgot password?');
    await waitForHeading(element, 'Reset your password');
    expect(focused(element)).to.equal(input(element, 'username'));
    expect(input(element, 'username').autocomplete).to.equal('username');
    const choices = [...root(element).querySelectorAll('form button[type="submit"]')].map((item) => item.textContent?.trim());
    expect(choices).to.deep.equal(['Send an email', 'Send a text message', 'Call me']);
    await expectAccessible(element);
    await click(element, 'Back to sign in');
    await waitForHeading(element, 'Sign in');
    await click(element, 'Unlock account?');
    await waitForHeading(element, 'Unlock your account');
    await expectAccessible(element);
  });

  it('offers email only by default, and hides the links when recovery-factors is empty', async () => {
    const element = await mount({ 'base-url': UNREACHABLE });
    await click(element, 'Forgot password?');
    const choices = [...root(element).querySelectorAll('form button[type="submit"]')].map((item) => item.textContent?.trim());
    expect(choices).to.deep.equal(['Send an email']);
    const none = await mount({ 'base-url': UNREACHABLE, 'recovery-factors': '' });
    expect(() => button(none, 'Forgot password?')).to.throw();
    expect(() => button(none, 'Unlock account?')).to.throw();
  });

  it('a username typed on the sign-in form but never submitted starts the forgot-password and unlock forms', async () => {
    const element = await mount({ 'base-url': UNREACHABLE, 'recovery-factors': 'email', unlock: true });
    await type(element, 'username', 'grace.hopper@example.test');
    await click(element, 'Forgot password?');
    await waitForHeading(element, 'Reset your password');
    expect(input(element, 'username').value).to.equal('grace.hopper@example.test');
    await click(element, 'Back to sign in');
    await waitForHeading(element, 'Sign in');
    await type(element, 'username', '  ada@example.test ');
    await click(element, 'Unlock account?');
    await waitForHeading(element, 'Unlock your account');
    expect(input(element, 'username').value).to.equal('ada@example.test');
  });

  it('a sign-in username cleared before "Forgot password?" leaves the recovery form empty, not the attribute’s username', async () => {
    const element = await mount({ 'base-url': UNREACHABLE, username: 'preset@example.test' });
    expect(input(element, 'username').value).to.equal('preset@example.test');
    input(element, 'username').value = '';
    await click(element, 'Forgot password?');
    await waitForHeading(element, 'Reset your password');
    expect(input(element, 'username').value).to.equal('');
  });

  it('Enter without a username shows the error on the username field without a request', async () => {
    const element = await mount({ 'base-url': UNREACHABLE, 'recovery-factors': 'sms' });
    await click(element, 'Forgot password?');
    await enterIn(element, 'username');
    expect(errorText(element)).to.equal('Enter your username.');
    expect(focused(element)).to.equal(input(element, 'username'));
    expect(input(element, 'username').getAttribute('aria-invalid')).to.equal('true');
  });
});

describe('recovery states from raw transactions', () => {
  afterEach(cleanup);

  it('RECOVERY_CHALLENGE by SMS asks for the code with a countdown before "send again"', async () => {
    const element = await mount({ 'base-url': UNREACHABLE });
    element.transaction = recoverySmsChallenge();
    await waitForHeading(element, 'Enter the code from the text message');
    expect(input(element, 'passCode').inputMode).to.equal('numeric');
    expect(input(element, 'passCode').autocomplete).to.equal('one-time-code');
    expect(button(element, 'Send again').disabled).to.equal(true);
    expect(root(element).querySelector('[part="countdown"]')?.textContent).to.match(/in (30|29) s/);
    await expectAccessible(element);
  });

  it('RECOVERY_CHALLENGE by email says to check the email and goes back to sign-in without a request', async () => {
    const element = await mount({ 'base-url': UNREACHABLE });
    const errors: Error[] = [];
    element.addEventListener('okta-authn-error', (event) => errors.push(event.detail.error));
    element.transaction = { status: 'RECOVERY_CHALLENGE', factorResult: 'WAITING', factorType: 'EMAIL', recoveryType: 'UNLOCK' };
    await waitForHeading(element, 'Check your email');
    expect(root(element).textContent).to.include('We sent an email with a link to unlock your account.');
    await expectAccessible(element);
    await click(element, 'Back to sign in');
    await waitForHeading(element, 'Sign in');
    expect(errors).to.deep.equal([]);
  });

  it('RECOVERY shows the question as the label of the answer and refuses an empty answer', async () => {
    const element = await mount({ 'base-url': UNREACHABLE });
    element.transaction = {
      stateToken: '00rq',
      expiresAt: '2030-01-01T00:00:00.000Z',
      status: 'RECOVERY',
      recoveryType: 'PASSWORD',
      _embedded: { user: { id: '00u1', profile: { login: 'ada@example.test' }, recovery_question: { question: QUESTION } } },
      _links: { next: { name: 'answer', href: `${UNREACHABLE}/api/v1/authn/recovery/answer` }, cancel: { href: `${UNREACHABLE}/api/v1/authn/cancel` } },
    };
    await waitForHeading(element, 'Answer your security question');
    expect(root(element).querySelector(`label[for="${input(element, 'answer').id}"]`)?.textContent).to.equal(QUESTION);
    await enterIn(element, 'answer');
    expect(errorText(element)).to.equal('Enter your answer.');
    await expectAccessible(element);
  });
});

describe('recovery and unlock against the simulator', () => {
  const baseUrl = useSimulator();

  it('forgot password by voice call, then the reset password answers MFA_REQUIRED: the person is told the password changed and verifies to finish', async () => {
    const user = await createUser({ sms: true });
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true, 'recovery-factors': 'email sms call' });
    const states: string[] = [];
    element.addEventListener('okta-authn-state', (event) => states.push(event.detail.status));
    await click(element, 'Forgot password?');
    await type(element, 'username', user.login);
    await click(element, 'Call me');
    await waitForHeading(element, 'Enter the code from the call');
    expect(focused(element)).to.equal(input(element, 'passCode'));
    const code = await lastCode(user.phone, 'call');
    await type(element, 'passCode', code === '000000' ? '111111' : '000000');
    await press('Enter');
    await until(() => errorText(element).includes('That code is not correct'), 'the wrong-code error');
    expect(focused(element)).to.equal(input(element, 'passCode'));
    await type(element, 'passCode', code);
    await press('Enter');
    await waitForHeading(element, 'Answer your security question');
    await expectAccessible(element);
    await type(element, 'answer', 'Turing');
    await press('Enter');
    await until(() => errorText(element).includes('does not match our records'), 'the wrong-answer error');
    await type(element, 'answer', ANSWER);
    await press('Enter');
    await waitForHeading(element, 'Reset your password');
    await setNewPassword(element, 'short');
    await until(() => errorText(element).startsWith('Your new password does not meet the requirements'), 'the policy error');
    expect(root(element).querySelectorAll('[part~="field-error"] li').length).to.be.greaterThan(0);
    await setNewPassword(element, NEW_PASSWORD);
    await waitForHeading(element, 'Verify with a text message');
    expect(notice(element)).to.equal('Your password has been changed. Verify your identity to finish signing in.');
    await expectAccessible(element);
    await click(element, 'Send code');
    await until(() => Boolean(root(element).querySelector('[name="passCode"]')), 'the code field');
    expect(notice(element), 'the notice stays during the challenge').to.include('Your password has been changed');
    const success = oneEvent(element, 'okta-authn-success');
    await type(element, 'passCode', await lastCode(user.phone, 'sms'));
    await press('Enter');
    expect((await success).detail.sessionToken).to.be.a('string');
    expect(states).to.deep.equal(['RECOVERY_CHALLENGE', 'RECOVERY', 'PASSWORD_RESET', 'MFA_REQUIRED', 'MFA_CHALLENGE', 'SUCCESS']);
    const signIn = await fetch(`${baseUrl()}/api/v1/authn`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ username: user.login, password: NEW_PASSWORD }),
    });
    expect(((await signIn.json()) as { status: string }).status, 'the new password works').to.equal('MFA_REQUIRED');
  });

  it('forgot password by email: "check your email", then the link (recovery-token) leads to the question and a new password', async () => {
    const user = await createUser({ mfa: 'none' });
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true });
    await click(element, 'Forgot password?');
    await type(element, 'username', user.login);
    await press('Enter');
    await waitForHeading(element, 'Check your email');
    expect(root(element).textContent).to.include(`If ${user.login} has an account, we sent an email`);
    await expectAccessible(element);
    const token = await lastCode(user.login, 'email');
    expect((await outbox(user.login, 'email')).at(-1)?.text, 'the email carries the link').to.include(token);
    cleanup();

    const fromLink = await mount({ 'base-url': baseUrl(), 'no-remember-me': true, 'recovery-token': token });
    await waitForHeading(fromLink, 'Answer your security question');
    await type(fromLink, 'answer', ANSWER.toLowerCase());
    await press('Enter');
    await waitForHeading(fromLink, 'Reset your password');
    const success = oneEvent(fromLink, 'okta-authn-success');
    await setNewPassword(fromLink, NEW_PASSWORD);
    expect((await success).detail.user?.profile.login).to.equal(user.login);
    cleanup();

    const reused = await mount({ 'base-url': baseUrl(), 'recovery-token': token });
    await until(() => `${notice(reused)} ${errorText(reused)}`.includes('This recovery link has expired or has already been used'), 'the used-link message');
    expect(heading(reused)).to.equal('Sign in');
    await expectAccessible(reused);
  });

  it('unlock account by SMS: code, question, "account unlocked", then sign in works', async () => {
    const user = await createUser({ mfa: 'none' });
    expect((await sim('POST', `/api/v1/users/${user.id}/lifecycle/lock`)).status).to.be.oneOf([200, 204]);
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true, 'recovery-factors': 'sms', unlock: true });
    await click(element, 'Unlock account?');
    await waitForHeading(element, 'Unlock your account');
    await type(element, 'username', user.login);
    await press('Enter');
    await waitForHeading(element, 'Enter the code from the text message');
    await type(element, 'passCode', await lastCode(user.phone, 'sms'));
    await press('Enter');
    await waitForHeading(element, 'Answer your security question');
    expect(root(element).textContent).to.include('to unlock your account');
    let fired = false;
    element.addEventListener('okta-authn-success', () => (fired = true));
    await type(element, 'answer', ANSWER);
    await press('Enter');
    await waitForHeading(element, 'Account unlocked');
    expect(root(element).textContent).to.include('Your account is unlocked. You can sign in now.');
    expect(fired, 'an unlock is not a sign-in').to.equal(false);
    await expectAccessible(element);
    await click(element, 'Back to sign in');
    await waitForHeading(element, 'Sign in');
    const success = oneEvent(element, 'okta-authn-success');
    await type(element, 'username', user.login);
    await type(element, 'password', PASSWORD);
    await press('Enter');
    expect((await success).detail.sessionToken).to.be.a('string');
  });

  it('a trusted-app RECOVERY with a recoveryToken is exchanged on "Continue"', async () => {
    const user = await createUser({ mfa: 'none' });
    const trusted = await sim<Record<string, unknown>>('POST', '/api/v1/authn/recovery/password', { username: user.login });
    expect(trusted.body.recoveryToken).to.be.a('string');
    const element = await mount({ 'base-url': baseUrl() });
    element.transaction = trusted.body;
    await waitForHeading(element, 'Continue your recovery');
    await expectAccessible(element);
    await click(element, 'Continue');
    await waitForHeading(element, 'Answer your security question');
  });
});

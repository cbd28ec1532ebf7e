import { expect, oneEvent } from '@open-wc/testing';
import { click, errorText, expectAccessible, expectBanner, expectFieldError, find, focused, heading, input, mount, notice, press, sim, type, until, waitForHeading } from './helpers.js';
import { createUser, lastCode, signIn, useSimulator } from './factors-support.js';

describe('flows against the simulator', () => {
  const baseUrl = useSimulator();

  it('a wrong password shows the plain message in the banner (it is not one field\'s) and focuses the password field to retype', async () => {
    const user = await createUser({ mfa: 'none' });
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true });
    await signIn(element, user.login, 'Not-the-password1');
    await until(() => errorText(element) === 'The username or password is incorrect.', 'the wrong-password error', element);
    expectBanner(element, 'The username or password is incorrect.');
    expect(focused(element)).to.equal(input(element, 'password'));
    await expectAccessible(element);
  });

  it('the right password without MFA fires okta-authn-success with a session token', async () => {
    const user = await createUser({ mfa: 'none' });
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true });
    const success = oneEvent(element, 'okta-authn-success');
    await signIn(element, user.login);
    const event = await success;
    expect(event.detail.sessionToken).to.be.a('string').and.not.equal('');
    expect(event.detail.user?.profile.login).to.equal(user.login);
    await waitForHeading(element, 'You are signed in');
    await expectAccessible(element);
  });

  it('SMS MFA: send the code, a wrong code is said under the code field, which keeps the focus, the right code signs in', async () => {
    const user = await createUser({ sms: true });
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true });
    const states: string[] = [];
    element.addEventListener('okta-authn-state', (event) => states.push(event.detail.status));
    await signIn(element, user.login);
    await waitForHeading(element, 'Verify with a text message');
    expect(states).to.deep.equal(['MFA_REQUIRED']);
    await expectAccessible(element);
    await click(element, 'Send code');
    await until(() => find(element, '[name="passCode"]') !== null, 'the code field', element);
    expect(focused(element)).to.equal(input(element, 'passCode'));
    expect(find(element, '[part="countdown"]')?.textContent).to.match(/send a new code in \d+ s/);
    await expectAccessible(element);
    const code = await lastCode(user.phone);
    await type(element, 'passCode', code === '000000' ? '111111' : '000000');
    await press('Enter');
    await until(() => errorText(element) === 'That code is not correct. Check it and try again.', 'the wrong-code error', element);
    expectFieldError(element, 'passCode', 'That code is not correct. Check it and try again.');
    await expectAccessible(element);
    const success = oneEvent(element, 'okta-authn-success');
    await type(element, 'passCode', code);
    await press('Enter');
    const event = await success;
    expect(event.detail.sessionToken).to.be.a('string');
    expect(states).to.deep.equal(['MFA_REQUIRED', 'MFA_CHALLENGE', 'SUCCESS']);
  });

  it('an expired stateToken returns to sign-in with a notice', async () => {
    const user = await createUser({ sms: true });
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true });
    await signIn(element, user.login);
    await waitForHeading(element, 'Verify with a text message');
    await sim('POST', '/__sim/clock/advance', { seconds: 3600 });
    await click(element, 'Send code');
    await waitForHeading(element, 'Sign in');
    expect(notice(element)).to.include('Your session has expired');
    expect(heading(element)).to.equal('Sign in');
    await expectAccessible(element);
  });
});

import { expect, oneEvent } from '@open-wc/testing';
import { applyClassicConfig } from '../../src/classic-config.js';
import type { OktaAuthn } from '../../src/okta-authn.js';
import { button, click, errorText, expectAccessible, find, focused, heading, input, mount, press, sim, type, until, waitForHeading } from './helpers.js';
import { addFactor, createUser, lastCode, useSimulator } from './factors-support.js';
import type { TestUser } from './factors-support.js';

/** A user with an SMS factor whose sign-on policy allows (or not) signing in with the username alone. */
async function smsUser(passwordless: boolean): Promise<TestUser> {
  const user = await createUser({ mfa: 'none', sms: true });
  const updated = await sim('PUT', `/__sim/users/${user.id}/policy`, { passwordless });
  expect(updated.status, JSON.stringify(updated.body)).to.equal(200);
  return user;
}

/** Types the username on the passwordless first step and presses Enter ("Next"). */
async function next(element: OktaAuthn, login: string): Promise<void> {
  await type(element, 'username', login);
  await press('Enter');
}

describe('passwordless (username first)', () => {
  const baseUrl = useSimulator();

  it('asks for the username alone with "Next", then the factor, through to SUCCESS', async () => {
    const user = await smsUser(true);
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true, passwordless: true });
    expect(find(element, '[name="password"]')).to.equal(null);
    expect(button(element, 'Next').type).to.equal('submit');
    await expectAccessible(element);
    const states: string[] = [];
    element.addEventListener('okta-authn-state', (event) => states.push(event.detail.status));
    await next(element, user.login);
    await waitForHeading(element, 'Verify with a text message');
    expect(states).to.deep.equal(['UNAUTHENTICATED']);
    await expectAccessible(element);
    await click(element, 'Send code');
    await until(() => find(element, '[name="passCode"]') !== null, 'the code field', element);
    const success = oneEvent(element, 'okta-authn-success');
    await type(element, 'passCode', await lastCode(user.phone));
    await press('Enter');
    const event = await success;
    expect(event.detail.sessionToken).to.be.a('string').and.not.equal('');
    expect(event.detail.user?.profile.login).to.equal(user.login);
    expect(states).to.deep.equal(['UNAUTHENTICATED', 'MFA_CHALLENGE', 'SUCCESS']);
  });

  it('with several factors, "Choose a security method" lists them; the security question answered signs in', async () => {
    const user = await smsUser(true);
    await addFactor(user, { factorType: 'question', provider: 'OKTA', profile: { question: 'disliked_food', answer: 'mayonnaise' } });
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true, passwordless: true });
    await next(element, user.login);
    await waitForHeading(element, 'Choose a security method');
    await expectAccessible(element);
    await click(element, 'Security question');
    await waitForHeading(element, 'Answer your security question');
    const success = oneEvent(element, 'okta-authn-success');
    await type(element, 'answer', 'mayonnaise');
    await press('Enter');
    expect((await success).detail.user?.profile.login).to.equal(user.login);
  });

  it('a passwordless transaction resumed by its stateToken opens at the factor step', async () => {
    const user = await smsUser(true);
    const started = await sim<{ status: string; stateToken: string }>('POST', '/api/v1/authn', { username: user.login });
    expect(started.body.status).to.equal('UNAUTHENTICATED');
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true, 'state-token': started.body.stateToken });
    await waitForHeading(element, 'Verify with a text message');
    expect(find(element, '[name="username"]')).to.equal(null);
  });

  it('"Back to sign in" from the factor step cancels and shows the username-only form again', async () => {
    const user = await smsUser(true);
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true, passwordless: true });
    await next(element, user.login);
    await waitForHeading(element, 'Verify with a text message');
    await click(element, 'Back to sign in');
    await waitForHeading(element, 'Sign in');
    expect(find(element, '[name="password"]')).to.equal(null);
    button(element, 'Next');
  });

  it('an org whose policy does not allow it: the error says so on the username field, and nothing is signed in', async () => {
    const user = await smsUser(false);
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true, passwordless: true });
    await next(element, user.login);
    await until(() => errorText(element).startsWith('We could not sign you in without a password.'), 'the passwordless error', element);
    expect(focused(element)).to.equal(input(element, 'username'));
    expect(heading(element)).to.equal('Sign in');
    await expectAccessible(element);
  });

  it('an empty username is refused on the page, without a request', async () => {
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true, passwordless: true });
    input(element, 'username').focus();
    await press('Enter');
    await until(() => errorText(element) === 'Enter your username.', 'the required-username error', element);
    expect(focused(element)).to.equal(input(element, 'username'));
  });

  it("the classic widget's features.passwordlessAuth turns it on", async () => {
    const element = await mount({ 'base-url': baseUrl() });
    const unmapped = applyClassicConfig(element, { baseUrl: baseUrl(), features: { passwordlessAuth: true } });
    expect(unmapped).to.deep.equal([]);
    expect(element.passwordless).to.equal(true);
    await element.updateComplete;
    expect(find(element, '[name="password"]')).to.equal(null);
    button(element, 'Next');
  });
});

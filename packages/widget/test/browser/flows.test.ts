import { expect, oneEvent } from '@open-wc/testing';
import type { OktaAuthn } from '../../src/okta-authn.js';
import { cleanup, click, errorText, expectAccessible, focused, heading, input, mount, press, sim, simulatorUrl, type, waitForHeading } from './helpers.js';

const PASSWORD = 'Correct-Horse-9!';
let counter = 0;

interface CreatedUser {
  id: string;
  login: string;
  phone: string;
}

/** Creates an active user with a password (and an active SMS factor and MFA policy when asked). */
async function createUser(options: { sms?: boolean } = {}): Promise<CreatedUser> {
  counter += 1;
  const login = `widget.${Date.now()}.${counter}@example.test`;
  const phone = `+1555303${String(1000 + counter).slice(-4)}`;
  const created = await sim<{ id: string }>('POST', '/api/v1/users?activate=true', {
    profile: { login, email: login, firstName: 'Wanda', lastName: 'Widget', mobilePhone: phone },
    credentials: { password: { value: PASSWORD } },
  });
  expect(created.status, JSON.stringify(created.body)).to.equal(200);
  const user = { id: created.body.id, login, phone };
  if (options.sms) {
    const factor = await sim('POST', `/api/v1/users/${user.id}/factors?activate=true`, { factorType: 'sms', provider: 'OKTA', profile: { phoneNumber: phone } });
    expect(factor.status, JSON.stringify(factor.body)).to.be.oneOf([200, 201]);
    const policy = await sim('PUT', `/__sim/users/${user.id}/policy`, { mfa: 'required' });
    expect(policy.status).to.equal(200);
  }
  return user;
}

/** The newest code sent to `to`. */
async function lastCode(to: string): Promise<string> {
  const outbox = await sim<{ code: string }[]>('GET', `/__sim/outbox?to=${encodeURIComponent(to)}`);
  const code = outbox.body.at(-1)?.code;
  if (!code) throw new Error(`No message sent to ${to}`);
  return code;
}

async function signIn(element: OktaAuthn, login: string, password: string): Promise<void> {
  await type(element, 'username', login);
  await type(element, 'password', password);
  await press('Enter');
}

describe('flows against the simulator', () => {
  let baseUrl: string;

  before(async () => {
    baseUrl = await simulatorUrl();
  });

  afterEach(cleanup);

  it('a wrong password shows the plain message and focuses the password field', async () => {
    const user = await createUser();
    const element = await mount({ 'base-url': baseUrl, 'no-remember-me': true });
    await signIn(element, user.login, 'Not-the-password1');
    await waitFor(() => errorText(element) === 'The username or password is incorrect.');
    expect(focused(element)).to.equal(input(element, 'password'));
    await expectAccessible(element);
  });

  it('the right password without MFA fires okta-authn-success with a session token', async () => {
    const user = await createUser();
    const element = await mount({ 'base-url': baseUrl, 'no-remember-me': true });
    const success = oneEvent(element, 'okta-authn-success');
    await signIn(element, user.login, PASSWORD);
    const event = await success;
    expect(event.detail.sessionToken).to.be.a('string').and.not.equal('');
    expect(event.detail.user?.profile.login).to.equal(user.login);
    await waitForHeading(element, 'You are signed in');
    await expectAccessible(element);
  });

  it('SMS MFA: send the code, a wrong code keeps the code field focused, the right code signs in', async () => {
    const user = await createUser({ sms: true });
    const element = await mount({ 'base-url': baseUrl, 'no-remember-me': true });
    const states: string[] = [];
    element.addEventListener('okta-authn-state', (event) => states.push(event.detail.status));
    await signIn(element, user.login, PASSWORD);
    await waitForHeading(element, 'Verify with a text message');
    expect(states).to.deep.equal(['MFA_REQUIRED']);
    await expectAccessible(element);
    await click(element, 'Send code');
    await waitFor(() => Boolean(element.shadowRoot?.querySelector('[name="passCode"]')));
    expect(focused(element)).to.equal(input(element, 'passCode'));
    expect(element.shadowRoot?.querySelector('[part="countdown"]')?.textContent).to.match(/send a new code in \d+ s/);
    await expectAccessible(element);
    const code = await lastCode(user.phone);
    await type(element, 'passCode', code === '000000' ? '111111' : '000000');
    await press('Enter');
    await waitFor(() => errorText(element) === 'That code is not correct. Check it and try again.');
    expect(focused(element)).to.equal(input(element, 'passCode'));
    const success = oneEvent(element, 'okta-authn-success');
    await type(element, 'passCode', code);
    await press('Enter');
    const event = await success;
    expect(event.detail.sessionToken).to.be.a('string');
    expect(states).to.deep.equal(['MFA_REQUIRED', 'MFA_CHALLENGE', 'SUCCESS']);
  });

  it('an expired stateToken returns to sign-in with a notice', async () => {
    const user = await createUser({ sms: true });
    const element = await mount({ 'base-url': baseUrl, 'no-remember-me': true });
    await signIn(element, user.login, PASSWORD);
    await waitForHeading(element, 'Verify with a text message');
    await sim('POST', '/__sim/clock/advance', { seconds: 3600 });
    await click(element, 'Send code');
    await waitForHeading(element, 'Sign in');
    expect(element.shadowRoot?.querySelector('[part="notice"]')?.textContent).to.include('Your session has expired');
    expect(heading(element)).to.equal('Sign in');
    await expectAccessible(element);
  });
});

async function waitFor(predicate: () => boolean, timeout = 15000): Promise<void> {
  const started = performance.now();
  while (!predicate()) {
    if (performance.now() - started > timeout) throw new Error('Timed out');
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}

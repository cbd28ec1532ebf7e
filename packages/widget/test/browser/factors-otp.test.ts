import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { cleanup, click, errorText, expectAccessible, find, focused, heading, input, mount, press, text, type, until, waitForHeading } from './helpers.js';
import { addFactor, createUser, lastCode, laterBy, outbox, signIn, useSimulator } from './factors-support.js';

describe('code-by-message factors (SMS, voice call, email) against the simulator', () => {
  const baseUrl = useSimulator();

  it('SMS enrollment: country and number, a wrong code keeps the step, "send again" after the countdown, the new code activates', async () => {
    const user = await createUser({ enroll: ['sms'] });
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true, lang: 'en-US' });
    await signIn(element, user.login);
    await until(() => text(element).includes('SMS'), 'the enrollment list', element);
    await click(element, 'SMS');
    await waitForHeading(element, 'Set up text message verification');
    const country = find<HTMLSelectElement>(element, 'select[name="countryCode"]')!;
    expect(country.value, 'preselected from lang').to.equal('US');
    expect(country.getAttribute('autocomplete')).to.equal('country');
    expect(input(element, 'phoneNumber').getAttribute('autocomplete')).to.equal('tel-national');
    expect(focused(element)).to.equal(input(element, 'phoneNumber'));
    await expectAccessible(element);

    await press('Enter');
    expect(errorText(element)).to.equal('Enter your phone number.');
    country.value = 'GB';
    country.dispatchEvent(new Event('change', { bubbles: true }));
    const digits = String(Date.now()).slice(-5);
    const national = `07700 9${digits}`;
    const e164 = `+4477009${digits}`;
    await type(element, 'phoneNumber', national);
    await press('Enter');
    await waitForHeading(element, 'Enter the code we texted you');
    expect(find(element, '[part="countdown"]')?.textContent).to.match(/send a new code in \d+ seconds?\./);
    expect(find<HTMLButtonElement>(element, '[part~="resend"]')?.disabled).to.equal(true);
    const first = await lastCode(e164);
    await expectAccessible(element);

    await type(element, 'passCode', first === '000000' ? '111111' : '000000');
    await press('Enter');
    await until(() => errorText(element) === 'That code is not correct. Check it and try again.', 'the wrong-code message', element);
    expect(focused(element)).to.equal(input(element, 'passCode'));
    expect(heading(element)).to.equal('Enter the code we texted you');

    await laterBy(31, async () => {
      await until(() => find<HTMLButtonElement>(element, '[part~="resend"]')?.disabled === false, '"send again" to be enabled', element);
      await click(element, 'Send again');
      await until(() => (find(element, '[part="countdown"]')?.textContent?.trim() ?? '') !== '', 'a new countdown', element);
    });
    const messages = await outbox(e164);
    expect(messages.length).to.equal(2);
    const second = messages.at(-1)!.code!;
    const success = oneEvent(element, 'okta-authn-success');
    await type(element, 'passCode', second);
    await press('Enter');
    expect((await success).detail.sessionToken).to.be.a('string');
  });

  it('voice call enrollment sends the extension and the call activates; verify calls the number again', async () => {
    const user = await createUser({ enroll: ['call'] });
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true, lang: 'en-US' });
    await signIn(element, user.login);
    await until(() => text(element).includes('Voice call'), 'the enrollment list', element);
    await click(element, 'Voice call');
    await waitForHeading(element, 'Set up voice call verification');
    expect(input(element, 'phoneExtension').getAttribute('autocomplete')).to.equal('tel-extension');
    await type(element, 'phoneNumber', user.phone.slice(2));
    await type(element, 'phoneExtension', '42');
    await press('Enter');
    await waitForHeading(element, 'Enter the code from the call');
    const call = (await outbox(user.phone)).at(-1)!;
    expect(call.channel).to.equal('call');
    await expectAccessible(element);
    const success = oneEvent(element, 'okta-authn-success');
    await type(element, 'passCode', call.code!);
    await press('Enter');
    await success;
    cleanup();

    const again = await mount({ 'base-url': baseUrl(), 'no-remember-me': true });
    await signIn(again, user.login);
    await waitForHeading(again, 'Verify with a voice call');
    expect(text(again)).to.include('+1 XXX-XXX-');
    // One call per 30 s: the person signs in again a little later.
    await laterBy(31, async () => {
      await click(again, 'Call me');
      await until(() => text(again).includes('We are calling'), 'the code step', again);
      const done = oneEvent(again, 'okta-authn-success');
      await type(again, 'passCode', await lastCode(user.phone));
      await press('Enter');
      await done;
    });
  });

  it('email verify: the CHALLENGE answer shows the code step, a wrong code is refused, "send again" sends a new one', async () => {
    const user = await createUser({ allowRememberDevice: true, rememberDeviceLifetimeInMinutes: 0 });
    await addFactor(user, { factorType: 'email', provider: 'OKTA', profile: { email: user.login } });
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true });
    const states: string[] = [];
    element.addEventListener('okta-authn-state', (event) => states.push(event.detail.status));
    await signIn(element, user.login);
    await waitForHeading(element, 'Verify with an email code');
    expect(text(element)).to.match(/We will send a code to f\.\.\.\d@example\.test|We will send a code to \S+@example\.test/);
    await click(element, 'Send code');
    await until(() => text(element).includes('We sent a code to'), 'the code step', element);
    expect(input(element, 'rememberDevice').checked).to.equal(false);
    expect(text(element)).to.include('Don’t ask again on this device');
    await expectAccessible(element);
    await type(element, 'passCode', '12345');
    await press('Enter');
    await until(() => errorText(element).includes('not correct'), 'the wrong-code message', element);
    expect(focused(element)).to.equal(input(element, 'passCode'));
    await laterBy(31, async () => {
      await until(() => find<HTMLButtonElement>(element, '[part~="resend"]')?.disabled === false, '"send again" to be enabled', element);
      await click(element, 'Send again');
      await until(() => (find(element, '[part="countdown"]')?.textContent?.trim() ?? '') !== '', 'a new countdown', element);
    });
    expect((await outbox(user.login)).length).to.equal(2);
    const success = oneEvent(element, 'okta-authn-success');
    await type(element, 'passCode', await lastCode(user.login));
    await press('Enter');
    await success;
    expect(states.filter((status, index) => status !== states[index - 1])).to.deep.equal(['MFA_REQUIRED', 'MFA_CHALLENGE', 'SUCCESS']);
  });

  it('email enrollment sends a code to the primary address and the code activates it', async () => {
    const user = await createUser({ enroll: ['email'] });
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true });
    await signIn(element, user.login);
    await until(() => text(element).includes('Email'), 'the enrollment list', element);
    await click(element, 'Email');
    await waitForHeading(element, 'Set up email verification');
    await expectAccessible(element);
    await sendKeys({ press: 'Tab' });
    await click(element, 'Send code');
    await waitForHeading(element, 'Enter the code we emailed you');
    await expectAccessible(element);
    const success = oneEvent(element, 'okta-authn-success');
    await type(element, 'passCode', await lastCode(user.login));
    await press('Enter');
    await success;
  });
});

import { expect, oneEvent } from '@open-wc/testing';
import { registerLocale } from '../../src/i18n/index.js';
import { cleanup, button, click, enterIn, errorText, expectAccessible, expectFieldError, focused, heading, input, mount, press, root, type, until, waitForHeading } from './helpers.js';
import { UNREACHABLE, lockedOutState, mfaRequired, passwordState, smsChallenge, smsFactor, successState } from './raw-fixtures.js';


function announced(element: HTMLElement): string {
  return (element.shadowRoot ?? element).querySelector('[role="status"][aria-live]')?.textContent ?? '';
}

describe('primary auth view', () => {
  afterEach(() => {
    cleanup();
    localStorage.clear();
  });

  it('has labelled fields with real names and autocomplete tokens, and is accessible', async () => {
    const element = await mount({ 'base-url': UNREACHABLE });
    expect(heading(element)).to.equal('Sign in');
    expect(input(element, 'username').autocomplete).to.equal('username');
    expect(input(element, 'password').autocomplete).to.equal('current-password');
    expect(input(element, 'password').type).to.equal('password');
    expect(root(element).querySelectorAll('form')).to.have.length(1);
    await expectAccessible(element);
  });

  it('pressing Enter with an empty username shows the error under the username field and focuses it', async () => {
    const element = await mount({ 'base-url': UNREACHABLE });
    await enterIn(element, 'username');
    expectFieldError(element, 'username', 'Enter your username.');
    await expectAccessible(element);
  });

  it('the show-password toggle reveals and hides the password and says whether it is pressed', async () => {
    const element = await mount({ 'base-url': UNREACHABLE });
    const toggle = button(element, 'Show password');
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    await click(element, 'Show password');
    expect(input(element, 'password').type).to.equal('text');
    expect(button(element, 'Show password').getAttribute('aria-pressed')).to.equal('true');
    await click(element, 'Show password');
    expect(input(element, 'password').type).to.equal('password');
  });

  it('a network failure shows a plain message with a retry button, and retry tries again', async () => {
    const element = await mount({ 'base-url': UNREACHABLE });
    const failures: Error[] = [];
    element.addEventListener('okta-authn-error', (event) => failures.push(event.detail.error));
    await type(element, 'username', 'ada@example.test');
    await type(element, 'password', 'Secret-123');
    await press('Enter');
    await until(() => errorText(element).includes('could not reach'), 'the network error');
    expect(failures[0]?.name).to.equal('NetworkError');
    await expectAccessible(element);
    await click(element, 'Try again');
    await until(() => failures.length === 2, 'the retried request to fail too');
  });

  it('"remember me" does not store the username when the sign-in fails', async () => {
    const first = await mount({ 'base-url': UNREACHABLE });
    await type(first, 'username', 'grace@example.test');
    await type(first, 'password', 'whatever');
    input(first, 'remember').click();
    await press('Enter');
    await until(() => errorText(first) !== '', 'the sign-in attempt to finish');
    expect(localStorage.length).to.equal(0);
    cleanup();
    const second = await mount({ 'base-url': UNREACHABLE });
    expect(input(second, 'username').value).to.equal('');
    expect(input(second, 'remember').checked).to.equal(false);
  });

  it('links to help at the org by default, and help-url="none" hides it', async () => {
    const element = await mount({ 'base-url': 'https://org.example.test' });
    expect(root(element).querySelector('a')?.getAttribute('href')).to.equal('https://org.example.test/help/login');
    const hidden = await mount({ 'base-url': 'https://org.example.test', 'help-url': 'none' });
    expect(root(hidden).querySelector('a')).to.equal(null);
  });
});

describe('password views', () => {
  afterEach(cleanup);

  it('PASSWORD_RESET ticks the policy rules as the person types and announces each change', async () => {
    const element = await mount({ 'base-url': UNREACHABLE });
    element.transaction = passwordState('PASSWORD_RESET');
    await waitForHeading(element, 'Reset your password');
    const rules = () => [...root(element).querySelectorAll('[part="password-rules"] li')].map((item) => `${item.classList.contains('met') ? '✓' : '○'} ${item.querySelector('span')?.textContent}`);
    expect(rules()).to.deep.equal(['○ At least 8 characters', '○ A lowercase letter', '○ An uppercase letter', '○ A number', '✓ No parts of your username', '✓ Does not include your first name']);
    await type(element, 'newPassword', 'a');
    await element.updateComplete;
    expect(rules()).to.include('✓ A lowercase letter');
    expect(announced(element)).to.include('A lowercase letter: met');
    await sendMore(element, 'Lovelace');
    expect(rules()).to.include('○ No parts of your username');
    for (let i = 0; i < 8; i += 1) await sendMore(element, '', 'Backspace');
    await sendMore(element, 'Bcdefgh1');
    expect(rules().every((rule) => rule.startsWith('✓'))).to.equal(true);
    expect(input(element, 'newPassword').getAttribute('aria-describedby')).to.include('rules');
    await expectAccessible(element);
  });

  it('says under the rules how many old passwords cannot come back and how long to wait between changes, when the policy has them', async () => {
    const element = await mount({ 'base-url': UNREACHABLE });
    element.transaction = passwordState('PASSWORD_EXPIRED', { minAgeMinutes: 90, historyCount: 1 });
    await waitForHeading(element, 'Your password has expired');
    expect(root(element).textContent).to.include('Your new password cannot be your last password.');
    expect(root(element).textContent).to.include('You can change your password only once every 90 minutes.');
    const none = await mount({ 'base-url': UNREACHABLE });
    none.transaction = passwordState('PASSWORD_EXPIRED', { minAgeMinutes: 0, historyCount: 0 });
    await waitForHeading(none, 'Your password has expired');
    expect(root(none).textContent).not.to.include('cannot be your last');
    expect(root(none).textContent).not.to.include('only once every');
    await expectAccessible(element);
  });

  it('PASSWORD_RESET refuses a confirmation that does not match, without a request, under the confirmation', async () => {
    const element = await mount({ 'base-url': UNREACHABLE });
    element.transaction = passwordState('PASSWORD_RESET');
    await waitForHeading(element, 'Reset your password');
    await type(element, 'newPassword', 'Abcdefg1');
    await type(element, 'confirmPassword', 'Abcdefg2');
    await press('Enter');
    await element.updateComplete;
    expectFieldError(element, 'confirmPassword', 'The passwords do not match.');
    expect(input(element, 'newPassword').getAttribute('aria-invalid')).to.equal('false');
    await expectAccessible(element);
  });

  it('PASSWORD_WARN says when the password expires and offers "remind me later"', async () => {
    const element = await mount({ 'base-url': UNREACHABLE });
    element.transaction = passwordState('PASSWORD_WARN');
    await waitForHeading(element, 'Your password expires in 3 days');
    expect(input(element, 'oldPassword').autocomplete).to.equal('current-password');
    expect(input(element, 'newPassword').autocomplete).to.equal('new-password');
    expect(button(element, 'Remind me later').isConnected).to.equal(true);
    await expectAccessible(element);
  });

  it('PASSWORD_EXPIRED asks for the current and a new password and cannot be skipped', async () => {
    const element = await mount({ 'base-url': UNREACHABLE });
    element.transaction = passwordState('PASSWORD_EXPIRED');
    await waitForHeading(element, 'Your password has expired');
    expect(() => button(element, 'Remind me later')).to.throw();
    await expectAccessible(element);
  });
});

async function sendMore(element: HTMLElement & { updateComplete: Promise<boolean> }, text: string, key?: string): Promise<void> {
  const { sendKeys } = await import('@web/test-runner-commands');
  await sendKeys(key ? { press: key } : { type: text });
  await element.updateComplete;
}

describe('MFA views', () => {
  afterEach(cleanup);

  it('MFA_REQUIRED with two SMS factors offers both, named alike and told apart by the masked number under the name, and "choose another" returns to the list', async () => {
    const element = await mount({ 'base-url': UNREACHABLE });
    element.transaction = mfaRequired([smsFactor('sms1', '+1 XXX-XXX-4242'), smsFactor('sms2', '+1 XXX-XXX-1111')]);
    await waitForHeading(element, 'Choose a security method');
    const parts = (name: string) => [...root(element).querySelectorAll(`[part="factor"] [part="${name}"]`)].map((item) => item.textContent?.trim());
    expect(parts('factor-name')).to.deep.equal(['SMS', 'SMS']);
    expect(parts('factor-description')).to.deep.equal(['A code by text message to +1 XXX-XXX-4242', 'A code by text message to +1 XXX-XXX-1111']);
    await expectAccessible(element);
    await click(element, 'XXX-XXX-1111');
    await waitForHeading(element, 'Verify with a text message');
    expect(root(element).textContent).to.include('We will send a code to +1 XXX-XXX-1111.');
    expect(focused(element)?.textContent).to.include('Send code');
    await expectAccessible(element);
    await click(element, 'Choose another security method');
    await waitForHeading(element, 'Choose a security method');
  });

  it('MFA_REQUIRED with one factor goes straight to it', async () => {
    const element = await mount({ 'base-url': UNREACHABLE });
    element.transaction = mfaRequired([smsFactor('sms1', '+1 XXX-XXX-4242')]);
    await waitForHeading(element, 'Verify with a text message');
    expect(() => button(element, 'Choose another')).to.throw();
  });

  it('a factor type the element does not support says so and lets the person pick another', async () => {
    const element = await mount({ 'base-url': UNREACHABLE });
    const strange = { id: 'x1', factorType: 'claims_provider', provider: 'CUSTOM', profile: {}, _links: {} };
    element.transaction = mfaRequired([strange, smsFactor('sms1', '+1 XXX-XXX-4242')]);
    await waitForHeading(element, 'Choose a security method');
    await click(element, 'claims_provider');
    await waitForHeading(element, 'This security method is not supported');
    await expectAccessible(element);
    await click(element, 'Choose another security method');
    await click(element, 'XXX-XXX-4242');
    await waitForHeading(element, 'Verify with a text message');
  });

  it('SMS challenge: numeric one-time-code field, remember device, and a countdown before "send again"', async () => {
    const element = await mount({ 'base-url': UNREACHABLE });
    element.transaction = smsChallenge();
    await waitForHeading(element, 'Verify with a text message');
    const code = input(element, 'passCode');
    expect(code.inputMode).to.equal('numeric');
    expect(code.autocomplete).to.equal('one-time-code');
    expect(root(element).textContent).to.include('Don’t ask again on this device for 1 day');
    expect(button(element, 'Send again').disabled).to.equal(true);
    expect(root(element).querySelector('[part="countdown"]')?.textContent).to.match(/in (30|29) s/);
    expect(root(element).querySelector('details summary')?.textContent).to.equal('Didn’t get it?');
    await expectAccessible(element);
    const realNow = Date.now;
    Date.now = () => realNow() + 31_000;
    try {
      await until(() => !button(element, 'Send again').disabled, 'send again to be offered');
      expect(announced(element)).to.include('You can now send a new code.');
    } finally {
      Date.now = realNow;
    }
  });

  it('SMS challenge: submitting without a code shows the error on the code field', async () => {
    const element = await mount({ 'base-url': UNREACHABLE });
    element.transaction = smsChallenge();
    await waitForHeading(element, 'Verify with a text message');
    await enterIn(element, 'passCode');
    expect(errorText(element)).to.equal('Enter the code.');
    expect(focused(element)).to.equal(input(element, 'passCode'));
  });
});

describe('other states', () => {
  afterEach(cleanup);

  it('LOCKED_OUT explains the lock and leads back to sign-in', async () => {
    const element = await mount({ 'base-url': UNREACHABLE });
    element.transaction = lockedOutState();
    await waitForHeading(element, 'Your account is locked');
    await expectAccessible(element);
    await click(element, 'Back to sign in');
    await waitForHeading(element, 'Sign in');
  });

  it('SUCCESS fires okta-authn-success and posts the token to the session endpoint with the CSRF header from the meta tag', async () => {
    const meta = document.createElement('meta');
    meta.name = 'csrf-token';
    meta.content = 'csrf-from-meta';
    document.head.append(meta);
    try {
      const element = await mount({ 'base-url': UNREACHABLE, 'session-endpoint': '/__widget-test/session' });
      const fired = oneEvent(element, 'okta-authn-success');
      element.transaction = successState('20111tokenA');
      const event = await fired;
      expect(event.detail.sessionToken).to.equal('20111tokenA');
      expect(event.detail.user?.profile.login).to.equal('ada.lovelace@example.test');
      // The POST runs as the element's own action once the event was not prevented: wait for it to be logged.
      let log: { body: unknown; headers: Record<string, string> }[] = [];
      const started = performance.now();
      while (log.length === 0 && performance.now() - started < 15000) {
        log = (await (await fetch('/__widget-test/session-log')).json()) as typeof log;
        if (log.length === 0) await new Promise((resolve) => requestAnimationFrame(resolve));
      }
      expect(log).to.have.length(1);
      expect(log[0]!.body).to.deep.equal({ sessionToken: '20111tokenA' });
      expect(log[0]!.headers['x-csrf-token']).to.equal('csrf-from-meta');
      expect(log[0]!.headers['content-type']).to.equal('application/json');
      await expectAccessible(element);
    } finally {
      meta.remove();
    }
  });

  it('a host that calls preventDefault on okta-authn-success gets no session POST', async () => {
    const element = await mount({ 'base-url': UNREACHABLE, 'session-endpoint': '/__widget-test/session', 'csrf-token': 'attr' });
    element.addEventListener('okta-authn-success', (event) => event.preventDefault());
    element.transaction = successState();
    await waitForHeading(element, 'You are signed in');
    const log = (await (await fetch('/__widget-test/session-log')).json()) as unknown[];
    expect(log).to.deep.equal([]);
  });

  it('a session endpoint that fails shows an error with retry', async () => {
    const element = await mount({ 'base-url': UNREACHABLE, 'session-endpoint': '/__widget-test/session?fail=1' });
    element.transaction = successState();
    await until(() => errorText(element).includes('could not start your session'), 'the session error');
    expect(button(element, 'Try again').isConnected).to.equal(true);
    await fetch('/__widget-test/session-log');
  });
});

describe('citizenship', () => {
  afterEach(cleanup);

  it('no-shadow renders the form into the light DOM with the styles adopted', async () => {
    const element = await mount({ 'base-url': UNREACHABLE, 'no-shadow': true });
    expect(element.shadowRoot).to.equal(null);
    expect(element.querySelector('form input[name="username"]')).to.not.equal(null);
    expect(getComputedStyle(element.querySelector('[part="base"]')!).borderTopLeftRadius).to.not.equal('0px');
    await expectAccessible(element);
  });

  it('two instances on a page keep separate ids and state', async () => {
    const first = await mount({ 'base-url': UNREACHABLE, 'no-shadow': true });
    const second = await mount({ 'base-url': UNREACHABLE, 'no-shadow': true });
    expect(input(first, 'username').id).to.not.equal(input(second, 'username').id);
    second.transaction = lockedOutState();
    await waitForHeading(second, 'Your account is locked');
    expect(heading(first)).to.equal('Sign in');
  });

  it('removing and re-adding the element keeps it working', async () => {
    const element = await mount({ 'base-url': UNREACHABLE });
    element.transaction = smsChallenge();
    await waitForHeading(element, 'Verify with a text message');
    element.remove();
    document.body.append(element);
    await element.updateComplete;
    expect(heading(element)).to.equal('Verify with a text message');
    element.remove();
  });

  it('lang picks a registered language and the messages property overrides single keys', async () => {
    registerLocale('fr', { 'primary.title': 'Connexion', 'primary.submit': 'Se connecter' });
    const element = await mount({ 'base-url': UNREACHABLE, lang: 'fr' });
    await waitForHeading(element, 'Connexion');
    element.messages = { 'primary.submit': 'Entrer' };
    await element.updateComplete;
    expect(button(element, 'Entrer').isConnected).to.equal(true);
  });
});

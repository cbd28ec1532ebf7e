import { expect, oneEvent } from '@open-wc/testing';
import { cleanup, click, errorText, expectAccessible, find, focused, heading, input, mount, press, root, text, type, until, waitForHeading } from './helpers.js';
import { addFactor, advance, createUser, passcode, signIn, simNow, totpCode, useSimulator } from './factors-support.js';

describe('TOTP factors (Okta Verify, Google Authenticator) against the simulator', () => {
  const baseUrl = useSimulator();
  let announced: string[];

  function watchAnnouncements(element: HTMLElement): void {
    announced = [];
    new MutationObserver(() => announced.push(root(element as never).querySelector('[role="status"][aria-live]')?.textContent?.trim() ?? '')).observe(
      (element.shadowRoot ?? element) as Node,
      { subtree: true, characterData: true, childList: true },
    );
  }

  it('Google Authenticator enrollment: QR image, the key behind "can’t scan?" with a copy button, then a code computed from that key', async () => {
    const user = await createUser({ enroll: ['token:software:totp'] });
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true });
    watchAnnouncements(element);
    await signIn(element, user.login);
    await until(() => text(element).includes('Google Authenticator code'), 'the enrollment list', element);
    await click(element, 'Google Authenticator code');
    await waitForHeading(element, 'Set up Google Authenticator');
    await expectAccessible(element);
    await press('Enter');
    await waitForHeading(element, 'Link Google Authenticator');

    const qr = find<HTMLImageElement>(element, 'img[part="qr"]')!;
    expect(qr.alt).to.equal('QR code to scan with Google Authenticator');
    await qr.decode();
    expect(qr.naturalWidth, 'the simulator served a PNG').to.be.greaterThan(100);

    const details = find<HTMLDetailsElement>(element, 'details')!;
    expect(details.open).to.equal(false);
    find<HTMLElement>(element, 'details summary')!.click();
    expect(details.open).to.equal(true);
    const shown = find(element, 'code[part="secret"]')!.textContent!;
    expect(shown).to.match(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    const secret = shown.replace(/\s/g, '');

    const clipboard = navigator.clipboard;
    const written: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (value: string) => void written.push(value) } });
    try {
      await click(element, 'Copy key');
      await until(() => announced.includes('Key copied.'), 'the copy announcement', element);
      expect(written).to.deep.equal([secret]);
      Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async () => Promise.reject(new DOMException('denied', 'NotAllowedError')) } });
      await click(element, 'Copy key');
      await until(() => announced.some((line) => line.startsWith('Key selected.')), 'the select fallback', element);
      const selection = (element.shadowRoot as ShadowRoot & { getSelection?: () => Selection | null }).getSelection?.() ?? getSelection();
      expect(selection?.toString().replace(/\s/g, '')).to.equal(secret);
    } finally {
      Object.defineProperty(navigator, 'clipboard', { configurable: true, value: clipboard });
    }
    await expectAccessible(element);

    const now = await simNow();
    const code = await totpCode(secret, now);
    await type(element, 'passCode', code === '000000' ? '111111' : '000000');
    await press('Enter');
    await until(() => errorText(element).includes('not correct'), 'the wrong-code message', element);
    expect(focused(element)).to.equal(input(element, 'passCode'));
    expect(heading(element)).to.equal('Link Google Authenticator');
    const success = oneEvent(element, 'okta-authn-success');
    await type(element, 'passCode', await totpCode(secret, await simNow()));
    await press('Enter');
    await success;
  });

  it('Okta Verify code with "don’t ask again": the next sign-in from this browser skips MFA', async () => {
    const user = await createUser({ allowRememberDevice: true, rememberDeviceLifetimeInMinutes: 15 });
    const factor = await addFactor(user, { factorType: 'token:software:totp', provider: 'OKTA' });
    await advance(30); // the activation used this window's code; codes are single use
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true });
    await signIn(element, user.login);
    await waitForHeading(element, 'Enter a code from Okta Verify');
    const remember = input(element, 'rememberDevice');
    expect(remember.checked).to.equal(false);
    expect(text(element)).to.include('Don’t ask again on this device for 15 minutes');
    expect(input(element, 'passCode').getAttribute('autocomplete')).to.equal('one-time-code');
    expect(input(element, 'passCode').getAttribute('inputmode')).to.equal('numeric');
    await expectAccessible(element);
    await type(element, 'passCode', 'abc');
    await press('Enter');
    await until(() => errorText(element).includes('not correct'), 'the wrong-code message', element);
    remember.click();
    await type(element, 'passCode', (await passcode(user, factor.id)).passCode);
    await press('Enter');
    await waitForHeading(element, 'You are signed in');
    cleanup();

    const again = await mount({ 'base-url': baseUrl(), 'no-remember-me': true });
    const states: string[] = [];
    again.addEventListener('okta-authn-state', (event) => states.push(event.detail.status));
    await signIn(again, user.login);
    await until(() => states.length > 0, 'the next state', again);
    expect(states).to.deep.equal(['SUCCESS']);
  });
});

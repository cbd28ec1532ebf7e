import { expect, oneEvent } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import type { OktaAuthn } from '../../src/okta-authn.js';
import { click, enterIn, errorText, expectAccessible, find, focused, heading, input, mount, press, root, text, type, until, waitForHeading } from './helpers.js';
import { PASSWORD, addFactor, createUser, lastCode, signIn, useSimulator } from './factors-support.js';
import { UNREACHABLE, enrollEntry, enrollState, link, mfaRequired, passwordState, recoverySmsChallenge, smsChallenge, smsFactor, totpActivation } from './raw-fixtures.js';

/** The card background of the dark variant (`--_color-background`), to know the dark tokens apply. */
const DARK_BACKGROUND = 'rgb(27, 28, 32)';

/** Elements of the element's render root whose computed style still animates or transitions something. */
function moving(element: OktaAuthn): string[] {
  const seconds = (list: string) => list.split(',').map((value) => parseFloat(value) * (value.trim().endsWith('ms') ? 0.001 : 1));
  const describe = (node: Element) => `${node.localName}${node.getAttribute('part') ? `[part="${node.getAttribute('part')}"]` : ''}`;
  const found: string[] = [];
  for (const node of [element, ...root(element).querySelectorAll('*')]) {
    const style = getComputedStyle(node);
    if (style.animationName !== 'none' && seconds(style.animationDuration).some((value) => value > 0)) found.push(`${describe(node)} animation ${style.animationName}`);
    if (style.transitionProperty !== 'none' && seconds(style.transitionDuration).some((value) => value > 0)) found.push(`${describe(node)} transition ${style.transitionDuration}`);
  }
  const running = (element.shadowRoot ?? document).getAnimations().filter((animation) => animation.playState === 'running');
  return [...found, ...running.map((animation) => `running ${animation.constructor.name}`)];
}

/**
 * Emulates both media features (each call replaces all of them) and waits for the colour
 * transitions a scheme change starts to end: axe reads the colours on screen.
 */
async function useMedia(element: OktaAuthn, colorScheme: 'light' | 'dark', reducedMotion: 'reduce' | 'no-preference' = 'no-preference'): Promise<void> {
  await emulateMedia({ colorScheme, reducedMotion });
  const transitions = (element.shadowRoot ?? document).getAnimations().filter((animation) => animation instanceof CSSTransition);
  await Promise.all(transitions.map((transition) => transition.finished));
}

/** axe in the light and the dark theme, and nothing moving under reduced motion (something does without it). */
async function expectAccessibleInBothThemesAndStill(element: OktaAuthn): Promise<void> {
  const card = find(element, '[part="base"]')!;
  await useMedia(element, 'light');
  expect(getComputedStyle(card).backgroundColor, 'light card').to.equal('rgb(255, 255, 255)');
  await expectAccessible(element);
  await useMedia(element, 'dark');
  expect(getComputedStyle(card).backgroundColor, 'dark card').to.equal(DARK_BACKGROUND);
  await expectAccessible(element);
  expect(moving(element), 'buttons transition without a preference').to.not.deep.equal([]);
  await useMedia(element, 'dark', 'reduce');
  expect(moving(element)).to.deep.equal([]);
}

async function showRaw(raw: Record<string, unknown>, title: string): Promise<OktaAuthn> {
  const element = await mount({ 'base-url': UNREACHABLE });
  element.transaction = raw;
  await waitForHeading(element, title);
  return element;
}

describe('accessibility of every view family in both themes and with reduced motion', () => {
  const baseUrl = useSimulator();

  // A page that supports both schemes: the card follows the emulated OS preference.
  before(() => {
    document.documentElement.style.colorScheme = 'light dark';
  });

  after(() => {
    document.documentElement.style.colorScheme = '';
  });

  afterEach(async () => {
    await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
  });

  it('sign-in with an error shown', async () => {
    const element = await mount({ 'base-url': UNREACHABLE });
    await enterIn(element, 'username');
    expect(errorText(element)).to.equal('Enter your username.');
    await expectAccessibleInBothThemesAndStill(element);
  });

  it('the MFA picker', async () => {
    const element = await showRaw(mfaRequired([smsFactor('sms1', '+1 XXX-XXX-4242'), smsFactor('sms2', '+1 XXX-XXX-1111')], true), 'Choose a security method');
    await expectAccessibleInBothThemesAndStill(element);
  });

  it('code entry with the resend countdown', async () => {
    const element = await showRaw(smsChallenge(), 'Verify with a text message');
    find<HTMLDetailsElement>(element, 'details')!.open = true;
    expect(find(element, '[part="countdown"]')).to.not.equal(null);
    await expectAccessibleInBothThemesAndStill(element);
  });

  it('push waiting with the number challenge (the spinner stops under reduced motion)', async () => {
    const user = await createUser({ numberChallenge: true });
    await addFactor(user, { factorType: 'push', provider: 'OKTA' });
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true });
    await signIn(element, user.login);
    await waitForHeading(element, 'Approve a push notification');
    await click(element, 'Send push');
    await until(() => find(element, '[part="challenge"]') !== null, 'the number challenge', element);
    expect(getComputedStyle(find(element, '[part="waiting"] .busy')!).animationName, 'the spinner turns without a preference').to.equal('spin');
    await expectAccessibleInBothThemesAndStill(element);
    expect(getComputedStyle(find(element, '[part="waiting"] .busy')!).animationName).to.equal('none');
  });

  it('the password reset checklist, some rules met', async () => {
    const element = await showRaw(passwordState('PASSWORD_RESET'), 'Reset your password');
    await type(element, 'newPassword', 'abc1');
    await until(() => root(element).querySelectorAll('[part="password-rules"] li.met').length > 0, 'a met rule');
    await expectAccessibleInBothThemesAndStill(element);
  });

  it('the enrollment list with a method already set up', async () => {
    const element = await showRaw(
      enrollState([enrollEntry('sms', 'OKTA', 'REQUIRED', 'ACTIVE'), enrollEntry('question', 'OKTA', 'OPTIONAL'), enrollEntry('email', 'OKTA', 'OPTIONAL')], true),
      'Set up security methods',
    );
    await expectAccessibleInBothThemesAndStill(element);
  });

  it('TOTP activation with the key shown for manual entry', async () => {
    const element = await showRaw(totpActivation(), 'Link Google Authenticator');
    find<HTMLDetailsElement>(element, 'details')!.open = true;
    expect(find(element, '[part="secret"]')?.textContent).to.equal('JBSW Y3DP EHPK 3PXP');
    await expectAccessibleInBothThemesAndStill(element);
  });

  it('security keys: several keys are one choice, then the verify step; the enroll step with its optional name', async () => {
    const key = (id: string) => ({ id, factorType: 'webauthn', provider: 'FIDO', vendorName: 'FIDO', profile: { credentialId: id, authenticatorName: id }, _links: { verify: link(`/api/v1/authn/factors/${id}/verify`) } });
    const element = await showRaw(mfaRequired([key('fwf1'), key('fwf2'), smsFactor('sms1', '+1 XXX-XXX-4242')], true), 'Choose a security method');
    expect(root(element).querySelectorAll('button[part~="factor"]').length).to.equal(2);
    await click(element, 'Security key or biometric');
    await waitForHeading(element, 'Security key or biometric');
    expect(text(element)).to.include('Use your security key or this device’s fingerprint or face.');
    await expectAccessibleInBothThemesAndStill(element);
    const enroll = await showRaw(enrollState([enrollEntry('webauthn', 'FIDO', 'REQUIRED')], false), 'Set up security methods');
    await click(enroll, 'Security key or biometric');
    await waitForHeading(enroll, 'Security key or biometric');
    expect(input(enroll, 'authenticatorName')).to.not.equal(null);
    await expectAccessibleInBothThemesAndStill(enroll);
  });

  it('the recovery challenge', async () => {
    const element = await showRaw(recoverySmsChallenge(), 'Enter the code from the text message');
    await expectAccessibleInBothThemesAndStill(element);
  });

  it('a step that ends here: account unlocked, with its status icon and primary "Back to sign in"', async () => {
    const element = await showRaw({ status: 'SUCCESS', recoveryType: 'UNLOCK', expiresAt: '2030-01-01T00:00:00.000Z', _embedded: {} }, 'Account unlocked');
    expect(find(element, '[part="status"] svg')).to.not.equal(null);
    await expectAccessibleInBothThemesAndStill(element);
  });
});

describe('keyboard only', () => {
  const baseUrl = useSimulator();

  /** Presses Tab (or Shift+Tab) and returns what has the focus then. */
  async function tab(element: OktaAuthn, back = false): Promise<Element | null> {
    if (back) await sendKeys({ down: 'Shift' });
    await press('Tab');
    if (back) await sendKeys({ up: 'Shift' });
    return focused(element);
  }

  it('signs in with a wrong password, the MFA picker, a wrong code and the right one, without the mouse; focus goes to the first field or the error at each step', async () => {
    const user = await createUser({ sms: true });
    await addFactor(user, { factorType: 'token:software:totp', provider: 'GOOGLE' });
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true });
    (document.activeElement as HTMLElement | null)?.blur();
    expect(document.activeElement, 'nothing focused on the page').to.equal(document.body);

    expect(await tab(element), 'Tab enters the element at the username').to.equal(input(element, 'username'));
    await typeHere(user.login);
    expect(await tab(element)).to.equal(input(element, 'password'));
    await typeHere('Wrong-Passw0rd!');
    await press('Enter');
    await until(() => errorText(element) === 'The username or password is incorrect.', 'the wrong-password error', element);
    expect(focused(element), 'the password has the focus, to type it again').to.equal(input(element, 'password'));
    expect(input(element, 'password').getAttribute('aria-invalid'), 'not marked invalid: the banner does not say which of the two is wrong').to.equal('false');
    expect(input(element, 'password').getAttribute('aria-describedby'), 'described by the banner').to.equal(find(element, '[part="error"]')?.id);
    expect((await tab(element))?.textContent?.trim(), 'then the show-password toggle').to.equal('Show password');
    expect((await tab(element))?.textContent?.trim(), 'then the submit button').to.equal('Sign in');
    await tab(element, true);
    expect(await tab(element, true), 'Shift+Tab goes back the same way').to.equal(input(element, 'password'));
    await typeHere(PASSWORD);
    await press('Enter');

    await waitForHeading(element, 'Choose a security method');
    const factors = [...root(element).querySelectorAll<HTMLButtonElement>('[part~="factor"]')];
    expect(factors[0]?.textContent).to.include('Google Authenticator');
    expect(factors[1]?.textContent).to.include('SMS');
    expect(focused(element), 'the first security method has the focus').to.equal(factors[0]);
    await press('ArrowDown');
    expect(focused(element), 'ArrowDown moves to the next method').to.equal(factors[1]);
    await press('ArrowDown');
    expect(focused(element), 'and wraps around').to.equal(factors[0]);
    await press('ArrowUp');
    expect(focused(element)).to.equal(factors[1]);
    expect((await tab(element))?.textContent?.trim(), 'Tab leaves the list').to.equal('Back to sign in');
    expect(await tab(element, true)).to.equal(factors[1]);
    await press('Space');

    await waitForHeading(element, 'Verify with a text message');
    expect(focused(element)?.textContent?.trim(), 'the only control of the step has the focus').to.equal('Send code');
    await press('Enter');
    await until(() => find(element, '[name="passCode"]') !== null, 'the code field', element);
    expect(focused(element), 'the code field has the focus').to.equal(input(element, 'passCode'));
    const code = await lastCode(user.phone, 'sms');
    await typeHere(code === '000000' ? '111111' : '000000');
    await press('Enter');
    await until(() => errorText(element).startsWith('That code is not correct'), 'the wrong-code error', element);
    expect(focused(element), 'the code field in error has the focus').to.equal(input(element, 'passCode'));
    const success = oneEvent(element, 'okta-authn-success');
    await typeHere(code);
    await press('Enter');
    expect((await success).detail.user?.profile.login).to.equal(user.login);
    await waitForHeading(element, 'You are signed in');
    expect(heading(element)).to.equal('You are signed in');
  });
});

/** Types into whatever has the focus (the real keyboard; a field focused after an error has its text selected, so this replaces it). */
async function typeHere(text: string): Promise<void> {
  await sendKeys({ type: text });
}

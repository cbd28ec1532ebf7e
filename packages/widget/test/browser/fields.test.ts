import { expect } from '@open-wc/testing';
import { en } from '../../src/i18n/en.js';
import { shippedTags } from '../../src/i18n/shipped.js';
import type { OktaAuthn } from '../../src/okta-authn.js';
import { bannerText, button, cleanup, click, enterIn, expectAccessible, find, focused, input, mount, press, root, type, until, waitForHeading } from './helpers.js';
import { createUser, lastCode, PASSWORD, signIn, useSimulator } from './factors-support.js';
import { UNREACHABLE, oktaError, passwordState } from './raw-fixtures.js';

/** The password inputs of the sign-in form and of a new-password form. */
const PASSWORD_INPUTS = { 'sign-in': ['password'], 'expired password': ['oldPassword', 'newPassword', 'confirmPassword'] } as const;

/** An element in a container `width` px wide (the element fills it), in `lang`, showing sign-in. */
async function inContainer(lang: string): Promise<{ element: OktaAuthn; container: HTMLDivElement }> {
  const container = document.createElement('div');
  container.className = 'fields-test-container';
  document.body.append(container);
  const element = document.createElement('okta-authn');
  element.setAttribute('base-url', UNREACHABLE);
  element.setAttribute('lang', lang);
  container.append(element);
  await element.updateComplete;
  return { element, container };
}

/** Where the toggle sits against its input, and the input's text box (its content box, where typed text shows). */
function toggleGeometry(element: OktaAuthn, name: string): { input: DOMRect; toggle: DOMRect; textStart: number; textEnd: number } {
  const field = input(element, name);
  const toggle = field.parentElement!.querySelector<HTMLElement>('[part="password-toggle"]')!;
  const box = field.getBoundingClientRect();
  const style = getComputedStyle(field);
  const px = (value: string) => Number.parseFloat(value);
  return {
    input: box,
    toggle: toggle.getBoundingClientRect(),
    textStart: box.left + px(style.borderLeftWidth) + px(style.paddingLeft),
    textEnd: box.right - px(style.borderRightWidth) - px(style.paddingRight),
  };
}

/** The error on display about input `name`: its message, what describes the input, and whether it is marked invalid. */
function fieldState(element: OktaAuthn, name: string): { message: HTMLElement | null; describedBy: HTMLElement[]; invalid: string | null } {
  const field = input(element, name);
  const ids = (field.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  const byId = (id: string) => root(element).querySelector<HTMLElement>(`#${CSS.escape(id)}`);
  return {
    message: field.closest('[part~="field"]')?.querySelector<HTMLElement>('[part~="field-error"]') ?? null,
    describedBy: ids.map(byId).filter((found): found is HTMLElement => found !== null),
    invalid: field.getAttribute('aria-invalid'),
  };
}

/** The message under `name` says `text`, follows the input, describes it (visibly), marks it invalid and has the focus; no banner. */
function expectFieldError(element: OktaAuthn, name: string, text: string | RegExp): void {
  const { message, describedBy, invalid } = fieldState(element, name);
  expect(message, `a message under ${name}`).to.not.equal(null);
  const said = message!.textContent!.replace(/\s+/g, ' ').trim();
  if (typeof text === 'string') expect(said).to.equal(text);
  else expect(said).to.match(text);
  const field = input(element, name);
  expect(field.compareDocumentPosition(message!) & Node.DOCUMENT_POSITION_FOLLOWING, 'the message comes after the input').to.not.equal(0);
  expect(message!.getBoundingClientRect().top, 'and shows under it').to.be.at.least(field.getBoundingClientRect().bottom);
  expect(describedBy, 'aria-describedby points at the message').to.include(message);
  expect(message!.checkVisibility(), 'which is visible').to.equal(true);
  expect(invalid).to.equal('true');
  expect(focused(element), `focus on ${name}`).to.equal(field);
  expect(find(element, '[part="error"]'), 'no banner').to.equal(null);
}

/** The banner says `text`; no field shows a message or is marked invalid; the focused field (if any) is described by the visible banner. */
function expectBanner(element: OktaAuthn, text: string | RegExp): void {
  const said = bannerText(element);
  if (typeof text === 'string') expect(said).to.equal(text);
  else expect(said).to.match(text);
  expect(find(element, '[part~="field-error"]'), 'no message under a field').to.equal(null);
  expect(root(element).querySelectorAll('input[aria-invalid="true"]'), 'no input marked invalid').to.have.length(0);
  const current = focused(element);
  if (current instanceof HTMLInputElement) {
    const banner = find(element, '[part="error"]')!;
    expect(current.getAttribute('aria-describedby')?.split(/\s+/), 'the focused input is described by the banner').to.include(banner.id);
    expect(banner.checkVisibility()).to.equal(true);
  }
}

describe('password fields', () => {
  afterEach(() => {
    cleanup();
    for (const container of document.querySelectorAll('.fields-test-container')) container.remove();
  });

  /** Username input widths by container width, from the sign-in form of the language under test. */
  const widths = new Map<number, number>();

  for (const lang of shippedTags) {
    it(`${lang}: every password input is as wide as the username input at 240 px and 390 px, its toggle inside it at the inline end, text never under the toggle`, async () => {
      const { element, container } = await inContainer(lang);
      const rtl = find(element, '[part="base"]')?.getAttribute('dir') === 'rtl';
      for (const [view, names] of Object.entries(PASSWORD_INPUTS)) {
        if (view !== 'sign-in') {
          element.transaction = passwordState('PASSWORD_EXPIRED');
          await until(() => find(element, '[name="confirmPassword"]') !== null, 'the new-password form', element);
        }
        for (const width of [240, 390]) {
          container.style.width = `${width}px`;
          await element.updateComplete;
          // The username input of sign-in at this width (the new-password form's own username input is hidden).
          const usernameWidth = view === 'sign-in' ? input(element, 'username').getBoundingClientRect().width : widths.get(width)!;
          widths.set(width, usernameWidth);
          for (const name of names) {
            const where = `${view}, ${name}, ${width} px`;
            const { input: box, toggle, textStart, textEnd } = toggleGeometry(element, name);
            expect(box.width, `${where}: as wide as the username input`).to.be.closeTo(usernameWidth, 0.5);
            expect(toggle.top >= box.top - 0.5 && toggle.bottom <= box.bottom + 0.5, `${where}: the toggle is inside the input`).to.equal(true);
            if (rtl) {
              expect(toggle.left, `${where}: the toggle at the inline end (left)`).to.be.closeTo(box.left, 1);
              expect(textStart, `${where}: text starts after the toggle`).to.be.at.least(toggle.right - 0.5);
            } else {
              expect(toggle.right, `${where}: the toggle at the inline end (right)`).to.be.closeTo(box.right, 1);
              expect(textEnd, `${where}: text ends before the toggle`).to.be.at.most(toggle.left + 0.5);
            }
            expect(textEnd - textStart, `${where}: room to type`).to.be.greaterThan(width / 3);
          }
        }
      }
    });
  }

  it('the toggle is an icon button named "Show password" whose aria-pressed says whether the password is shown', async () => {
    const element = await mount({ 'base-url': UNREACHABLE });
    const toggle = () => find<HTMLButtonElement>(element, '[part="password-toggle"]')!;
    expect(toggle().textContent?.trim(), 'its name, in words').to.equal(en['primary.showPassword']);
    expect(toggle().getAttribute('aria-pressed')).to.equal('false');
    expect(toggle().getAttribute('aria-controls')).to.equal(input(element, 'password').id);
    const icon = toggle().querySelector('svg')!;
    expect(icon.getAttribute('aria-hidden')).to.equal('true');
    expect(getComputedStyle(icon).stroke, 'drawn in the text colour').to.equal(getComputedStyle(toggle()).color);
    const hiddenIcon = icon.innerHTML;
    await type(element, 'password', 'secret');
    toggle().click();
    await element.updateComplete;
    expect(input(element, 'password').type).to.equal('text');
    expect(toggle().getAttribute('aria-pressed')).to.equal('true');
    expect(toggle().textContent?.trim(), 'the name stays: the pressed state says it is shown').to.equal(en['primary.showPassword']);
    expect(toggle().querySelector('svg')!.innerHTML, 'the icon changes').to.not.equal(hiddenIcon);
    expect(input(element, 'password').value).to.equal('secret');
    await expectAccessible(element);
    await click(element, 'Show password');
    expect(input(element, 'password').type).to.equal('password');
    expect(toggle().getAttribute('aria-pressed')).to.equal('false');
  });
});

describe('errors next to the field they are about', () => {
  const baseUrl = useSimulator();
  afterEach(cleanup);

  it('an empty username: the message under the username, which is invalid, described by it and focused', async () => {
    const element = await mount({ 'base-url': UNREACHABLE });
    await enterIn(element, 'username');
    expectFieldError(element, 'username', en['primary.usernameRequired']);
    await expectAccessible(element);
  });

  it('a wrong code: the message under the code field; typing the right code clears it', async () => {
    const user = await createUser({ sms: true });
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true });
    await signIn(element, user.login);
    await waitForHeading(element, 'Verify with a text message');
    await click(element, 'Send code');
    await until(() => find(element, '[name="passCode"]') !== null, 'the code field', element);
    const code = await lastCode(user.phone);
    await type(element, 'passCode', code === '000000' ? '111111' : '000000');
    await press('Enter');
    await until(() => find(element, '[part~="field-error"]') !== null, 'the wrong-code message', element);
    expectFieldError(element, 'passCode', en['error.invalidCode']);
    await expectAccessible(element);
  });

  it('a confirmation that does not match: the message under the confirmation, without a request', async () => {
    const element = await mount({ 'base-url': UNREACHABLE });
    element.transaction = passwordState('PASSWORD_RESET');
    await waitForHeading(element, 'Reset your password');
    await type(element, 'newPassword', 'Abcdefg1');
    await type(element, 'confirmPassword', 'Abcdefg2');
    await press('Enter');
    await element.updateComplete;
    expectFieldError(element, 'confirmPassword', en['error.passwordMismatch']);
    expect(input(element, 'newPassword').getAttribute('aria-invalid')).to.equal('false');
    await expectAccessible(element);
  });

  it('a password the server refuses: its rules (errorCauses) listed under the new password; a wrong current password under the current one', async () => {
    const user = await createUser({ mfa: 'none', expired: true });
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true });
    await signIn(element, user.login);
    await waitForHeading(element, 'Your password has expired');
    await type(element, 'oldPassword', 'Not-my-passw0rd!');
    await type(element, 'newPassword', 'Fresh-Meadow-42!');
    await type(element, 'confirmPassword', 'Fresh-Meadow-42!');
    await press('Enter');
    await until(() => find(element, '[part~="field-error"]') !== null, 'the wrong current password', element);
    expectFieldError(element, 'oldPassword', en['error.oldPasswordWrong']);
    await type(element, 'oldPassword', PASSWORD);
    await type(element, 'newPassword', 'errors');
    await type(element, 'confirmPassword', 'errors');
    await press('Enter');
    await until(() => fieldState(element, 'newPassword').message !== null, 'the policy violation', element);
    expectFieldError(element, 'newPassword', new RegExp(`^${en['error.passwordPolicy']}`));
    const causes = [...fieldState(element, 'newPassword').message!.querySelectorAll('li')].map((item) => item.textContent?.trim());
    expect(causes.length, 'each cause is listed').to.be.greaterThan(0);
    expect(causes.join(' ')).to.match(/password/i);
    await expectAccessible(element);
  });

  it('a phone number: too short here, or refused by the server, the message is under the number', async () => {
    const user = await createUser({ enroll: ['sms'] });
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true, lang: 'en-US' });
    await signIn(element, user.login);
    await until(() => root(element).textContent!.includes('SMS'), 'the enrollment list', element);
    await click(element, 'SMS');
    await waitForHeading(element, 'Set up text message verification');
    await type(element, 'phoneNumber', '12');
    await press('Enter');
    await element.updateComplete;
    expectFieldError(element, 'phoneNumber', en['factor.phone.invalid']);
    await type(element, 'phoneNumber', '12345');
    await press('Enter');
    await until(() => fieldState(element, 'phoneNumber').message?.textContent?.includes(en['error.invalidPhone']) === true, 'the server refusing the number', element);
    expectFieldError(element, 'phoneNumber', en['error.invalidPhone']);
    await expectAccessible(element);
  });

  it('an input in error keeps its red border under the focus ring', async () => {
    const element = await mount({ 'base-url': UNREACHABLE });
    await enterIn(element, 'username');
    const field = input(element, 'username');
    expect(focused(element)).to.equal(field);
    const style = getComputedStyle(field);
    const error = getComputedStyle(find(element, '[part~="field-error"]')!).color;
    expect(style.borderTopColor, 'the border is the error colour').to.equal(error);
    expect(style.boxShadow, 'doubled inside').to.include(error);
    expect(style.outlineStyle, 'the focus ring shows').to.not.equal('none');
    expect(Number.parseFloat(style.outlineOffset), 'outside the border').to.be.greaterThan(0);
  });
});

describe('errors that belong to no field stay in the banner', () => {
  const baseUrl = useSimulator();
  afterEach(cleanup);

  it('a wrong password: the banner; the password keeps the focus to retype, described by the banner', async () => {
    const user = await createUser({ mfa: 'none' });
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true });
    await signIn(element, user.login, 'Not-the-password1');
    await until(() => bannerText(element) !== '', 'the wrong-password error', element);
    expectBanner(element, en['error.authFailed']);
    expect(focused(element)).to.equal(input(element, 'password'));
    await expectAccessible(element);
  });

  it('a locked account: the banner', async () => {
    const element = await mount(
      { 'base-url': UNREACHABLE },
      { fetch: () => Promise.resolve(new Response(JSON.stringify(oktaError('E0000069', 'User Locked')), { status: 403, headers: { 'Content-Type': 'application/json' } })) },
    );
    await signIn(element, 'someone@example.test');
    await until(() => bannerText(element) !== '', 'the locked-out error', element);
    expectBanner(element, en['error.locked']);
    await expectAccessible(element);
  });

  it('a network failure: the banner with "Try again"', async () => {
    const element = await mount({ 'base-url': UNREACHABLE }, { fetch: () => Promise.reject(new TypeError('Failed to fetch')) });
    await signIn(element, 'someone@example.test');
    await until(() => bannerText(element) !== '', 'the network error', element);
    expectBanner(element, new RegExp(`^${en['error.network']}`));
    expect(button(element, en['widget.retry'])).to.not.equal(null);
    await expectAccessible(element);
  });
});
